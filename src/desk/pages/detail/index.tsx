/**
 * A ticket as its grid workers and the community's admins see it: what, where, who reported it
 * (phone masked unless you handle it), the warning to keep the reporter secret, deadlines, and the
 * full timeline (internal steps marked). Below, the actions the ticket allows this person now (the
 * view's `can` flags): 受理; 记录 (内部 or 反映人可见); 协调部门; 退单; 反馈处理结果; 回访; 办结;
 * 合并到另一条; and for admins 指派网格员, 督办, 催办; issue 21's 申请延期, 审批延期 (admins), 挂起, 恢复办理
 * and 核查 (forms in src/desk/components; their state in the header, `LoopStatus`); issue 22's 邀请调解员
 * (the assignee of a neighbour dispute). A 信息员 volunteer checking it, or an invited 调解员, reads
 * the same page (their view from the server: the informant's, or the assignee's) with no actions but 核查. One action's form opens at a time, inside the
 * page (no pop-ups), with its own button; the answer is the ticket as it now stands.
 * Loaded by id, so a reload shows the same; a resident who opens it is sent to their own page.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button, Loading } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import {
  DEPARTMENT_LABELS,
  FOLLOW_UP_LABELS,
  holderOf,
  TICKET_URLS,
  type Department,
  type FollowUpMethod,
  type QueueItem,
  type StaffActions,
  type StaffTicketView,
  type TicketError,
  type WorkerOption,
} from '../../../ticket/api';
import { call } from '../../../services/call';
import { TICKET_LIMITS as L } from '../../../../cloudfunctions/ticket/limits';
import { PhotoList } from '../../../ticket/components/PhotoPicker';
import { charCount, LineBox, TextBox } from '../../../ticket/components/TextBox';
import { Timeline } from '../../../ticket/components/Timeline';
import { dueWhat } from '../../../ticket/components/QueueCard';
import { PhoneCall } from '../../../ui/PhoneCall';
import { SOURCE_EXPLANATIONS } from '../../../../cloudfunctions/shared/vocabulary/categories';
import { TicketErrorState, TicketNotFound, TicketPage } from '../../../ticket/components/TicketPage';
import { isLocalDate, localDate, whenText, dayText } from '../../../ticket/when';
import { DecideExtensionForm } from '../../components/DecideExtensionForm';
import { LoopStatus } from '../../components/LoopStatus';
import { RequestExtensionForm } from '../../components/RequestExtensionForm';
import { ResumeForm } from '../../components/ResumeForm';
import { SuspendForm } from '../../components/SuspendForm';
import { VerifyForm } from '../../components/VerifyForm';
import { InviteMediatorForm } from '../../components/InviteMediatorForm';
import { CannedReplies } from '../../components/CannedReplies';
import { LoopCard, LoopDateChoice } from '../../components/ActionCard';

type ActionKind = keyof StaffActions;

/** The actions in the order a worker meets them, with the label of the button that opens each. */
const ACTIONS: { kind: Exclude<ActionKind, 'accept'>; label: string }[] = [
  { kind: 'decideExtension', label: '审批延期' }, // issue 21: a request waits on the admin first
  { kind: 'assign', label: '指派网格员' },
  { kind: 'coordinate', label: '协调部门' },
  { kind: 'note', label: '记录情况' },
  { kind: 'handle', label: '反馈处理结果' },
  { kind: 'verify', label: '核查' },
  { kind: 'followUp', label: '回访反映人' },
  { kind: 'close', label: '办结' },
  { kind: 'supervise', label: '督办' },
  { kind: 'remind', label: '催办' },
  { kind: 'merge', label: '合并到另一条' },
  { kind: 'return', label: '退单' },
  // issue 21: 延期, 挂起 (each form in src/desk/components; 审批延期 first, 核查 after 反馈)
  { kind: 'requestExtension', label: '申请延期' },
  { kind: 'suspend', label: '挂起（暂停办理）' },
  { kind: 'resume', label: '恢复办理' },
  // issue 22: the assignee of a neighbour dispute brings in a 调解员 volunteer
  { kind: 'inviteMediator', label: '邀请调解员' },
];

