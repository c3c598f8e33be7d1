/**
 * 会议记录 (staff; `?id=` a meeting, none a new one): a phone form usable at the meeting — kind, title,
 * day and times (China time), place, places and speaking turns to sign up for, agenda topics, who
 * came (a stepper per role), 纪要, photos (≤ 9), decisions. Then 公布 (draft → planned), 已召开 (needs
 * attendance and minutes), 取消 (with a reason, asked inside the card), and 记录会上的意见 (several
 * opinions at once, `recordOpinions`).
 *
 * Drafts: every change is kept on the phone (`draftStore`, per meeting) so a lost connection in a
 * courtyard loses nothing; 保存 sends the whole form with the revision it was read at
 * (`consult.saveMeeting`). A new meeting is created once whatever the retries (its `requestId` is kept
 * with the draft). When someone else saved in between (`CONSULT.DRAFT_STALE`), the page says so, loads
 * their copy and shows the minutes this phone had not saved, to copy back. On opening, a phone draft
 * of the same revision is restored; one of an older revision is dropped (someone saved after it) and
 * its minutes shown the same way.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button, Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { dayText, localDate } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { PhotoPicker } from '../../../ticket/components/PhotoPicker';
import type { Me } from '../../../account/api';
import type { StaffMeetingView } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import { ATTENDANCE_ROLES, CONSULT_ADMIN_URLS, MEETING_KIND_LABELS, MEETING_STATUS_LABELS, charCount, draftStore, type KeyValue } from '../../labels';
import { emptyMeeting, fieldsOf, holdMissing, saveInput, type MeetingFields } from '../../meetingForm';
import { Stepper } from '../../components/Stepper';
import { RecordOpinions } from '../../components/RecordOpinions';
import '../../../stall/stall.css';
import '../../../ticket/ticket.css';
import '../../consultAdmin.css';

/** The phone's storage for drafts (Taro's sync storage; a removed draft is written empty). */
const phone: KeyValue = {
  get: (k) => {
    try {
      return Taro.getStorageSync(k);
    } catch {
      return '';
    }
  },
  set: (k, v) => {
    try {
      Taro.setStorageSync(k, v);
    } catch {
      /* storage full: the form still works, only the phone copy is missing */
    }
  },
  remove: (k) => {
    try {
      Taro.setStorageSync(k, '');
    } catch {
      /* nothing kept */
    }
  },
};

interface Loaded {
  me: Me;
  meeting: StaffMeetingView | null;
}

async function load(id: string): Promise<CallResult<Loaded>> {
  const [me, m] = await Promise.all([call('account', 'me'), id ? call('consult', 'meeting', { meetingId: id }) : Promise.resolve(null)]);
  if (!me.ok) return me;
  if (m && !m.ok) return m;
  const meeting = m && m.ok ? m.data : null;
  if (meeting && !meeting.forStaff) return { ok: false, error: { code: 'COMMON.FORBIDDEN', message: '会议记录只有网格员和社区管理员能改' } as CallError };
  return { ok: true, data: { me: me.data, meeting: meeting as StaffMeetingView | null } };
}

export default function MeetingEditPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const loader = useCallback(() => load(id), [id]);
  const data = useRemote(loader, [loader]);
  // minutes this phone had not saved when someone else's save won (shown to copy back)
  const [lost, setLost] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  return (
    <Page className="vendor-page consult-admin meeting-edit">
      {stale ? (
        <Text className="v-notice meeting-stale" aria-live="assertive">
          这份记录已被别人改过，已经换成最新的内容。您刚才没保存上的纪要在下面，可以复制回去再保存。
        </Text>
      ) : null}
      {lost ? (
        <View className="card meeting-lost">
          <Text className="subtitle">您刚才写的纪要（没保存上）</Text>
          <Text className="ca-block meeting-lost-text" userSelect>
            {lost}
          </Text>
          <View className="actions">
            <Button size="large" block onClick={() => setLost(null)}>
              不用了，收起
            </Button>
          </View>
        </View>
      ) : null}
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /> : null}
      {data.state === 'ok' ? (
        <MeetingForm
          key={`${data.data.meeting?.id ?? 'new'}-${data.data.meeting?.revision ?? 0}`}
          loaded={data.data}
          onStale={(mine) => {
            setStale(true);
            setLost(mine.trim() ? mine : null);
            data.reload();
          }}
          onDroppedDraft={(mine) => setLost(mine.trim() ? mine : null)}
          onChanged={data.reload}
        />
      ) : null}
    </Page>
  );
}

