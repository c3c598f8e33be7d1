/**
 * Local kiosk only (registered in app.config only when TARO_APP_LOCAL=1): pick a seeded person to
 * act as, or "a new resident": a fresh OPENID (`local-new-<random>`) nobody registered yet, to try
 * the first visit (registration). The choice is sent as X-WX-OPENID to the local gateway.
 */
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { roleLabel } from '../../../cloudfunctions/shared/vocabulary/roles';
import { actingOpenid, listDemoPeople, setActingOpenid, type DemoPerson } from '../../services/identity';
import type { CallResult } from '../../services/cloud';
import { NETWORK_ERROR } from '../../services/cloud';
import { Cell } from '../../ui/nutui';
import { ErrorState, LoadingState } from '../../ui/PageState';
import { useRemote } from '../../ui/useRemote';
import { Page } from '../../ui/Page';
import './index.css';

async function load(): Promise<CallResult<DemoPerson[]>> {
  try {
    return { ok: true, data: await listDemoPeople() };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

const NEW_PREFIX = 'local-new-';

/** A fresh OPENID nobody has registered: each choice of "a new resident" is another person. */
function freshOpenid(): string {
  return `${NEW_PREFIX}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

export default function IdentityPage() {
  const people = useRemote(load);
  if (people.state === 'loading') return <Page><LoadingState /></Page>;
  if (people.state === 'error') return <Page><ErrorState message={people.error.message} code={people.error.code} onRetry={people.reload} /></Page>;
  const current = actingOpenid();
  const actAs = (openid: string) => {
    setActingOpenid(openid);
    Taro.reLaunch({ url: '/pages/index/index' });
  };
  const choose = (p: DemoPerson) => actAs(p.openid);
  const newcomer = current.startsWith(NEW_PREFIX);
  return (
    <Page className="identity">
      <Text className="muted">本地演示时，选择以哪位居民或工作人员的身份使用。正式小程序中由微信登录确定身份。</Text>
      <Cell className="identity-person" title="当前身份在微信里会收到的通知" description="点过“允许”的受理、办结、候补成功、预约取消等通知" extra="查看" onClick={() => Taro.navigateTo({ url: '/pages/wechat/index' })} />
      <Cell
        className={`identity-person identity-new${newcomer ? ' identity-current' : ''}`}
        title="一位新居民（还没登记）"
        description="一个新的微信，可以试试第一次登记"
        extra={newcomer ? '当前' : '选择'}
        onClick={() => actAs(freshOpenid())}
      />
      {people.data.map((p) => (
        <Cell
          key={p.openid}
          className={`identity-person${p.openid === current ? ' identity-current' : ''}`}
          title={`${p.name}${p.called ? `（${p.called}）` : ''}`}
          description={p.communityName ? `${roleLabel(p.role)} · ${p.communityName}` : roleLabel(p.role)}
          extra={p.openid === current ? '当前' : '选择'}
          onClick={() => choose(p)}
        />
      ))}
    </Page>
  );
}
