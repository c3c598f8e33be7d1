/**
 * 记录走访 (`?key=<householdKey>`): a visit at the door in a few taps — the date (today in China time by
 * default; 昨天, or the system's date picker for up to `ROUNDS_LIMITS.visitBackDays` days back), whom
 * the worker met (one chip), what it was about (chips), a short note — and 保存 (`rounds.recordVisit`,
 * one requestId per form so a repeated tap saves once). 发现问题 saves the visit (with the topic 发现问题)
 * and opens the staff filing page (`desk/pages/file`) in this page's place with the visit's id and
 * the household's place, so the ticket is filed with source 自己找 and linked to the visit; back from
 * there lands on the household, which shows the visit and its ticket.
 */
import { Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallError } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { backToPage } from '../../../ui/Page';
import { LoadingState } from '../../../ui/PageState';
import { dayText, localDate } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { ROUNDS_LIMITS as L } from '../../../../cloudfunctions/rounds/limits';
import { VISIT_MET_LABELS, VISIT_TOPICS, VISIT_TOPIC_LABELS } from '../../../../cloudfunctions/shared/vocabulary/rounds';
import { ROUNDS_URLS, fileCaseUrl, foundAtHousehold, type HouseholdDetail, type VisitMet, type VisitTopic, type VisitView } from '../../api';
import { Chips } from '../../components/Chips';
import { RoundsError, RoundsPage } from '../../components/RoundsPage';

const MET: VisitMet[] = ['self', 'family', 'nobodyHome'];
const chars = (s: string) => [...s.trim()].length;

export default function VisitPage() {
  const key = decodeURIComponent(useRouter().params.key ?? '');
  const h = useRemote(() => call('rounds', 'household', { householdKey: key }), [key]);
  return (
    <RoundsPage className="rounds-visit">
      {h.state === 'loading' ? <LoadingState /> : null}
      {h.state === 'error' ? <RoundsError error={h.error} onRetry={h.reload} /> : null}
      {h.state === 'ok' ? <VisitForm h={h.data} /> : null}
    </RoundsPage>
  );
}

type Step = { state: 'idle' } | { state: 'sending'; thenFile: boolean } | { state: 'saved'; visit: VisitView } | { state: 'failed'; error: CallError };

function VisitForm({ h }: { h: HouseholdDetail }) {
  const today = localDate();
  const [date, setDate] = useState(today);
  const [met, setMet] = useState<VisitMet>('self');
  const [topics, setTopics] = useState<VisitTopic[]>([]);
  const [note, setNote] = useState('');
  const [step, setStep] = useState<Step>({ state: 'idle' });
  const requestId = useRef(newRequestId());
  const edit = () => {
    requestId.current = newRequestId();
    setStep((s) => (s.state === 'failed' ? { state: 'idle' } : s));
  };
  const fileFrom = (visit: VisitView) => Taro.redirectTo({ url: fileCaseUrl({ visitId: visit.id }, foundAtHousehold(h.householdKey)) });

  const save = async (thenFile: boolean) => {
    if (step.state === 'sending') return;
    if (step.state === 'saved') return thenFile ? fileFrom(step.visit) : undefined;
    if (chars(note) > L.visitNote) return setStep({ state: 'failed', error: { code: 'CLIENT.FORM', message: `情况写 ${L.visitNote} 个字以内就好` } });
    // a problem found is one of the visit's topics
    const sent: VisitTopic[] = thenFile && !topics.includes('problem') ? VISIT_TOPICS.filter((t) => t === 'problem' || topics.includes(t)) : topics;
    setTopics(sent);
    setStep({ state: 'sending', thenFile });
    const r = await call('rounds', 'recordVisit', { householdKey: h.householdKey, date, met, topics: sent, note: note.trim(), requestId: requestId.current });
    if (!r.ok) return setStep({ state: 'failed', error: r.error });
    setStep({ state: 'saved', visit: r.data });
    if (thenFile) fileFrom(r.data);
  };

  if (step.state === 'saved') {
    return (
      <View className="card visit-saved">
        <Text className="title">走访已保存</Text>
        <Text className="r-line">
          {h.roomLabel} · {dayText(step.visit.date)} · {step.visit.metLabel}
          {step.visit.topicLabels.length ? `；${step.visit.topicLabels.join('、')}` : ''}
        </Text>
        <View className="actions">
          <Button type="primary" size="large" block className="visit-back" onClick={() => backToPage('rounds/pages/household/index', ROUNDS_URLS.household(h.householdKey))}>
            回到这一户
          </Button>
          <Button size="large" block className="visit-file" onClick={() => fileFrom(step.visit)}>
            发现问题，登记工单
          </Button>
          <Button size="large" block className="visit-next" onClick={() => Taro.redirectTo({ url: ROUNDS_URLS.households() })}>
            走访下一户
          </Button>
        </View>
      </View>
    );
  }

  const sending = step.state === 'sending';
  return (
    <View className="card visit-form">
      <Text className="title">记录走访</Text>
      <Text className="r-line visit-room">
        {h.roomLabel} · {h.residents.map((r) => r.name).join('、') || '（没有登记的居民）'}
      </Text>

      <Text className="field-label">哪天去的？</Text>
      <View className="r-chips visit-dates">
        {[
          { d: today, label: '今天' },
          { d: localDate(-1), label: '昨天' },
        ].map((o) => (
          <Button key={o.label} className="r-chip" size="large" type={date === o.d ? 'success' : 'default'} onClick={() => { setDate(o.d); edit(); }}>
            {date === o.d ? `☑ ${o.label}` : o.label}
          </Button>
        ))}
      </View>
      <Picker mode="date" value={date} start={localDate(-L.visitBackDays)} end={today} onChange={(e) => { setDate(String(e.detail.value)); edit(); }}>
        <View className="v-input r-date visit-date" role="button">
          <Text>{dayText(date)}（点这里改日期）</Text>
        </View>
      </Picker>

      <Text className="field-label">见到谁了？</Text>
      <ChoiceButtons className="choice-grid visit-met" itemClassName="choice" options={MET.map((m) => ({ value: m, label: VISIT_MET_LABELS[m] }))} selected={met} onSelect={(m) => { setMet(m as VisitMet); edit(); }} />

      <Text className="field-label">聊了什么？（可多选）</Text>
      <Chips className="visit-topics" options={VISIT_TOPICS.map((t) => ({ value: t, label: VISIT_TOPIC_LABELS[t] }))} selected={topics} onChange={(t) => { setTopics(t); edit(); }} />

      <Text className="field-label">简单记一句（可以不写）</Text>
      <View className="r-textarea">
        <Textarea className="visit-note" value={note} maxlength={L.visitNote} autoHeight placeholder="例如：老人腿脚不便，想办助餐卡" aria-label="走访情况" onInput={(e) => { setNote(e.detail.value); edit(); }} />
      </View>
      <Text className="r-count">
        {chars(note)}/{L.visitNote}
      </Text>

      {step.state === 'failed' ? (
        <Text className="v-notice" aria-live="assertive">
          {step.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="visit-save" loading={sending && !step.thenFile} disabled={sending} onClick={() => save(false)}>
          保存
        </Button>
        <Button size="large" block className="visit-problem" loading={sending && step.thenFile} disabled={sending} onClick={() => save(true)}>
          发现问题（保存走访，再登记工单）
        </Button>
      </View>
    </View>
  );
}