type Pending = null | 'announce' | 'hold' | 'cancel';

/**
 * The form of one meeting. `onStale(minutes typed here)`: the server refused a save of an old revision;
 * `onDroppedDraft(minutes)`: the phone held a draft of an older revision, dropped on opening;
 * `onChanged`: the server copy changed by this form (reload it).
 */
export function MeetingForm({ loaded, onStale, onDroppedDraft, onChanged }: { loaded: Loaded; onStale: (minutes: string) => void; onDroppedDraft: (minutes: string) => void; onChanged: () => void }) {
  const m = loaded.meeting;
  const store = useMemo(() => draftStore<MeetingFields>(phone, m?.id), [m?.id]);
  const [start] = useState(() => {
    const stored = store.load();
    const server = m ? fieldsOf(m) : emptyMeeting(localDate(0));
    if (!stored) return { fields: server, restored: false, dropped: null as string | null, requestId: newRequestId() };
    if (!m || stored.revision === m.revision) return { fields: stored.fields, restored: true, dropped: null, requestId: stored.requestId };
    store.clear();
    return { fields: server, restored: false, dropped: stored.fields.minutes !== server.minutes ? stored.fields.minutes : null, requestId: newRequestId() };
  });
  const [f, setF] = useState<MeetingFields>(start.fields);
  const requestId = useRef(start.requestId);
  const [dirty, setDirty] = useState(start.restored);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (start.dropped) onDroppedDraft(start.dropped);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const set = (patch: Partial<MeetingFields>) => {
    const next = { ...f, ...patch };
    setF(next);
    setDirty(true);
    setSaved(null);
    setError(null);
    store.save({ fields: next, revision: m?.revision, requestId: requestId.current, savedAt: Date.now() });
  };

  const failed = (e: CallError) => {
    if (e.code === 'CONSULT.DRAFT_STALE') {
      // keep nothing of this phone's copy but the minutes shown to copy back: the server's is the truth now
      store.clear();
      onStale(f.minutes !== (m?.minutes ?? '') ? f.minutes : '');
      return;
    }
    setError(e.message);
  };

  /** Saves the form; answers the meeting saved, or null (the error is shown). */
  const save = async (): Promise<StaffMeetingView | null> => {
    const input = saveInput(f, m ? { meetingId: m.id, revision: m.revision } : { requestId: requestId.current });
    if (typeof input === 'string') {
      setError(input);
      return null;
    }
    const r = await call('consult', 'saveMeeting', input);
    if (!r.ok) {
      failed(r.error);
      return null;
    }
    store.clear();
    setDirty(false);
    return r.data;
  };

  const onSave = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const done = await save();
    setBusy(false);
    if (!done) return;
    setSaved('已保存。');
    if (!m) Taro.redirectTo({ url: CONSULT_ADMIN_URLS.meetingEdit(done.id) });
    else onChanged();
  };

  /** 公布 / 已召开: saves unsaved changes first, then the step on the revision saved. */
  const step = async (which: 'announce' | 'hold') => {
    if (busy || !m) return;
    if (which === 'hold') {
      const missing = holdMissing(f);
      if (missing) return setError(missing);
    }
    setBusy(true);
    setError(null);
    let revision = m.revision;
    if (dirty) {
      const done = await save();
      if (!done) return setBusy(false);
      revision = done.revision;
    }
    const r = which === 'announce' ? await call('consult', 'announceMeeting', { meetingId: m.id, revision }) : await call('consult', 'holdMeeting', { meetingId: m.id, revision });
    setBusy(false);
    setPending(null);
    if (!r.ok) return failed(r.error);
    onChanged();
  };

  const cancel = async () => {
    if (busy || !m) return;
    if (charCount(reason) < L.meetingCancelReason.min) return setError(`请写上取消的原因（至少 ${L.meetingCancelReason.min} 个字），报名的居民会收到`);
    setBusy(true);
    setError(null);
    const r = await call('consult', 'cancelMeeting', { meetingId: m.id, reason: reason.trim() });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    store.clear();
    setPending(null);
    onChanged();
  };

  const editable = !m || m.status !== 'cancelled';
  const roleCount = (role: keyof MeetingFields['attendance']) => f.attendance[role] ?? 0;
  return (
    <View>
      <View className="card meeting-head">
        <View className="name-line">
          <Text className="title">{m ? m.title : '新的会议'}</Text>
          {m ? <Tag type={m.status === 'held' ? 'success' : m.status === 'cancelled' ? 'default' : 'primary'}>{MEETING_STATUS_LABELS[m.status]}</Tag> : <Tag>草稿</Tag>}
        </View>
        {start.restored ? <Text className="ca-draft-note meeting-restored">已恢复这台手机上还没保存的修改，记得点“保存”。</Text> : null}
        {m?.status === 'cancelled' && m.cancelReason ? <Text className="ca-facts">取消原因：{m.cancelReason}</Text> : null}
        {m && (m.capacity != null || m.speakSlots != null) ? (
          <Text className="ca-facts">
            {m.capacity != null ? `报名参加 ${m.signedUp}/${m.capacity} 人` : ''}
            {m.capacity != null && m.speakSlots != null ? '，' : ''}
            {m.speakSlots != null ? `报名发言 ${m.speakers}/${m.speakSlots} 人` : ''}
          </Text>
        ) : null}
      </View>

      <View className="card">
        <Text className="field-label">会议类型</Text>
        <ChoiceButtons options={(Object.keys(MEETING_KIND_LABELS) as MeetingFields['kind'][]).map((k) => ({ value: k, label: MEETING_KIND_LABELS[k] }))} selected={f.kind} onSelect={(v) => set({ kind: v as MeetingFields['kind'] })} className="choice-grid meeting-kinds" itemClassName="choice" />
        <Text className="field-label">会议名称</Text>
        <Input className="v-input meeting-title" value={f.title} maxlength={L.meetingTitle.max} placeholder="比如：充电桩安装业主会" aria-label="会议名称" onInput={(e) => set({ title: e.detail.value })} />
        <Text className="field-label">日期和时间（北京时间）</Text>
        <MeetingTimes f={f} set={set} />
        <Text className="field-label">地点</Text>
        <Input className="v-input meeting-place" value={f.place} maxlength={L.meetingPlace.max} placeholder="比如：壁山丽景小区 3号楼前院子" aria-label="地点" onInput={(e) => set({ place: e.detail.value })} />
        <Text className="field-label">居民报名（不用报名就空着）</Text>
        <View className="ma-times">
          <View className="ma-time">
            <Text className="muted">参加名额</Text>
            <Input className="v-input meeting-capacity" type="number" value={f.capacity} maxlength={String(L.capacity.max).length} placeholder="比如：30" aria-label="参加名额" onInput={(e) => set({ capacity: e.detail.value })} />
          </View>
          <View className="ma-time">
            <Text className="muted">发言名额</Text>
            <Input className="v-input meeting-speak" type="number" value={f.speakSlots} maxlength={String(L.speakSlots.max).length} placeholder="比如：5" aria-label="发言名额" onInput={(e) => set({ speakSlots: e.detail.value })} />
          </View>
        </View>
        {m?.agenda.length ? (
          <>
            <Text className="field-label">议程（议题）</Text>
            {m.agenda
              .filter((a) => f.agendaTopicIds.includes(a.topicId))
              .map((a) => (
                <View key={a.topicId} className="ca-option-row">
                  <Text className="v-line">{a.title}</Text>
                  <Button size="small" onClick={() => set({ agendaTopicIds: f.agendaTopicIds.filter((t) => t !== a.topicId) })}>
                    移出
                  </Button>
                </View>
              ))}
          </>
        ) : null}
        <AgendaPicker chosen={f.agendaTopicIds} max={L.agendaTopics.max} onAdd={(topicId) => set({ agendaTopicIds: [...f.agendaTopicIds, topicId] })} />
      </View>

      <View className="card meeting-attendance">
        <Text className="subtitle">到会人数</Text>
        <Text className="muted">人来了就点 +。居民只看到各类人数，看不到名字。</Text>
        {ATTENDANCE_ROLES.map((r) => (
          <Stepper key={r.role} name={r.role} label={r.label} value={roleCount(r.role)} max={L.attendanceCount.max} onChange={(n) => set({ attendance: { ...f.attendance, [r.role]: n } })} />
        ))}
        {roleCount('department') > 0 ? (
          <Input className="v-input meeting-org" value={f.departmentOrg} maxlength={L.attendanceOrg.max} placeholder="哪个部门：比如 住建局" aria-label="职能部门名称" onInput={(e) => set({ departmentOrg: e.detail.value })} />
        ) : null}
      </View>

      <View className="card">
        <Text className="field-label">会议纪要</Text>
        <Textarea className="ca-textarea meeting-minutes" value={f.minutes} maxlength={L.minutes.max} autoHeight placeholder="谁说了什么，大家商量出了什么" aria-label="会议纪要" onInput={(e) => set({ minutes: e.detail.value })} />
        <Text className="muted">
          {charCount(f.minutes)}/{L.minutes.max} 字
        </Text>
        <PhotoPicker userId={loaded.me.registered ? loaded.me.user.id : ''} photos={f.photos} max={L.meetingPhotos.max} label={`会场照片（最多 ${L.meetingPhotos.max} 张）`} onChange={(photos) => set({ photos })} />
        <Text className="field-label">决定事项</Text>
        {f.decisions.map((d, i) => (
          // eslint-disable-next-line react/no-array-index-key
          <View key={i} className="ca-option-row meeting-decision">
            <Input className="v-input" value={d.text} maxlength={L.decisionText.max} placeholder="比如：3号楼前装 6 个充电桩" aria-label={`第 ${i + 1} 条决定事项`} onInput={(e) => set({ decisions: f.decisions.map((x, j) => (j === i ? { ...x, text: e.detail.value } : x)) })} />
            <Button size="small" onClick={() => set({ decisions: f.decisions.filter((_, j) => j !== i) })}>
              删掉
            </Button>
          </View>
        ))}
        {f.decisions.length < L.decisions.max ? (
          <View className="actions">
            <Button size="large" block className="add-decision" onClick={() => set({ decisions: [...f.decisions, { text: '' }] })}>
              加一条决定事项
            </Button>
          </View>
        ) : null}
      </View>

      {error ? (
        <Text className="v-notice meeting-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      {saved ? (
        <Text className="notice-ok meeting-saved" aria-live="polite">
          {saved}
        </Text>
      ) : null}
      {editable ? (
        <View className="card meeting-actions">
          <View className="actions">
            <Button type="primary" size="large" block className="save-meeting" loading={busy && !pending} disabled={busy} onClick={onSave}>
              {m ? '保存' : '保存草稿'}
            </Button>
          </View>
          {dirty ? <Text className="ca-draft-note">这台手机上已经存着，连上网点“保存”才会存到社区。</Text> : null}
          {m && m.status === 'draft' ? (
            pending === 'announce' ? (
              <InlineConfirm text="公布以后，居民在“社区议事”里能看到这次会议，有名额的可以报名。" yes="确定公布" yesClass="announce-yes" primary busy={busy} onYes={() => step('announce')} onNo={() => setPending(null)} />
            ) : (
              <View className="actions">
                <Button size="large" block className="announce-meeting" onClick={() => setPending('announce')}>
                  公布会议…
                </Button>
              </View>
            )
          ) : null}
          {m && (m.status === 'draft' || m.status === 'planned') ? (
            pending === 'hold' ? (
              <InlineConfirm text="标记为已召开：会议计入“召开会议”次数，居民能看到纪要。" yes="确定已召开" yesClass="hold-yes" primary busy={busy} onYes={() => step('hold')} onNo={() => setPending(null)} />
            ) : (
              <View className="actions">
                <Button size="large" block className="hold-meeting" onClick={() => setPending('hold')}>
                  会开完了，标记已召开…
                </Button>
              </View>
            )
          ) : null}
          {m && (m.status === 'draft' || m.status === 'planned') ? (
            pending === 'cancel' ? (
              <View className="inline-confirm cancel-confirm">
                <Text className="inline-confirm-text">取消这次会议？{m.signedUp + m.speakers > 0 ? '报名的居民会收到通知和原因。' : ''}请写明原因：</Text>
                <Input className="v-input cancel-reason" value={reason} maxlength={L.meetingCancelReason.max} placeholder="比如：下雨，改到下周" aria-label="取消原因" onInput={(e) => setReason(e.detail.value)} />
                <View className="actions">
                  <Button size="large" block className="cancel-yes" loading={busy} disabled={busy} onClick={cancel}>
                    确定取消会议
                  </Button>
                  <Button size="large" block onClick={() => setPending(null)}>
                    再想想
                  </Button>
                </View>
              </View>
            ) : (
              <View className="actions">
                <Button size="large" block className="cancel-meeting" onClick={() => setPending('cancel')}>
                  取消会议…
                </Button>
              </View>
            )
          ) : null}
        </View>
      ) : null}
      {m ? <RecordOpinions meetingId={m.id} /> : <Text className="muted ca-block">保存以后，可以在这里记录会上居民提的意见。</Text>}
    </View>
  );
}

