/**
 * The consultation ledger's tables (有事来商量, issue 20), pure: what a community secretary opens in
 * WPS or Excel. Local times (Asia/Shanghai, `YYYY-MM-DD HH:mm`, `ledger.ts` localStamp).
 *
 * - `meetings` (会议台账): one row per meeting (not drafts) starting in the period — kind, time,
 *   place, convenor, status, people by role (counts and organisations, never the names on the
 *   sign-in sheet), agenda size, minutes, decisions, photos, and how many opinions were collected.
 * - `topics` (议题台账): one row per topic whose voting closes in the period (or, without a voting
 *   period, proposed in it): scope, rule, status, the electorate, and once decided its result —
 *   households per channel and per option per channel, turnout, outcome and checks. **Counts only:**
 *   never a household, a room or a choice (docs/consultation-design.md §1 "What is stored about who
 *   voted"); before `decided` nothing of the split (not even to admins, §6).
 * - `opinions` (意见台账): one row per opinion given in the period — source, text, place, the giver's
 *   name only (as the tickets ledger gives the reporter's: the ledger is the admins'; never a phone
 *   or a household key), who entered it, status, deadline, whether answered on time, what was done,
 *   the reply, the linked ticket, the rating and the steps.
 */
import type { Meeting, Opinion, Topic, TopicScope } from '../../shared/model';
import { RATING_LABELS } from '../../shared/vocabulary/categories';
import { OPINION_SOURCE_LABELS, OPINION_STATUS_LABELS } from '../../shared/vocabulary/opinions';
import { MEETING_STATUS_LABELS, TOPIC_STATUS_LABELS } from '../../shared/vocabulary/statuses';
import { ATTENDANCE_ROLE_LABELS, CHANNEL_LABELS, MEETING_KIND_LABELS, OUTCOME_LABELS, outcomeKey } from './consultation';
import { localStamp, type Table } from './ledger';

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const MEETING_STATUS: Readonly<Record<Meeting['status'], string>> = MEETING_STATUS_LABELS;
const TOPIC_STATUS: Readonly<Record<Topic['status'], string>> = TOPIC_STATUS_LABELS;
const OPINION_STATUS: Readonly<Record<Opinion['status'], string>> = OPINION_STATUS_LABELS;
const OPINION_SOURCE: Readonly<Record<Opinion['source'], string>> = OPINION_SOURCE_LABELS;
const OPINION_EVENT: Record<Opinion['events'][number]['type'], string> = { given: '提出', accepted: '受理', resolved: '解决', ticketed: '转工单', answered: '答复', rated: '评价', reopened: '重新办理', overdue: '超期' };
const RATING: Readonly<Record<string, string>> = RATING_LABELS;

/** 会议台账 (see the module comment). `opinionsByMeeting`: opinions collected at each meeting. */
export function meetingTable(meetings: Meeting[], opinionsByMeeting: ReadonlyMap<string, number> = new Map()): Table {
  return {
    name: '会议台账',
    headers: ['编号', '会议类型', '会议主题', '开始时间', '结束时间', '地点', '召集人', '状态', '参会人数', '参会人员', '议题数', '收集意见数', '纪要', '议定事项', '照片数'],
    rows: meetings.map((m) => [
      m._id,
      MEETING_KIND_LABELS[m.kind] ?? m.kind,
      oneLine(m.title),
      localStamp(m.startAt),
      localStamp(m.endAt),
      oneLine(m.place),
      m.convenor?.name ?? '',
      m.status === 'cancelled' && m.cancelled ? `已取消：${oneLine(m.cancelled.reason)}` : (MEETING_STATUS[m.status] ?? m.status),
      m.attendance.reduce((n, a) => n + a.count, 0),
      m.attendance.map((a) => `${ATTENDANCE_ROLE_LABELS[a.role] ?? a.role}${a.org ? `（${oneLine(a.org)}）` : ''} ${a.count}人`).join('、'),
      m.agendaTopicIds.length,
      opinionsByMeeting.get(m._id) ?? 0,
      m.minutes ?? '',
      m.decisions.map((d, i) => `${i + 1}. ${oneLine(d.text)}`).join('\n'),
      m.photoFileIds.length,
    ]),
  };
}

function scopeText(s: TopicScope, estateName: (id: string) => string): string {
  if (s.kind === 'community') return '全社区';
  if (s.kind === 'estate') return estateName(s.estateId);
  return `${estateName(s.estateId)} ${s.building}`;
}

const percent = (r: number | null | undefined): string => (r == null ? '' : `${Math.round(r * 1000) / 10}%`);

