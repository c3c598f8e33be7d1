/**
 * Local kiosk only (registered in app.config only when TARO_APP_LOCAL=1): pick a seeded person to
 * act as. The choice is sent as X-WX-OPENID to the local gateway.
 */
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { actingOpenid, listDemoPeople, roleLabel, setActingOpenid, type DemoPerson } from '../../services/identity';
import type { CallResult } from '../../services/cloud';
import { NETWORK_ERROR } from '../../services/cloud';
import { Cell } from '../../ui/nutui';
import { ErrorState, LoadingState } from '../../ui/PageState';
import { useRemote } from '../../ui/useRemote';
import { Page } from '../../ui/Page';

async function load(): Promise<CallResult<DemoPerson[]>> {
  try {
    return { ok: true, data: await listDemoPeople() };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

export default function IdentityPage() {
  const people = useRemote(load);
  if (people.state === 'loading') return <Page><LoadingState /></Page>;
  if (people.state === 'error') return <Page><ErrorState message={people.error.message} onRetry={people.reload} /></Page>;
  const current = actingOpenid();
  const choose = (p: DemoPerson) => {
    setActingOpenid(p.openid);
    Taro.reLaunch({ url: '/pages/index/index' });
  };
  return (
    <Page className="identity">
      <Text className="muted">本地演示时，选择以哪位居民或工作人员的身份使用。正式小程序中由微信登录确定身份。</Text>
      {people.data.map((p) => (
        <Cell
          key={p.openid}
          className={`identity-person${p.openid === current ? ' identity-current' : ''}`}
          title={`${p.name}${p.called ? `（${p.called}）` : ''}`}
          description={`${roleLabel(p.role)} · ${p.communityName}`}
          extra={p.openid === current ? '当前' : '选择'}
          onClick={() => choose(p)}
        />
      ))}
    </Page>
  );
}