/** The day, start and end of a meeting, with the system's pickers (China time as typed). */
function MeetingTimes({ f, set }: { f: MeetingFields; set: (p: Partial<MeetingFields>) => void }) {
  return (
    <View className="ca-datetime meeting-times">
      <Picker mode="date" value={f.date} onChange={(e) => set({ date: String(e.detail.value) })}>
        <View className="v-input ca-picker ca-date meeting-date" role="button" aria-label="会议日期">
          <Text>{f.date ? dayText(f.date) : '选日期'}</Text>
        </View>
      </Picker>
      <View className="ca-datetime-row">
        <Picker mode="time" value={f.start} onChange={(e) => set({ start: String(e.detail.value) })}>
          <View className="v-input ca-picker ca-time meeting-start" role="button" aria-label="开始时间">
            <Text>{f.start} 开始</Text>
          </View>
        </Picker>
        <Picker mode="time" value={f.end} onChange={(e) => set({ end: String(e.detail.value) })}>
          <View className="v-input ca-picker ca-time meeting-end" role="button" aria-label="结束时间">
            <Text>{f.end} 结束</Text>
          </View>
        </Picker>
      </View>
      <View className="ca-quick">
        {[
          { t: '今天', d: 0 },
          { t: '明天', d: 1 },
          { t: '一周后', d: 7 },
        ].map((q) => (
          <Button key={q.t} size="small" className={`ca-quick-day ca-quick-${q.d}`} onClick={() => set({ date: localDate(q.d) })}>
            {q.t}
          </Button>
        ))}
      </View>
    </View>
  );
}

