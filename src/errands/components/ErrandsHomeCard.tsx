/**
 * Home's 代缴代办 card (issue 22). A registered resident: 代缴水电费、代办证明 in one line, how many of
 * their errands are open, and a tap opens 我的代办 (the form is one tap further). Staff: how many
 * errands wait for 接单 and a button into 代办单. Nothing while loading, on error, or for others.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isStaff, type Me } from '../../account/api';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import { ERRANDS_URLS } from '../api';

export function ErrandsHomeCard({ me }: { me?: Me | null }) {
  if (!me || !me.registered) return null;
  if (isStaff(me)) return <StaffCard />;
  if (me.user.role !== 'resident') return null;
  return <ResidentCard />;
}

function ResidentCard() {
  const mine = useRemote(() => call('errands', 'mine', {}));
  const open = mine.state === 'ok' ? mine.data.filter((e) => e.status === 'requested' || e.status === 'accepted').length : 0;
  return (
    <View className="card tap-row home-errands" role="button" onClick={() => Taro.navigateTo({ url: ERRANDS_URLS.mine })}>
      <View>
        <Text className="subtitle">代缴代办</Text>
        <Text className="muted">水电费、开证明，社区帮您办</Text>
        {open ? <Text className="home-errands-open">有 {open} 件正在办</Text> : null}
      </View>
      <Text className="home-messages-go">›</Text>
    </View>
  );
}

function StaffCard() {
  const waiting = useRemote(() => call('errands', 'list', { status: 'requested' }));
  return (
    <View className="card home-errands-staff">
      <Text className="subtitle">代缴代办</Text>
      <Text className="muted">{waiting.state === 'ok' ? (waiting.data.length ? `有 ${waiting.data.length} 件等待接单` : '现在没有等待接单的代办') : '居民请社区代缴代办的事'}</Text>
      <View className="actions">
        <Button size="large" block className="open-errands-staff" onClick={() => Taro.navigateTo({ url: ERRANDS_URLS.staff })}>
          代办单
        </Button>
      </View>
    </View>
  );
}