export default function DeskDetailPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const justMerged = params.merged === '1';
  const load = useCallback(() => call('ticket', 'get', { ticketId: id }), [id]);
  const got = useRemote(load, [load]);
  const [ticket, setTicket] = useState<StaffTicketView | null>(null);
  // the loaded answer (a new object only when loaded again): an action's answer replaces it until then
  const loaded = got.state === 'ok' ? got.data : null;
  useEffect(() => {
    if (loaded?.view === 'resident') Taro.redirectTo({ url: TICKET_URLS.detail(id) });
    setTicket(loaded?.view === 'staff' ? loaded.ticket : null);
  }, [loaded, id]);
  return (
    <TicketPage className="desk-detail">
      {!id ? <TicketNotFound /> : null}
      {id && (got.state === 'loading' || (got.state === 'ok' && !ticket)) ? <LoadingState /> : null}
      {id && got.state === 'error' ? <TicketErrorState error={got.error} onRetry={got.reload} /> : null}
      {ticket ? <StaffDetail t={ticket} onChange={setTicket} reload={got.reload} justMerged={justMerged} /> : null}
    </TicketPage>
  );
}

function StaffDetail({ t, onChange, reload, justMerged }: { t: StaffTicketView; onChange: (t: StaffTicketView) => void; reload: () => void; justMerged: boolean }) {
  const [open, setOpen] = useState<ActionKind | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(justMerged ? '已合并：重复的那一条并到了这一条，两边的反映人都看这一条的进展。' : null);

  /** Runs one action; its answer is the ticket as it now stands. */
  const run = async (doneText: string, act: () => Promise<CallResult<StaffTicketView>>, after?: (t: StaffTicketView) => void) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setDone(null);
    const r = await act();
    setBusy(false);
    if (r.ok) {
      if (after) return after(r.data);
      onChange(r.data);
      setOpen(null);
      setDone(doneText);
      return;
    }
    const e = r.error as TicketError;
    if (e.code === 'TICKET.ALREADY_ACCEPTED') {
      const holder = holderOf(e);
      setFailure(holder ? `这个问题已经由 ${holder} 受理了，不用您再受理。` : e.message);
      reload();
      return;
    }
    setFailure(e.message);
  };
  const formError = (message: string) => {
    setDone(null);
    setFailure(message);
  };
  const choose = (kind: ActionKind | null) => {
    setOpen(kind);
    setFailure(null);
    setDone(null);
  };
  const form = { busy, run, formError, cancel: () => choose(null), t };
  const offered = ACTIONS.filter((a) => t.can[a.kind]);

  return (
    <View>
      {t.anonymous && (t.reporter || t.reporterHidden) ? (
        <View className="secret-warning" role="alert">
          <Text className="secret-warning-text">反映人要求保密：不要向对方透露是谁反映的</Text>
        </View>
      ) : null}
      <TicketFacts t={t} />
      {done ? (
        <Text className="notice-ok" aria-live="polite">
          {done}
        </Text>
      ) : null}
      {failure ? (
        <Text className="notice" aria-live="assertive">
          {failure}
        </Text>
      ) : null}
      {t.can.accept && !open ? (
        <View className="card">
          <Text className="ticket-hint">受理以后，这个问题由您负责办理，反映人会看到是您在处理。</Text>
          <View className="actions">
            <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={() => run('已受理：这个问题现在由您负责。', () => call('ticket', 'accept', { ticketId: t.id }))}>
              受理
            </Button>
          </View>
        </View>
      ) : null}
      {open === 'note' ? <NoteForm {...form} /> : null}
      {open === 'coordinate' ? <CoordinateForm {...form} /> : null}
      {open === 'return' ? <ReturnForm {...form} /> : null}
      {open === 'handle' ? <HandleForm {...form} /> : null}
      {open === 'followUp' ? <FollowUpForm {...form} /> : null}
      {open === 'close' ? <CloseForm {...form} /> : null}
      {open === 'merge' ? <MergeForm {...form} /> : null}
      {open === 'assign' ? <AssignForm {...form} /> : null}
      {open === 'supervise' ? <SuperviseForm {...form} /> : null}
      {open === 'remind' ? <RemindForm {...form} /> : null}
      {open === 'requestExtension' ? <RequestExtensionForm {...form} /> : null}
      {open === 'decideExtension' ? <DecideExtensionForm {...form} /> : null}
      {open === 'suspend' ? <SuspendForm {...form} /> : null}
      {open === 'resume' ? <ResumeForm {...form} /> : null}
      {open === 'verify' ? <VerifyForm {...form} /> : null}
      {open === 'inviteMediator' ? <InviteMediatorForm {...form} /> : null}
      {!open && offered.length ? (
        <View className="card staff-actions">
          <Text className="subtitle">{t.can.accept ? '也可以' : '办理'}</Text>
          <View className="actions">
            {offered.map((a) => (
              <Button key={a.kind} className={`action-${a.kind}`} size="large" block onClick={() => choose(a.kind)}>
                {a.label}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
      <View className="card">
        <Text className="subtitle">办理记录</Text>
        <Timeline steps={t.timeline} staff />
      </View>
    </View>
  );
}

function TicketFacts({ t }: { t: StaffTicketView }) {
  const what = dueWhat({ status: t.status, supervised: !!t.supervision });
  return (
    <View className="card ticket-head">
      {t.overdue ? <Text className="overdue-band">已超时</Text> : null}
      <Text className="title">{t.categoryLabel}</Text>
      <Text className={`ticket-status status-${t.status}`}>{t.statusLabel}</Text>
      {t.hardCase && t.hardCaseReason ? <Text className="ticket-line hard-reason">疑难：{t.hardCaseReason}</Text> : null}
      {t.supervision ? (
        <Text className="ticket-line">
          社区督办：{dayText(t.supervision.deadline)} 前办结（{t.supervision.byName}：{t.supervision.note}）
        </Text>
      ) : null}
      <LoopStatus t={t} />
      {t.dueAt && (t.status === 'pending' || t.status === 'inProgress') ? (
        <Text className={`ticket-line${t.overdue ? ' queue-due-over' : ''}`}>
          {t.overdue ? '应在' : '请在'} {whenText(t.dueAt)} 前{what}
        </Text>
      ) : null}
      <Text className="ticket-line">地点：{t.place.text}</Text>
      <Text className="ticket-line ticket-source">
        来源：{t.sourceLabel}（{SOURCE_EXPLANATIONS[t.source]}）
      </Text>
      <Text className="ticket-line">反映时间：{whenText(t.createdAt)}</Text>
      <Text className="ticket-line">办理人：{t.assigneeName ?? '还没有人受理'}</Text>
      {t.gridCode ? <Text className="ticket-line">网格：{t.gridCode}</Text> : null}
      <Text className="ticket-text">{t.text}</Text>
      <PhotoList urls={t.photos} />
      {t.hiddenPhotos ? <Text className="ticket-line">另有 {t.hiddenPhotos} 张照片，受理以后能看到</Text> : null}
      <View className="reporter-box">
        {t.reporter ? (
          <View>
            <Text className="ticket-line reporter-line">反映人：{t.reporter.name}</Text>
            {t.reporter.phone ? <PhoneCall className="ticket-line reporter-phone" label="电话：" phone={t.reporter.phone} /> : <Text className="ticket-line">电话：没有留电话</Text>}
          </View>
        ) : t.reporterHidden ? (
          <Text className="ticket-line reporter-line">反映人：受理以后才能看到是谁、怎么联系（为反映人保密）</Text>
        ) : (
          <Text className="ticket-line">没有反映人（工作人员自己发现或上级交办）</Text>
        )}
        {t.enteredBy ? <Text className="ticket-line">由 {t.enteredBy} 代为登记</Text> : null}
        {t.followerCount ? <Text className="ticket-line">另有 {t.followerCount} 位邻居也反映了这个问题</Text> : null}
      </View>
      {t.mergedIntoId ? (
        <View className="actions">
          <Button size="large" block onClick={() => Taro.redirectTo({ url: TICKET_URLS.deskDetail(t.mergedIntoId!) })}>
            已合并，去看合并到的那一条
          </Button>
        </View>
      ) : null}
      {t.ratings.map((r) => (
        <Text key={r.at} className="ticket-line">
          反映人评价：{r.ratingLabel}
          {r.comment ? `，${r.comment}` : ''}
        </Text>
      ))}
    </View>
  );
}

// ─── the action forms ─────────────────────────────────────────────────────────────────────

/**
 * Who reads what staff type in each field, from the ticket's audiences
 * (cloudfunctions/shared/tickets/audience.ts): a public step's note is a `progressNotes` facet, read by
 * the reporter and the neighbours who joined (附议); 回访's "反映人怎么说" is `reporterWords` (the
 * reporter and staff); anything else is `internal` (staff only).
 */
const READERS = {
  reporter: '反映人会看到这段话（一起反映的邻居也能看到）',
  reporterOnly: '反映人自己和工作人员能看到，邻居看不到',
  staff: '只有工作人员能看到，反映人看不到',
} as const;

interface FormProps {
  t: StaffTicketView;
  busy: boolean;
  run: (doneText: string, act: () => Promise<CallResult<StaffTicketView>>, after?: (t: StaffTicketView) => void) => Promise<void>;
  formError: (message: string) => void;
  cancel: () => void;
}

function NoteForm({ t, busy, run, formError, cancel }: FormProps) {
  const [text, setText] = useState('');
  const [visible, setVisible] = useState<'internal' | 'public'>('internal');
  const submit = () => {
    if (charCount(text) < L.note.min) return formError('请先写下要记录的情况');
    void run(visible === 'public' ? '已记录，反映人能看到这条留言。' : '已记录（内部，反映人看不到）。', () => call('ticket', 'note', { ticketId: t.id, text: text.trim(), public: visible === 'public' }));
  };
  return (
    <LoopCard title="记录情况" submitText="保存记录" onSubmit={submit} busy={busy} cancel={cancel} className="form-note">
      <TextBox label="情况" value={text} max={L.note.max} min={L.note.min} placeholder="例如：已上门了解，对方说下周拆" onChange={setText} reader={visible === 'public' ? READERS.reporter : READERS.staff} />
      <Text className="field-label">谁能看到？</Text>
      <ChoiceButtons
        className="choice-grid"
        itemClassName="choice"
        options={[
          { value: 'internal', label: '内部记录' },
          { value: 'public', label: '反映人可见' },
        ]}
        selected={visible}
        onSelect={(v) => setVisible(v as 'internal' | 'public')}
      />
    </LoopCard>
  );
}

const DEPARTMENTS = (Object.keys(DEPARTMENT_LABELS) as Department[]).map((value) => ({ value, label: DEPARTMENT_LABELS[value] }));

function CoordinateForm({ t, busy, run, formError, cancel }: FormProps) {
  const [department, setDepartment] = useState<Department | null>(null);
  const [departmentName, setDepartmentName] = useState('');
  const [contact, setContact] = useState('');
  const [agreed, setAgreed] = useState('');
  const [by, setBy] = useState(localDate(7));
  const submit = () => {
    if (!department) return formError('请先选协调的部门');
    if (charCount(contact) < L.contact.min) return formError('请写下联系人（谁，怎么联系）');
    if (charCount(agreed) < L.agreed.min) return formError('请写下商量好的办法');
    if (!isLocalDate(by)) return formError('日期请写成 年-月-日，例如 ' + localDate(7));
    void run('已记下协调情况。', () => call('ticket', 'coordinate', { ticketId: t.id, department, ...(department === 'other' && departmentName.trim() ? { departmentName: departmentName.trim() } : {}), contact: contact.trim(), agreed: agreed.trim(), by }));
  };
  return (
    <LoopCard title="协调部门" hint="记下和哪个部门、谁商量了什么，什么时候办好。反映人会看到联系了哪个部门和商量好的办法；联系人和期限只有工作人员能看到。" submitText="保存协调记录" onSubmit={submit} busy={busy} cancel={cancel} className="form-coordinate">
      <Text className="field-label">哪个部门？</Text>
      <ChoiceButtons className="choice-grid" itemClassName="choice" options={DEPARTMENTS} selected={department} onSelect={(v) => setDepartment(v as Department)} />
      {department === 'other' ? <LineBox label="部门名称" value={departmentName} max={L.departmentName.max} placeholder="例如：住建局" onChange={setDepartmentName} reader="反映人会看到“已联系”这个部门" /> : null}
      <LineBox label="联系人" value={contact} max={L.contact.max} placeholder="例如：执法队 马队长" onChange={setContact} reader={READERS.staff} />
      <TextBox label="商量好的办法" value={agreed} max={L.agreed.max} min={L.agreed.min} placeholder="例如：联合物业上门，限期拆除" onChange={setAgreed} reader={READERS.reporter} />
      <LoopDateChoice
        label="什么时候前办好？"
        value={by}
        onChange={setBy}
        options={[
          { label: '3 天内', days: 3 },
          { label: '一周内', days: 7 },
          { label: '两周内', days: 14 },
        ]}
      />
    </LoopCard>
  );
}

function ReturnForm({ t, busy, run, formError, cancel }: FormProps) {
  const [reason, setReason] = useState('');
  const submit = () => {
    if (charCount(reason) < L.reason.min) return formError(`请写下退单的原因（至少 ${L.reason.min} 个字）`);
    // no longer hers: back to the queue, which says it went back to the community
    void run('', () => call('ticket', 'returnTicket', { ticketId: t.id, reason: reason.trim() }), () => Taro.redirectTo({ url: `${TICKET_URLS.queue}?returned=1` }));
  };
  return (
    <LoopCard title="退单" hint="这个问题不归您管时退回社区，由社区重新安排。" submitText="确定退单" onSubmit={submit} busy={busy} cancel={cancel} className="form-return">
      <TextBox label="退单原因" value={reason} max={L.reason.max} min={L.reason.min} placeholder="例如：地点不在我的网格" onChange={setReason} reader={READERS.staff} />
    </LoopCard>
  );
}

function HandleForm({ t, busy, run, formError, cancel }: FormProps) {
  const [result, setResult] = useState('');
  const submit = () => {
    if (charCount(result) < L.result.min) return formError(`请写下处理结果（至少 ${L.result.min} 个字）`);
    // a community problem is checked on site by someone else before it closes (核查, issue 21)
    const next = t.needsVerification ? '下一步：请社区管理员或其他网格员到现场核查。' : t.reporter || t.reporterHidden ? '下一步：回访反映人。' : '这个问题没有反映人，下一步：办结。';
    void run(`已反馈处理结果。${next}`, () => call('ticket', 'handle', { ticketId: t.id, result: result.trim() }));
  };
  return (
    <LoopCard title="反馈处理结果" hint="反映人能看到您写的结果。" submitText="保存处理结果" onSubmit={submit} busy={busy} cancel={cancel} className="form-handle">
      <TextBox label="处理结果" value={result} max={L.result.max} min={L.result.min} placeholder="例如：鸽笼已拆除，鸽子已迁走" onChange={setResult} reader={READERS.reporter} />
      <CannedReplies kind="feedback" onPick={setResult} max={L.result.max} />
    </LoopCard>
  );
}

const METHODS = (Object.keys(FOLLOW_UP_LABELS) as FollowUpMethod[]).map((value) => ({ value, label: FOLLOW_UP_LABELS[value] }));

function FollowUpForm({ t, busy, run, formError, cancel }: FormProps) {
  const [date, setDate] = useState(localDate());
  const [method, setMethod] = useState<FollowUpMethod | null>(null);
  const [said, setSaid] = useState('');
  const submit = () => {
    if (!isLocalDate(date)) return formError('日期请写成 年-月-日，例如 ' + localDate());
    if (!method) return formError('请选回访的方式');
    if (charCount(said) < L.reporterSaid.min) return formError('请写下反映人怎么说');
    void run('已记下回访。可以办结了。', () => call('ticket', 'followUp', { ticketId: t.id, date, method, reporterSaid: said.trim() }));
  };
  return (
    <LoopCard title="回访反映人" hint="问问反映人问题是不是真的解决了。" submitText="保存回访" onSubmit={submit} busy={busy} cancel={cancel} className="form-followup">
      <LoopDateChoice
        label="哪天回访的？"
        value={date}
        onChange={setDate}
        options={[
          { label: '今天', days: 0 },
          { label: '昨天', days: -1 },
        ]}
      />
      <Text className="field-label">怎么回访的？</Text>
      <ChoiceButtons className="choice-grid" itemClassName="choice" options={METHODS} selected={method} onSelect={(v) => setMethod(v as FollowUpMethod)} />
      <TextBox label="反映人怎么说" value={said} max={L.reporterSaid.max} min={L.reporterSaid.min} placeholder="例如：现在能晒被子了，满意" onChange={setSaid} reader={READERS.reporterOnly} />
      <CannedReplies kind="followUp" onPick={setSaid} max={L.reporterSaid.max} />
    </LoopCard>
  );
}

function CloseForm({ t, busy, run, cancel }: FormProps) {
  const [summary, setSummary] = useState('');
  const submit = () => void run('已办结。反映人现在可以评价了。', () => call('ticket', 'close', { ticketId: t.id, summary: summary.trim() }));
  return (
    <LoopCard title="办结" hint="办结后反映人会收到通知，请他评价。" submitText="确定办结" onSubmit={submit} busy={busy} cancel={cancel} className="form-close">
      <TextBox label="办结说明（可以不写）" value={summary} max={L.summary.max} placeholder="例如：鸽笼拆除，反映人满意" onChange={setSummary} reader={READERS.reporter} />
      <CannedReplies kind="feedback" onPick={setSummary} max={L.summary.max} />
    </LoopCard>
  );
}

/** The open tickets this person can merge into: their queue (and, for admins, the hard-case list), without this one. */
async function mergeCandidates(t: StaffTicketView): Promise<CallResult<QueueItem[]>> {
  const [q, hard] = await Promise.all([call('ticket', 'queue'), t.can.assign ? call('ticket', 'hardCases') : Promise.resolve(null)]);
  if (!q.ok) return q;
  const all = [...q.data.waiting, ...q.data.mine, ...(hard?.ok ? hard.data : [])];
  const seen = new Set<string>([t.id]);
  return { ok: true, data: all.filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true))) };
}

function MergeForm({ t, busy, run, formError, cancel }: FormProps) {
  const load = useCallback(() => mergeCandidates(t), [t]);
  const list = useRemote(load, [load]);
  const [into, setInto] = useState<string | null>(null);
  const submit = () => {
    if (!into) return formError('请先选要合并到哪一条');
    // the answer is the ticket it was merged into: go on there
    void run('', () => call('ticket', 'merge', { ticketId: t.id, intoId: into }), (merged) => Taro.redirectTo({ url: `${TICKET_URLS.deskDetail(merged.id)}&merged=1` }));
  };
  return (
    <LoopCard title="合并到另一条" hint="同一件事有人重复反映时，把这条并到先反映的那一条；两边的反映人以后都看那一条的进展。" submitText="确定合并" onSubmit={submit} busy={busy} cancel={cancel} className="form-merge">
      {list.state === 'loading' ? <Loading type="spinner" /> : null}
      {list.state === 'error' ? <Text className="notice">{list.error.message}</Text> : null}
      {list.state === 'ok' && !list.data.length ? <Text className="ticket-hint">没有可以合并的其他问题。</Text> : null}
      {list.state === 'ok' && list.data.length ? (
        <ChoiceButtons
          className="choice-list merge-choices"
          itemClassName="choice"
          options={list.data.map((i) => ({ value: i.id, label: `${i.categoryLabel}（${dayText(i.createdAt)}）${i.placeText}：${[...i.summary].slice(0, 20).join('')}` }))}
          selected={into}
          onSelect={setInto}
        />
      ) : null}
    </LoopCard>
  );
}

function AssignForm({ t, busy, run, formError, cancel }: FormProps) {
  const list = useRemote<WorkerOption[]>(() => call('ticket', 'workers'));
  const [worker, setWorker] = useState<string | null>(null);
  const submit = () => {
    if (!worker) return formError('请先选一位网格员');
    const name = list.state === 'ok' ? list.data.find((w) => w.id === worker)?.name ?? '' : '';
    void run(`已指派给网格员 ${name}。`, () => call('ticket', 'assign', { ticketId: t.id, workerId: worker }));
  };
  return (
    <LoopCard title="指派网格员" hint="选一位网格员负责这个问题。" submitText="确定指派" onSubmit={submit} busy={busy} cancel={cancel} className="form-assign">
      {list.state === 'loading' ? <Loading type="spinner" /> : null}
      {list.state === 'error' ? <Text className="notice">{list.error.message}</Text> : null}
      {list.state === 'ok' && !list.data.length ? <Text className="ticket-hint">社区里还没有网格员。</Text> : null}
      {list.state === 'ok' && list.data.length ? (
        <ChoiceButtons className="choice-grid" itemClassName="choice" options={list.data.filter((w) => w.id !== t.assigneeId).map((w) => ({ value: w.id, label: w.name }))} selected={worker} onSelect={setWorker} />
      ) : null}
    </LoopCard>
  );
}

function SuperviseForm({ t, busy, run, formError, cancel }: FormProps) {
  const [deadline, setDeadline] = useState(localDate(3));
  const [note, setNote] = useState('');
  const submit = () => {
    if (!isLocalDate(deadline)) return formError('日期请写成 年-月-日，例如 ' + localDate(3));
    if (charCount(note) < L.adminNote.min) return formError('请写下督办要求');
    void run(`已督办：要求 ${dayText(deadline)} 前办结。`, () => call('ticket', 'supervise', { ticketId: t.id, deadline, note: note.trim() }));
  };
  return (
    <LoopCard title="督办" hint="定一个办结期限，社区盯着办。" submitText="确定督办" onSubmit={submit} busy={busy} cancel={cancel} className="form-supervise">
      <LoopDateChoice
        label="什么时候前办结？"
        value={deadline}
        onChange={setDeadline}
        options={[
          { label: '3 天内', days: 3 },
          { label: '一周内', days: 7 },
          { label: '两周内', days: 14 },
        ]}
      />
      <TextBox label="督办要求" value={note} max={L.adminNote.max} min={L.adminNote.min} placeholder="例如：请联系执法队尽快拆除" onChange={setNote} reader={READERS.reporter} />
    </LoopCard>
  );
}

function RemindForm({ t, busy, run, formError, cancel }: FormProps) {
  const [note, setNote] = useState('');
  const submit = () => {
    if (charCount(note) < L.adminNote.min) return formError('请写下催办的话');
    void run('已催办。', () => call('ticket', 'remind', { ticketId: t.id, note: note.trim() }));
  };
  return (
    <LoopCard title="催办" hint="提醒办理人抓紧办。" submitText="发出催办" onSubmit={submit} busy={busy} cancel={cancel} className="form-remind">
      <TextBox label="催办的话" value={note} max={L.adminNote.max} min={L.adminNote.min} placeholder="例如：期限快到了，请抓紧" onChange={setNote} reader={READERS.staff} />
    </LoopCard>
  );
}
