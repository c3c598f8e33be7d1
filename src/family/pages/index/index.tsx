/**
 * 家人代办 (issue 22 §5; a family member, any WeChat): 获取绑定码 — their name and a 6-digit code shown
 * large with its expiry, to show at the 解忧铺 counter, where staff link it to the elder's record with
 * the elder's spoken consent; 我的家人 — the elders this WeChat is linked to, each with 「为TA办理」: while
 * on, the market, problem, message and parcel pages act for that elder (banner 「正在为 邹建庄 办理 ·
 * 切回自己」), and the shortcuts below open them. Voting is never done for anyone (社区议事 stays one's own).
 */
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/call';
import type { CallError } from '../../../services/cloud';
import { setActingFor, useActingFor } from '../../../services/family';
import { proxyWords } from '../../../services/familyActions';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { clockTime } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { ACCOUNT_LIMITS } from '../../../../cloudfunctions/account/limits';
import type { FamilyCodeView, FamilyLinkView } from '../../api';
import '../../family.css';

export default function FamilyPage() {
  const elders = useRemote(() => call('account', 'myElders'));
  useReloadOnReturn(elders.reload);
  return (
    <Page className="family-page">
      <Text className="title">家人代办</Text>
      <Text className="muted">子女或亲属在解忧铺绑定以后，可以用自己的微信替家里老人预约集市服务、反映问题、看消息和快递（不能替老人投票）。</Text>
      {elders.state === 'loading' ? <LoadingState /> : null}
      {elders.state === 'error' ? <ErrorState message={elders.error.message} code={elders.error.code} onRetry={elders.reload} /> : null}
      {elders.state === 'ok' ? <MyElders elders={elders.data} /> : null}
      <CodeCard onLinked={elders.reload} />
    </Page>
  );
}

/** 我的家人: each linked elder with 「为TA办理」, and while acting for one, the ways to do things for them. */
function MyElders({ elders }: { elders: FamilyLinkView[] }) {
  const acting = useActingFor();
  // a link revoked meanwhile: acting for that elder stops
  const current = acting && elders.some((e) => e.elderId === acting.elderId) ? acting : null;
  return (
    <View className="card family-elders">
      <Text className="subtitle">我的家人</Text>
      {elders.length === 0 ? <Text className="muted family-none">还没有绑定家人。先在下面获取绑定码，带到解忧铺柜台，请工作人员帮您绑定。</Text> : null}
      {elders.map((e) => {
        const on = current?.elderId === e.elderId;
        return (
          <View key={e.id} className="family-elder" data-elder={e.elderId}>
            <Text className="family-elder-name">{e.elderName}</Text>
            <Text className="muted">
              您是TA的{e.relationLabel} · 由 {e.linkedByName} 在解忧铺绑定
            </Text>
            {on ? <Text className="family-acting">正在为 {e.elderName} 办理</Text> : null}
            <View className="actions">
              {on ? (
                <Button size="large" block className="family-switch-off" onClick={() => setActingFor(null)}>
                  切回自己
                </Button>
              ) : (
                <Button type="primary" size="large" block className="family-switch-on" onClick={() => setActingFor({ elderId: e.elderId, elderName: e.elderName, communityId: e.communityId })}>
                  为{e.elderName}办理
                </Button>
              )}
            </View>
            {on ? <ActFor name={e.elderName} /> : null}
          </View>
        );
      })}
    </View>
  );
}

/** The things a member can do for the elder: each page shows the banner while on. */
function ActFor({ name }: { name: string }) {
  const go = (url: string) => () => Taro.navigateTo({ url });
  const w = proxyWords(name);
  return (
    <View className="actions family-actions">
      <Button size="large" block className="family-open-bookings" onClick={go('/market/pages/bookings/index')}>
        {w.my('预约')}
      </Button>
      <Button size="large" block className="family-open-market" onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
        预约集市服务（在首页选日子）
      </Button>
      <Button size="large" block className="family-open-report" onClick={go('/ticket/pages/report/index')}>
        {w.say('反映问题', '为{name}反映问题')}
      </Button>
      <Button size="large" block className="family-open-messages" onClick={go('/pages/messages/index')}>
        {w.my('消息')}
      </Button>
      <Button size="large" block className="family-open-parcels" onClick={go('/parcels/pages/mine/index')}>
        {w.my('快递')}
      </Button>
    </View>
  );
}

type CodeState = { state: 'idle' } | { state: 'asking' } | { state: 'shown'; code: FamilyCodeView } | { state: 'failed'; error: CallError };

/** 获取绑定码: the member's name, then the code large with until when it is valid. */
function CodeCard({ onLinked }: { onLinked: () => void }) {
  const [name, setName] = useState('');
  const [code, setCode] = useState<CodeState>({ state: 'idle' });
  useClearOnLeave(() => setCode((c) => (c.state === 'failed' ? { state: 'idle' } : c)));
  const ask = async () => {
    if (code.state === 'asking') return;
    const n = name.trim();
    if (!n) {
      setCode({ state: 'failed', error: { code: 'CLIENT.FORM', message: '请先写上您的名字，工作人员会核对' } });
      return;
    }
    setCode({ state: 'asking' });
    const r = await call('account', 'familyCode', { name: n });
    setCode(r.ok ? { state: 'shown', code: r.data } : { state: 'failed', error: r.error });
  };
  return (
    <View className="card family-code-card">
      <Text className="subtitle">获取绑定码</Text>
      {code.state === 'shown' ? (
        <View>
          <Text className="home-line">请把这个绑定码给解忧铺的工作人员看，并请家里老人一起到场（或在电话里）同意：</Text>
          <Text className="family-code" aria-label={`绑定码 ${code.code.code.split('').join(' ')}`}>
            {code.code.code}
          </Text>
          <Text className="muted family-code-expiry">
            {code.code.minutes} 分钟内有效（到 {clockTime(code.code.expiresAt)} 为止）。绑定好以后，点下面的按钮。
          </Text>
          <View className="actions">
            <Button type="primary" size="large" block className="family-refresh" onClick={onLinked}>
              工作人员已绑定，刷新
            </Button>
            <Button size="large" block onClick={ask}>
              重新获取绑定码
            </Button>
          </View>
        </View>
      ) : (
        <View>
          <Text className="field-label">您的名字（工作人员会核对）</Text>
          <Input
            className="family-name-input"
            value={name}
            maxlength={ACCOUNT_LIMITS.homeText.max}
            placeholder="例如：邹梅"
            aria-label="您的名字"
            onInput={(e) => {
              setName(e.detail.value);
              if (code.state === 'failed') setCode({ state: 'idle' });
            }}
            onConfirm={ask}
          />
          {code.state === 'failed' ? (
            <Text className="notice" aria-live="assertive">
              {code.error.message}
            </Text>
          ) : null}
          <View className="actions">
            <Button type="primary" size="large" block className="family-get-code" loading={code.state === 'asking'} disabled={code.state === 'asking'} onClick={ask}>
              获取绑定码
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}
