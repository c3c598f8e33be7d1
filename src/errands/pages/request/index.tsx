/**
 * 代缴代办 (issue 22): a resident asks the kiosk to run an errand for them — what kind (代缴水电费,
 * 代办证明, 其他) and what exactly (2–100 characters) — `errands.request`. Opened by staff with
 * `?for=<residentId>` it is the counter's 代提交: the resident is loaded by id (`account.getResident`),
 * the staff member confirms the resident's spoken consent, and `errands.requestFor` records it.
 * One `requestId` per form: a retry never asks twice. The answer says what happens next.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { ErrandKind, ErrandView } from '../../../../cloudfunctions/errands/contract';
import { ERRANDS_LIMITS as L } from '../../../../cloudfunctions/errands/limits';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { ERRAND_KINDS, ERRAND_KIND_LABELS } from '../../../../cloudfunctions/shared/vocabulary/errands';
import { call } from '../../../services/call';
import { newRequestId } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { TextBox, charCount } from '../../../ticket/components/TextBox';
import { ERRANDS_URLS } from '../../api';
import '../../errands.css';
import '../../../ticket/ticket.css';

/** What a kind's text box suggests. */
const PLACEHOLDERS: Record<ErrandKind, string> = {
  utilities: '例如：交5号楼1单元502这个月的水费和电费',
  certificate: '例如：开一张居住证明，办社保要用',
  other: '例如：帮忙到药店取降压药',
};

export default function ErrandRequestPage() {
  const forId = decodeURIComponent(useRouter().params.for ?? '');
  const load = useCallback(() => (forId ? call('account', 'getResident', { residentId: forId }) : Promise.resolve({ ok: true as const, data: null })), [forId]);
  const who = useRemote(load, [load]);
  if (who.state === 'loading') return <Page className="errand-request"><LoadingState /></Page>;
  if (who.state === 'error') return <Page className="errand-request"><ErrorState message={who.error.message} code={who.error.code} onRetry={who.reload} /></Page>;
  return <RequestForm resident={who.data ? { id: who.data.id, name: who.data.name } : null} />;
}

/** The form; `resident`: the counter's resident (代提交), null for the caller themself. */
function RequestForm({ resident }: { resident: { id: string; name: string } | null }) {
  const [kind, setKind] = useState<ErrandKind | null>(null);
  const [what, setWhat] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ErrandView | null>(null);
  const requestId = useRef(newRequestId());

  const send = async () => {
    if (busy) return;
    const problem = !kind ? '请先选要办的事' : charCount(what) < L.what.min ? `请写清楚要办什么（至少 ${L.what.min} 个字）` : resident && !consent ? '请先问居民是否同意由您代为提交，同意后点上面的按钮确认' : null;
    if (problem) return setError(problem);
    setError(null);
    setBusy(true);
    const r = resident
      ? await call('errands', 'requestFor', { residentId: resident.id, kind: kind!, what: what.trim(), consent: spokenConsentGiven(), requestId: requestId.current })
      : await call('errands', 'request', { kind: kind!, what: what.trim(), requestId: requestId.current });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDone(r.data);
  };

  if (done) {
    return (
      <Page className="errand-request">
        <View className="card">
          <Text className="title errand-sent">{resident ? `已替 ${resident.name} 提交` : '已经交给社区了'}</Text>
          <Text className="e-done">「{done.kindLabel}」：{done.what}。工作人员接单后会去办，办好了会在“消息”里告诉{resident ? '居民' : '您'}。</Text>
          <View className="actions">
            {resident ? null : (
              <Button type="primary" size="large" block className="errand-open-mine" onClick={() => Taro.redirectTo({ url: ERRANDS_URLS.mine })}>
                看我的代办
              </Button>
            )}
            <Button size="large" block onClick={() => Taro.navigateBack()}>
              返回
            </Button>
          </View>
        </View>
      </Page>
    );
  }
  return (
    <Page className="errand-request">
      <View className="card">
        <Text className="title">{resident ? `为 ${resident.name} 代提交代办` : '请社区帮忙代缴代办'}</Text>
        <Text className="muted">{resident ? '居民说要办什么，您照着记下来；接单的工作人员办好后，居民会在“消息”里收到。' : '不用跑腿：水电费、开证明这类小事，解忧铺的工作人员帮您办，办好了在“消息”里告诉您。'}</Text>
        <Text className="field-label">要办什么事</Text>
        <ChoiceButtons
          options={ERRAND_KINDS.map((k) => ({ value: k, label: ERRAND_KIND_LABELS[k] }))}
          selected={kind}
          onSelect={(v) => {
            setKind(v as ErrandKind);
            setError(null);
          }}
          className="e-kinds"
          itemClassName="e-kind-choice"
        />
        <TextBox label="具体说一说" value={what} min={L.what.min} max={L.what.max} placeholder={PLACEHOLDERS[kind ?? 'utilities']} onChange={(v) => {
          setWhat(v);
          setError(null);
        }} />
        {resident ? (
          <View className="actions consent">
            <Button className="wrap-button errand-consent" size="large" block type={consent ? 'success' : 'default'} onClick={() => setConsent(!consent)}>
              {consent ? '☑ 居民已口头同意由我代为提交' : '☐ 已问过居民，他同意由我代为提交'}
            </Button>
          </View>
        ) : null}
        {error ? (
          <Text className="notice" aria-live="assertive">
            {error}
          </Text>
        ) : null}
        <View className="actions">
          <Button type="primary" size="large" block className="errand-send" loading={busy} disabled={busy} onClick={send}>
            交给社区办
          </Button>
        </View>
      </View>
    </Page>
  );
}