/** 议题台账 (see the module comment): counts per channel and result, never a household or a choice. */
export function topicTable(topics: Topic[], estateName: (id: string) => string = (id) => id): Table {
  return {
    name: '议题台账',
    headers: ['编号', '议题', '表决范围', '决定方式', '状态', '投票开始', '投票截止', '应参与户数', '参与户数', '微信户数', '柜台代投户数', '纸质票户数', '参与率', '各选项户数', '纸质空白票', '纸质无效票', '结果', '核算说明', '出结果时间', '公布时间'],
    rows: topics.map((t) => {
      const r = t.status === 'decided' ? t.result : undefined;
      const option = (key: string) => {
        const per = (['wechat', 'counter', 'paper'] as const).map((c) => [c, Number(r?.byChannel[c]?.[key] ?? 0)] as const);
        const total = per.reduce((n, [, k]) => n + k, 0);
        return `${t.options.find((o) => o.key === key)?.label ?? key} ${total}（${per.map(([c, k]) => `${CHANNEL_LABELS[c]} ${k}`).join(' · ')}）`;
      };
      const outcomeLabel = r ? (outcomeKey(r.outcome) === 'chosen' ? `选出：${t.options.find((o) => o.key === r.outcome)?.label ?? r.outcome}` : OUTCOME_LABELS[outcomeKey(r.outcome)]) : '';
      return [
        t._id,
        oneLine(t.title),
        scopeText(t.scope, estateName),
        t.rule === 'civilCode' ? `民法典第二百七十八条${t.civilCodeItem ? `第${t.civilCodeItem}项` : ''}（按户核算）` : '简单多数',
        TOPIC_STATUS[t.status] ?? t.status,
        localStamp(t.voteFrom),
        localStamp(t.voteUntil),
        r ? r.households.electorate : (t.electorate?.households ?? ''),
        r ? r.households.voted : '',
        r ? r.households.byChannel.wechat : '',
        r ? r.households.byChannel.counter : '',
        r ? r.households.byChannel.paper : '',
        r ? percent(r.turnout) : '',
        r ? t.options.map((o) => option(o.key)).join('；') : '',
        r ? Number(r.byChannel.paper.blank ?? 0) : '',
        r ? Number(r.byChannel.paper.invalid ?? 0) : '',
        outcomeLabel,
        r ? [...r.checks, r.ruleText].filter(Boolean).join('\n') : '',
        r ? localStamp(r.decidedAt) : '',
        localStamp(t.publishedAt),
      ];
    }),
  };
}

/** When the first final step (resolved, ticketed, answered) came, if any. */
function firstFinal(o: Opinion): Date | null {
  const at = o.events.filter((e) => e.type === 'resolved' || e.type === 'ticketed' || e.type === 'answered').map((e) => new Date(e.at).getTime());
  return at.length ? new Date(Math.min(...at)) : null;
}

/** 意见台账 (see the module comment): the giver's name only, never a phone or a household. `now`: the clock (an unanswered opinion past its deadline reads 否（未答复）). */
export function opinionTable(opinions: Opinion[], now: Date, meetingTitle: (id: string) => string = (id) => id): Table {
  return {
    name: '意见台账',
    headers: ['编号', '提出时间', '来源', '会议', '意见内容', '地点', '提出人', '登记人', '状态', '答复期限', '按期答复', '办理结果', '答复及理由', '工单编号', '评价', '处理经过'],
    rows: opinions.map((o) => {
      const first = firstFinal(o);
      return [
        o._id,
        localStamp(o.createdAt),
        OPINION_SOURCE[o.source] ?? o.source,
        o.meetingId ? meetingTitle(o.meetingId) : '',
        oneLine(o.text),
        oneLine(o.place ?? ''),
        o.giver?.name ?? '',
        o.actorName ?? '',
        OPINION_STATUS[o.status] ?? o.status,
        localStamp(o.dueAt),
        first ? (first.getTime() <= new Date(o.dueAt).getTime() ? '是' : '否') : new Date(o.dueAt).getTime() < now.getTime() ? '否（未答复）' : '',
        o.resolution ? `${oneLine(o.resolution.what)}（${oneLine(o.resolution.when)}，${o.resolution.byName}）` : '',
        o.reply ? `${oneLine(o.reply.text)}；理由：${oneLine(o.reply.reason)}` : '',
        o.ticketId ?? '',
        o.rating ? (RATING[o.rating.rating] ?? o.rating.rating) : '',
        o.events.map((e) => `${localStamp(e.at).slice(5)} ${e.actorName} ${OPINION_EVENT[e.type] ?? e.type}${e.note ? `：${oneLine(e.note)}` : ''}`).join('\n'),
      ];
    }),
  };
}
