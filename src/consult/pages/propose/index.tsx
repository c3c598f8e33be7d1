/**
 * 我要提议 (a verified resident): a question for the households of their building, their estate or the
 * whole community — a title, why (the background), yes/no (同意 / 不同意 / 弃权) or 2–8 options of their
 * own. It starts as a proposal: when enough households second it (附议, the community's threshold)
 * staff put it to the vote. Sent with one `requestId` per form (a retry never proposes twice);
 * after sending, the way to the proposal's page. A resident not yet verified is told to verify
 * at the counter first (the function refuses them too: `CONSULT.PROPOSER_NOT_VERIFIED`).
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { EstateOption, Me } from '../../../account/api';
import { call } from '../../../services/call';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { LoadingState, NotRegisteredState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { LineBox, TextBox, charCount } from '../../../ticket/components/TextBox';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import { CONSULT_URLS, type ProposalView } from '../../api';
import { ConsultErrorState, ConsultPage } from '../../components/ConsultPage';

type Scope = 'building' | 'estate' | 'community';
type Send = { state: 'idle' } | { state: 'sending' } | { state: 'done'; p: ProposalView } | { state: 'failed'; error: CallError };

interface FormData {
  me: Me;
  estates: EstateOption[];
}

export default function ProposePage() {
  const load = useCallback(async (): Promise<CallResult<FormData>> => {
    const [me, estates] = await Promise.all([call('account', 'me'), call('account', 'listEstates')]);
    if (!me.ok) return me;
    if (!estates.ok) return estates;
    return { ok: true, data: { me: me.data, estates: estates.data } };
  }, []);
  const data = useRemote(load, [load]);
  return (
    <ConsultPage className="consult-propose">
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <ConsultErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.state === 'ok' && !data.data.me.registered ? <NotRegisteredState /> : null}
      {data.state === 'ok' && data.data.me.registered ? <ProposeForm me={data.data.me} estates={data.data.estates} /> : null}
    </ConsultPage>
  );
}

function ProposeForm({ me, estates }: { me: Extract<Me, { registered: true }>; estates: EstateOption[] }) {
  const home = me.user.home;
  const estate = home ? estates.find((e) => e.id === home.estateId) : undefined;
  const [title, setTitle] = useState('');
  const [background, setBackground] = useState('');
  const [kind, setKind] = useState<'yesNo' | 'choice'>('yesNo');
  const [options, setOptions] = useState<string[]>(['', '']);
  const [scope, setScope] = useState<Scope>('estate');
  const [send, setSend] = useState<Send>({ state: 'idle' });
  const requestId = useRef(newRequestId());
  const clear = () => setSend((s) => (s.state === 'failed' ? { state: 'idle' } : s));
  useClearOnLeave(clear);

  if (send.state === 'done') {
    const p = send.p;
    return (
      <View className="card propose-done">
        <Text className="title">提议已提交</Text>
        <Text className="consult-line">“{p.title}”</Text>
        <Text className="consult-line">
          请邻居们附议：满 {p.secondsNeeded} 户附议后，社区会安排大家讨论、投票。现在已有 {p.seconds} 户附议。
        </Text>
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => Taro.redirectTo({ url: CONSULT_URLS.topic(p.topicId) })}>
            看我的提议
          </Button>
        </View>
      </View>
    );
  }
  if (!home) {
    return (
      <View className="card">
        <Text className="consult-line">提议要先登记您家的住址。请到解忧铺柜台，工作人员帮您登记。</Text>
      </View>
    );
  }

  const scopes = [
    { value: 'building', label: `${estate?.name ?? ''} ${home.building}` },
    { value: 'estate', label: estate?.name ?? '我们小区' },
    { value: 'community', label: me.community?.name ? `${me.community.name}（全社区）` : '全社区' },
  ];
  const submit = async () => {
    if (send.state === 'sending') return;
    const labels = options.map((o) => o.trim()).filter(Boolean);
    const problem =
      charCount(title) < L.topicTitle.min
        ? `请写上要商量的事（至少 ${L.topicTitle.min} 个字）`
        : charCount(background) < L.topicBackground.min
          ? `请说说为什么要商量这件事（至少 ${L.topicBackground.min} 个字）`
          : kind === 'choice' && labels.length < L.options.min
            ? '请至少写两个选项'
            : null;
    if (problem) {
      setSend({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    setSend({ state: 'sending' });
    const scopeInput = scope === 'building' ? { kind: 'building' as const, estateId: home.estateId, building: home.building } : scope === 'estate' ? { kind: 'estate' as const, estateId: home.estateId } : { kind: 'community' as const };
    const r = await call('consult', 'propose', { title: title.trim(), background: background.trim(), scope: scopeInput, requestId: requestId.current, ...(kind === 'choice' ? { options: labels } : {}) });
    setSend(r.ok ? { state: 'done', p: r.data } : { state: 'failed', error: r.error });
  };
  return (
    <View className="card propose-form">
      <Text className="title">我要提议</Text>
      {!me.user.verified ? <Text className="notice">您的身份还没有核实：请带身份证到解忧铺柜台核实，核实后才能提议。</Text> : null}
      <LineBox label="要商量什么事" value={title} max={L.topicTitle.max} placeholder="例如：小区里安装充电桩" onChange={(v) => {
        setTitle(v);
        clear();
      }} />
      <TextBox label="为什么要商量（说清楚在哪里、怎么办）" value={background} min={L.topicBackground.min} max={L.topicBackground.max} placeholder="例如：电动车在楼道里充电很危险，想在车棚装充电桩" onChange={(v) => {
        setBackground(v);
        clear();
      }} />
      <Text className="field-label">大家怎么表决</Text>
      <ChoiceButtons className="choice-grid" itemClassName="choice" options={[{ value: 'yesNo', label: '同意 / 不同意' }, { value: 'choice', label: '从几个办法里选' }]} selected={kind} onSelect={(v) => setKind(v as 'yesNo' | 'choice')} />
      {kind === 'choice' ? (
        <View className="propose-options">
          {options.map((o, i) => (
            <LineBox key={i} label={`办法 ${i + 1}`} value={o} max={L.optionLabel.max} onChange={(v) => setOptions(options.map((x, j) => (j === i ? v : x)))} />
          ))}
          {options.length < L.options.max ? (
            <View className="actions">
              <Button size="large" block onClick={() => setOptions([...options, ''])}>
                再加一个办法
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
      <Text className="field-label">请哪些住户来表决</Text>
      <ChoiceButtons className="choice-list" itemClassName="choice" options={scopes} selected={scope} onSelect={(v) => setScope(v as Scope)} />
      {send.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {send.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="propose-send" loading={send.state === 'sending'} disabled={send.state === 'sending'} onClick={submit}>
          提交提议
        </Button>
      </View>
      <Text className="consult-hint">邻居们看到的是“几号楼居民提议”，不显示您的名字。</Text>
    </View>
  );
}
