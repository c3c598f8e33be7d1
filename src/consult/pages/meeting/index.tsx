/**
 * One meeting (会议: 业主会议, 座谈会, 庭院会, 议事长廊, 协商议事) for a resident of the community: its kind,
 * date and time (China time), place, the agenda (topics, each a link), places and speaking turns
 * left, and sign-up — 我要参加 / 我要发言 and cancelling either (`consult.signUp` / `cancelSignUp`;
 * a second tap changes nothing; the tap that signs up asks WeChat for the reminder the day before,
 * template `meetingReminder`). Once held: who came, by role and count only (never names), the
 * minutes (纪要), the decisions and photos. A cancelled meeting says why.
 */
import { View, Text, Image } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { call } from '../../../services/call';
import type { CallError } from '../../../services/cloud';
import { requestSubscribe } from '../../../services/subscribe';
import { Button } from '../../../ui/nutui';
import { LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { CONSULT_URLS, type MeetingDetail, type SignUpResult } from '../../api';
import { ConsultErrorState, ConsultPage } from '../../components/ConsultPage';

export default function MeetingPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const load = useCallback(() => call('consult', 'meeting', { meetingId: id }), [id]);
  const got = useRemote(load, [load]);
  const [m, setM] = useState<MeetingDetail | null>(null);
  const loaded = got.state === 'ok' ? got.data : null;
  useEffect(() => setM(loaded), [loaded]);
  return (
    <ConsultPage className="consult-meeting">
      {!id ? <NotFoundState text="没有找到这次会议。" /> : null}
      {id && got.state === 'loading' ? <LoadingState /> : null}
      {id && got.state === 'error' ? <ConsultErrorState error={got.error} onRetry={got.reload} /> : null}
      {m ? <Meeting m={m} onSigned={(r) => setM({ ...m, mySignUps: r.mySignUps, signedUp: r.signedUp, speakers: r.speakers, capacity: r.capacity, speakSlots: r.speakSlots })} /> : null}
    </ConsultPage>
  );
}

function Meeting({ m, onSigned }: { m: MeetingDetail; onSigned: (r: SignUpResult) => void }) {
  return (
    <View>
      <View className="card meeting-head">
        <Text className="consult-phase phase-discussion">{m.kindLabel}</Text>
        <Text className={`consult-phase phase-${m.status === 'held' ? 'decided' : m.status === 'cancelled' ? 'closed' : 'voting'}`}>{m.statusLabel}</Text>
        <Text className="title">{m.title}</Text>
        <Text className="consult-line">
          时间：<Text className="nowrap">{m.dateLabel}</Text> <Text className="nowrap">{m.timeLabel}</Text>
        </Text>
        <Text className="consult-line">地点：{m.place}</Text>
        {m.cancelReason ? <Text className="notice">会议已取消：{m.cancelReason}</Text> : null}
      </View>
      {m.agenda.length ? (
        <View className="card">
          <Text className="subtitle">要商量的事</Text>
          {m.agenda.map((a) => (
            <Text key={a.topicId} className="agenda-item agenda-link" onClick={() => Taro.navigateTo({ url: CONSULT_URLS.topic(a.topicId) })}>
              {a.title} ›
            </Text>
          ))}
        </View>
      ) : null}
      {m.status === 'planned' ? <SignUpCard m={m} onSigned={onSigned} /> : null}
      {m.status === 'held' ? <HeldCard m={m} /> : null}
    </View>
  );
}

