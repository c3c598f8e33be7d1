/**
 * Home's 我的快递 card (issue 22) for a registered resident: how many parcels wait at the 解忧铺 and
 * their codes (big in elder mode); a tap opens 我的快递. Shows nothing while loading, on error or
 * for staff; with none waiting, a quiet line. Staff get 代收快递 through {@link ParcelsStaffButton}.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import { PARCELS_URLS } from '../api';

export function ParcelsHomeCard({ me }: { me?: Me | null }) {
  const resident = !!me && me.registered && me.user.role === 'resident';
  if (!resident) return null;
  return <ResidentCard />;
}

function ResidentCard() {
  const mine = useRemote(() => call('parcels', 'myParcels', {}));
  if (mine.state !== 'ok') return null;
  const waiting = mine.data.waiting;
  return (
    <View className="card tap-row home-parcels" role="button" onClick={() => Taro.navigateTo({ url: PARCELS_URLS.mine })}>
      <View>
        <Text className="subtitle">我的快递</Text>
        {waiting.length ? (
          <>
            <Text className="home-parcels-count">有 {waiting.length} 个快递待取</Text>
            <Text className="home-parcels-codes">取件码 {waiting.slice(0, 3).map((p) => p.code).join('、')}{waiting.length > 3 ? ' …' : ''}</Text>
          </>
        ) : (
          <Text className="muted">现在没有待取的快递</Text>
        )}
      </View>
      <Text className="home-messages-go">›</Text>
    </View>
  );
}

/** 代收快递: the button into the parcel desk, for staff cards (home's 柜台代办, the counter search page). */
export function ParcelsStaffButton() {
  return (
    <Button size="large" block className="open-parcels" onClick={() => Taro.navigateTo({ url: PARCELS_URLS.counter })}>
      代收快递
    </Button>
  );
}
