/**
 * Home's 找师傅 card (issue 22). A registered resident: 家政、家电维修、管道疏通 checked by the
 * community, and whether a provider was referred to them; a tap opens 找师傅. Staff: how many asks
 * wait for 推荐 and how many providers are 待复核, with buttons into 转介 and 服务商名录. Nothing for others.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isStaff, type Me } from '../../account/api';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import { PROVIDERS_URLS } from '../api';

export function ProvidersHomeCard({ me }: { me?: Me | null }) {
  if (!me || !me.registered) return null;
  if (isStaff(me)) return <StaffCard />;
  if (me.user.role !== 'resident') return null;
  return <ResidentCard />;
}

function ResidentCard() {
  const mine = useRemote(() => call('providers', 'myReferrals', {}));
  const referred = mine.state === 'ok' ? mine.data.filter((r) => r.status === 'referred').length : 0;
  return (
    <View className="card tap-row home-providers" role="button" onClick={() => Taro.navigateTo({ url: referred ? PROVIDERS_URLS.mine : PROVIDERS_URLS.index })}>
      <View>
        <Text className="subtitle">找师傅</Text>
        <Text className="muted">家政、家电维修、管道疏通，社区核实过的师傅</Text>
        {referred ? <Text className="home-errands-open">社区给您推荐了 {referred} 位师傅，做完请打个分</Text> : null}
      </View>
      <Text className="home-messages-go">›</Text>
    </View>
  );
}

function StaffCard() {
  const waiting = useRemote(() => call('providers', 'referrals', { status: 'requested' }));
  return (
    <View className="card home-providers-staff">
      <Text className="subtitle">找师傅</Text>
      <Text className="muted">{waiting.state === 'ok' ? (waiting.data.length ? `有 ${waiting.data.length} 位居民等社区推荐师傅` : '现在没有等推荐的居民') : '居民请社区推荐家政、维修师傅'}</Text>
      <View className="actions">
        <Button size="large" block className="open-referrals-staff" onClick={() => Taro.navigateTo({ url: PROVIDERS_URLS.staff })}>
          转介
        </Button>
        <Button size="large" block className="open-providers-manage" onClick={() => Taro.navigateTo({ url: PROVIDERS_URLS.manage })}>
          服务商名录
        </Button>
      </View>
    </View>
  );
}