/** 报名: attend and speak, each with what is left and a way to cancel. */
function SignUpCard({ m, onSigned }: { m: MeetingDetail; onSigned: (r: SignUpResult) => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const [done, setDone] = useState('');
  const act = async (kind: 'attend' | 'speak', cancel: boolean) => {
    if (busy) return;
    // the reminder the day before (template meetingReminder): WeChat asks only inside the tap, before anything is awaited
    if (!cancel) void requestSubscribe([TEMPLATE_IDS.meetingReminder]);
    setBusy(`${kind}${cancel ? '-cancel' : ''}`);
    setError(null);
    setDone('');
    const r = cancel ? await call('consult', 'cancelSignUp', { meetingId: m.id, kind }) : await call('consult', 'signUp', { meetingId: m.id, kind });
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    onSigned(r.data);
    setDone(cancel ? (kind === 'attend' ? '已取消参加' : '已取消发言') : kind === 'attend' ? '已报名参加，到时候请准时来' : '已报名发言，会上会请您说');
  };
  const attendLeft = m.capacity !== null ? Math.max(0, m.capacity - m.signedUp) : null;
  const speakLeft = m.speakSlots !== null ? Math.max(0, m.speakSlots - m.speakers) : null;
  const canAttend = m.canSignUp && !m.mySignUps.attend && (attendLeft === null || attendLeft > 0);
  const canSpeak = m.canSignUp && !m.mySignUps.speak && speakLeft !== null && speakLeft > 0;
  return (
    <View className="card signup-card">
      <Text className="subtitle">报名</Text>
      {m.capacity !== null ? <Text className="consult-line">参加：已报 {m.signedUp} 人，{attendLeft ? `还可报 ${attendLeft} 人` : '已满'}</Text> : <Text className="consult-line">不用报名，直接来就行；也可以报名，方便社区准备。</Text>}
      {m.speakSlots !== null ? <Text className="consult-line">发言：已报 {m.speakers} 人，{speakLeft ? `还有 ${speakLeft} 个发言名额` : '发言名额已满'}</Text> : null}
      {m.mySignUps.attend ? <Text className="vote-done">您已报名参加</Text> : null}
      {m.mySignUps.speak ? <Text className="vote-done">您已报名发言</Text> : null}
      {done ? (
        <Text className="consult-line signup-done" aria-live="polite">
          {done}
        </Text>
      ) : null}
      <View className="actions">
        {canAttend ? (
          <Button type="primary" size="large" block className="signup-attend" loading={busy === 'attend'} disabled={!!busy} onClick={() => act('attend', false)}>
            我要参加
          </Button>
        ) : null}
        {canSpeak ? (
          <Button size="large" block className="signup-speak" loading={busy === 'speak'} disabled={!!busy} onClick={() => act('speak', false)}>
            我要发言
          </Button>
        ) : null}
        {m.mySignUps.attend ? (
          <Button size="large" block className="signup-attend-cancel" loading={busy === 'attend-cancel'} disabled={!!busy} onClick={() => act('attend', true)}>
            不去了，取消参加
          </Button>
        ) : null}
        {m.mySignUps.speak ? (
          <Button size="large" block className="signup-speak-cancel" loading={busy === 'speak-cancel'} disabled={!!busy} onClick={() => act('speak', true)}>
            取消发言
          </Button>
        ) : null}
      </View>
      {error ? (
        <Text className="notice" aria-live="assertive">
          {error.message}
        </Text>
      ) : null}
    </View>
  );
}

/** A held meeting: who came (by role, counts), the minutes, the decisions, the photos. */
function HeldCard({ m }: { m: MeetingDetail }) {
  return (
    <View className="card held-card">
      <Text className="subtitle">会议纪要</Text>
      {m.attendance.length ? (
        <Text className="consult-line">
          参会：{m.attendance.map((a) => `${a.roleLabel}${a.org ? `（${a.org}）` : ''} ${a.count} 人`).join('，')}
        </Text>
      ) : null}
      {m.minutes ? <Text className="consult-text meeting-minutes">{m.minutes}</Text> : <Text className="consult-hint">纪要还在整理。</Text>}
      {m.decisions.length ? (
        <View>
          <Text className="field-label">会上定下来的事</Text>
          {m.decisions.map((d, i) => (
            <Text key={i} className={d.topicId ? 'agenda-item agenda-link' : 'agenda-item'} onClick={d.topicId ? () => Taro.navigateTo({ url: CONSULT_URLS.topic(d.topicId!) }) : undefined}>
              {i + 1}. {d.text}
            </Text>
          ))}
        </View>
      ) : null}
      {m.photos.length ? (
        <View className="ticket-photos">
          {m.photos.map((p) => (
            <Image key={p.fileId} className="ticket-photo" src={p.url} mode="aspectFill" aria-label="会议照片" onClick={() => Taro.previewImage({ urls: m.photos.map((x) => x.url), current: p.url })} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
