/**
 * 发布活动 / 修改活动 (community admins). New (no `id`): kind (文艺演出, 义诊, 宣讲, 其他), title, day
 * (the system's date picker, or 明天 / 三天后 / 一周后), start and end (time pickers), place, places,
 * what it is; 预览 then 确认发布 (`market.saveEvent`, one requestId per form: a retry publishes once).
 * Edit (`id`): title, kind, place, places and the text — its day and time stay (residents signed up
 * for them); places never below those signed up (the server refuses, the page says so). 取消活动
 * asks for the reason residents will read and asks again inside the card (how many are told), then
 * `market.cancelEvent`. Limits come from `cloudfunctions/market/limits.ts`.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { MARKET_LIMITS as L } from '../../../../cloudfunctions/market/limits';
import { EVENT_KINDS, EVENT_KIND_LABELS } from '../../../../cloudfunctions/shared/vocabulary/events';
import type { EventKind } from '../../../../cloudfunctions/shared/model';
import { call } from '../../../services/call';
import { newRequestId, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { dayText, localDate } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { EVENTS_URLS, type EventView } from '../../api';
import { EventsError, EventsPage } from '../../components/EventsPage';

const chars = (s: string) => [...s.trim()].length;

export default function EventEditPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const load = useCallback(async (): Promise<CallResult<EventView | null>> => (id ? call('market', 'getEvent', { eventId: id }) : { ok: true, data: null }), [id]);
  const ev = useRemote(load, [load]);
  return (
    <EventsPage className="events-edit">
      {ev.state === 'loading' ? <LoadingState /> : null}
      {ev.state === 'error' ? <EventsError error={ev.error} onRetry={ev.reload} /> : null}
      {ev.state === 'ok' ? <EventForm e={ev.data} /> : null}
      {ev.state === 'ok' && ev.data && ev.data.status === 'open' ? <CancelCard e={ev.data} /> : null}
    </EventsPage>
  );
}

type Step = 'edit' | 'preview' | 'sending';

function EventForm({ e }: { e: EventView | null }) {
  const [kind, setKind] = useState<EventKind>(e?.kind ?? 'performance');
  const [title, setTitle] = useState(e?.title ?? '');
  const [date, setDate] = useState(e?.date ?? localDate(3));
  const [start, setStart] = useState(e?.start ?? '14:30');
  const [end, setEnd] = useState(e?.end ?? '16:30');
  const [place, setPlace] = useState(e?.place ?? '');
  const [places, setPlaces] = useState(String(e?.places ?? 30));
  const [description, setDescription] = useState(e?.description ?? '');
  const [step, setStep] = useState<Step>('edit');
  const [error, setError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const changed = () => {
    setError(null);
    if (step === 'preview') setStep('edit');
    setRequestId(newRequestId());
  };
  const n = Number(places);
  const preview = () => {
    if (chars(title) < L.eventTitle.min) return setError(`请写活动名称（至少 ${L.eventTitle.min} 个字）`);
    if (!e && start >= end) return setError('结束时间要晚于开始时间');
    if (chars(place) < L.place.min) return setError(`请写在哪里办（至少 ${L.place.min} 个字）`);
    if (!Number.isInteger(n) || n < L.eventPlaces.min || n > L.eventPlaces.max) return setError(`名额要写 ${L.eventPlaces.min} 到 ${L.eventPlaces.max} 之间的整数`);
    if (e && n < e.booked) return setError(`已经有 ${e.booked} 人报名，名额不能少于 ${e.booked}`);
    setError(null);
    setStep('preview');
  };
  const send = async () => {
    if (step === 'sending') return;
    setStep('sending');
    const common = { title, kind, place, places: n, description };
    const r = e ? await call('market', 'saveEvent', { eventId: e.id, ...common }) : await call('market', 'saveEvent', { requestId, date, start, end, ...common });
    if (!r.ok) {
      setError(r.error.message);
      setStep('preview');
      return;
    }
    Taro.showToast({ title: e ? '已保存' : '已发布', icon: 'success' });
    Taro.redirectTo({ url: EVENTS_URLS.manage });
  };

  return (
    <View className="card ev-form">
      <Text className="title">{e ? '修改活动' : '发布活动'}</Text>
      <Text className="field-label">活动类别</Text>
      <ChoiceButtons className="choice-grid event-kind" itemClassName="choice" options={EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] }))} selected={kind} onSelect={(k) => { setKind(k as EventKind); changed(); }} />

      <Text className="field-label">活动名称</Text>
      <Input className="v-input event-title" value={title} maxlength={L.eventTitle.max} placeholder="例如：石榴籽文艺演出" aria-label="活动名称" onInput={(x) => { setTitle(x.detail.value); changed(); }} />

      <Text className="field-label">哪天、几点</Text>
      {e ? (
        <Text className="ev-line">
          {e.dateLabel} {e.start}–{e.end}（已发布的活动不能改时间；要改请取消后重新发布）
        </Text>
      ) : (
        <View>
          <Picker mode="date" value={date} start={localDate(0)} end={localDate(365)} onChange={(x) => { setDate(String(x.detail.value)); changed(); }}>
            <View className="v-input event-date" role="button">
              <Text>{dayText(date)}（点这里改日期）</Text>
            </View>
          </Picker>
          <View className="actions ev-quick">
            {[{ t: '明天', d: 1 }, { t: '三天后', d: 3 }, { t: '一周后', d: 7 }].map((q) => (
              <Button key={q.t} size="small" className={`event-quick-day event-quick-${q.d}`} onClick={() => { setDate(localDate(q.d)); changed(); }}>
                {q.t}
              </Button>
            ))}
          </View>
          <Picker mode="time" value={start} onChange={(x) => { setStart(String(x.detail.value)); changed(); }}>
            <View className="v-input event-start" role="button">
              <Text>{start} 开始</Text>
            </View>
          </Picker>
          <Picker mode="time" value={end} onChange={(x) => { setEnd(String(x.detail.value)); changed(); }}>
            <View className="v-input event-end" role="button">
              <Text>{end} 结束</Text>
            </View>
          </Picker>
        </View>
      )}

      <Text className="field-label">地点</Text>
      <Input className="v-input event-place" value={place} maxlength={L.place.max} placeholder="例如：石榴籽“解忧铺”" aria-label="活动地点" onInput={(x) => { setPlace(x.detail.value); changed(); }} />

      <Text className="field-label">名额（几个人能报名）</Text>
      <Input className="v-input event-places" type="number" value={places} maxlength={3} placeholder="例如：30" aria-label="名额" onInput={(x) => { setPlaces(x.detail.value); changed(); }} />
      {e ? <Text className="muted">现在已报名 {e.booked} 人{e.waiting ? `，候补 ${e.waiting} 人（加名额会先给候补的居民）` : ''}</Text> : null}

      <Text className="field-label">活动介绍（可不填）</Text>
      <View className="ev-textarea">
        <Textarea className="event-description" value={description} maxlength={L.eventDescription.max} autoHeight placeholder="有什么节目、要带什么、适合谁来" aria-label="活动介绍" onInput={(x) => { setDescription(x.detail.value); changed(); }} />
      </View>

      {error ? (
        <Text className="v-notice event-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      {step === 'edit' ? (
        <View className="actions">
          <Button type="primary" size="large" block className="event-preview" onClick={preview}>
            预览
          </Button>
        </View>
      ) : (
        <InlineConfirm
          text={`${EVENT_KIND_LABELS[kind]}「${title.trim()}」，${e ? `${e.dateLabel} ${e.start}–${e.end}` : `${dayText(date)} ${start}–${end}`}，在${place.trim()}，${n} 个名额。确认${e ? '保存' : '发布'}吗？`}
          yes={e ? '确认保存' : '确认发布'}
          yesClass="event-save"
          primary
          busy={step === 'sending'}
          onYes={send}
          onNo={() => setStep('edit')}
          no="再改改"
        />
      )}
    </View>
  );
}

/** 取消活动: the reason residents read, asked again inside the card with how many will be told. */
function CancelCard({ e }: { e: EventView }) {
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = () => {
    if (chars(reason) < L.reason.min) return setError(`请写取消的原因（至少 ${L.reason.min} 个字），居民会看到`);
    setError(null);
    setAsking(true);
  };
  const cancel = async () => {
    setBusy(true);
    const r = await call('market', 'cancelEvent', { eventId: e.id, reason });
    setBusy(false);
    if (!r.ok) {
      setAsking(false);
      return setError(r.error.message);
    }
    Taro.showToast({ title: `已取消，通知了 ${r.data.residentsTold} 人`, icon: 'none' });
    Taro.redirectTo({ url: EVENTS_URLS.manage });
  };
  return (
    <View className="card ev-cancel-card">
      <Text className="subtitle">取消活动</Text>
      <Text className="muted">取消后，已报名和候补的居民都会收到消息。</Text>
      <Input className="v-input event-cancel-reason" value={reason} maxlength={L.reason.max} placeholder="例如：场地临时维修，改期另行通知" aria-label="取消原因" onInput={(x) => { setReason(x.detail.value); setAsking(false); setError(null); }} />
      {error ? <Text className="v-notice event-cancel-error">{error}</Text> : null}
      {asking ? (
        <InlineConfirm text={`确定取消「${e.title}」吗？已报名的 ${e.booked} 人${e.waiting ? `和候补的 ${e.waiting} 人` : ''}会收到取消消息，这一步不能撤回。`} yes="确定取消活动" yesClass="event-cancel-confirm" busy={busy} onYes={cancel} onNo={() => setAsking(false)} no="不取消" />
      ) : (
        <View className="actions">
          <Button size="large" block className="event-cancel-ask" onClick={ask}>
            取消这个活动
          </Button>
        </View>
      )}
    </View>
  );
}