/** Adds a topic of the community to the agenda (the open ones, by title). */
function AgendaPicker({ chosen, max, onAdd }: { chosen: string[]; max: number; onAdd: (topicId: string) => void }) {
  const [open, setOpen] = useState(false);
  const topics = useRemote(() => (open ? call('consult', 'topics', { status: 'open' }) : Promise.resolve({ ok: true as const, data: { items: [], nextCursor: null } })), [open]);
  if (chosen.length >= max) return null;
  if (!open) {
    return (
      <View className="actions">
        <Button size="large" block className="add-agenda" onClick={() => setOpen(true)}>
          把议题加到议程…
        </Button>
      </View>
    );
  }
  const left = topics.state === 'ok' ? topics.data.items.filter((t) => !chosen.includes(t.id)) : [];
  return (
    <View className="agenda-picker">
      {topics.state === 'loading' ? <LoadingState text="正在读取议题…" /> : null}
      {topics.state === 'ok' && !left.length ? <Text className="muted ca-block">没有可以加的议题。</Text> : null}
      {left.map((t) => (
        <Button key={t.id} size="large" block className="agenda-topic" onClick={() => onAdd(t.id)}>
          ＋ {t.title}（{t.phaseLabel}）
        </Button>
      ))}
      <Button size="large" block onClick={() => setOpen(false)}>
        收起
      </Button>
    </View>
  );
}
