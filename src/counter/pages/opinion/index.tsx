/**
 * The counter: 代提意见 — a staff member writes down a resident's opinion (意见建议, source `counter`)
 * with the resident's spoken consent (`consult.giveOpinionFor`); the answer says by when the
 * community replies. The resident is loaded by id (`account.getResident`); nothing shown comes from
 * the URL but that id. One `requestId` per form: a retry never records it twice.
 */
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallError } from '../../../services/cloud';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import { Button } from '../../../ui/nutui';
import { Page, backToPage } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { dayText } from '../../../ui/time';
import { LineBox, TextBox, charCount } from '../../../ticket/components/TextBox';
import '../../counter.css';
import '../../../ticket/ticket.css';
import '../../../consult/consult.css';

type Send = { state: 'idle' } | { state: 'sending' } | { state: 'done'; dueDate: string } | { state: 'failed'; error: CallError };

export default function CounterOpinionPage() {
  const forId = decodeURIComponent(useRouter().params.for ?? '');
  const load = useCallback(() => call('account', 'getResident', { residentId: forId }), [forId]);
  const data = useRemote(load, [load]);
  const [text, setText] = useState('');
  const [place, setPlace] = useState('');
  const [consent, setConsent] = useState(false);
  const [send, setSend] = useState<Send>({ state: 'idle' });
  const requestId = useRef(newRequestId());
  const back = () => backToPage('counter/pages/resident/index', `/counter/pages/resident/index?id=${encodeURIComponent(forId)}`);
  if (data.state === 'loading') {
    return (
      <Page className="counter-opinion">
        <LoadingState />
      </Page>
    );
  }
  if (data.state === 'error') {
    return (
      <Page className="counter-opinion">
        <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} />
      </Page>
    );
  }
  const resident = data.data;
  const submit = async () => {
    if (send.state === 'sending') return;
    const problem = charCount(text) < L.opinionText.min ? `请把居民的意见写清楚一些（至少 ${L.opinionText.min} 个字）` : !consent ? '请先问居民是否同意由您代为提意见，同意后点上面的按钮确认' : null;
    if (problem) {
      setSend({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    setSend({ state: 'sending' });
    const r = await call('consult', 'giveOpinionFor', { residentId: resident.id, text: text.trim(), consent: spokenConsentGiven(), requestId: requestId.current, ...(place.trim() ? { place: place.trim() } : {}) });
    setSend(r.ok ? { state: 'done', dueDate: r.data.dueDate } : { state: 'failed', error: r.error });
  };
  if (send.state === 'done') {
    return (
      <Page className="counter-opinion">
        <View className="card">
          <Text className="title">已替 {resident.name} 提交意见</Text>
          <Text className="confirm-line opinion-due">社区会在 {dayText(send.dueDate)} 前答复居民。</Text>
          <View className="actions">
            <Button type="primary" size="large" block onClick={back}>
              回到 {resident.name} 的页面
            </Button>
          </View>
        </View>
      </Page>
    );
  }
  return (
    <Page className="counter-opinion">
      <View className="card">
        <Text className="title">为 {resident.name} 提意见建议</Text>
        <Text className="muted">{resident.address}</Text>
        <TextBox label="居民说的意见（照他的话写）" value={text} min={L.opinionText.min} max={L.opinionText.max} placeholder="例如：希望小区里多装几个路灯" onChange={(v) => {
          setText(v);
          setSend({ state: 'idle' });
        }} />
        <LineBox label="在哪里（可以不填）" value={place} max={L.opinionPlace.max} onChange={setPlace} />
        <View className="actions consent">
          <Button className="wrap-button opinion-consent" size="large" block type={consent ? 'success' : 'default'} onClick={() => setConsent(!consent)}>
            {consent ? '☑ 居民已口头同意由我代为提意见' : '☐ 已问过居民，他同意由我代为提意见'}
          </Button>
        </View>
        {send.state === 'failed' ? (
          <Text className="notice" aria-live="assertive">
            {send.error.message}
          </Text>
        ) : null}
        <View className="actions">
          <Button type="primary" size="large" block className="opinion-send" loading={send.state === 'sending'} disabled={send.state === 'sending'} onClick={submit}>
            提交意见
          </Button>
        </View>
      </View>
    </Page>
  );
}
