/**
 * Telling residents how their ticket is going (issue 9 "Notifications", issue 18): a message when it
 * is accepted (or assigned), handled and closed, to its reporter and the neighbours who follow it,
 * each told only what their audience may see (`shared/tickets/audience.ts`: a follower is never asked for a
 * follow-up or a rating). Every step is stored in the person's inbox (消息); WeChat's one-time
 * subscribe message goes out only as far as the person's 允许 taps reach (`shared/consent.ts`
 * `notify`) — the report form's submit and 我也遇到了 (join) ask for this template. A resident
 * without WeChat, or who did not allow it, still finds every step in 消息; a notification never fails
 * the action.
 *
 * ## Only the most important message when they have one (issue 18)
 * One tap of 允许 = one WeChat message, so the steps are ranked: 已办结 (closed) first — the case
 * ended, and it asks for the rating — then 已受理 (accepted/assigned: someone has it), then 已处理
 * (handled). A step is sent only when it would not use up a send kept for a more important step
 * still to come: with n sends left, accepted and handled each keep 1 for closing
 * (`reserve` {@link RESERVE}), closing keeps none. So:
 * 1 left → only 已办结; 2 → 已受理 and 已办结; 3 or more → every step. A step not sent is still in 消息.
 * (Source of the ranking: issue 18, "accepted and closed, not every step".)
 *
 * Template `ticketProgress` (shared/templates.ts): thing1 (问题), phrase2 (进度), thing3 (说明), time4 (时间).
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import type { Ticket, User } from '../shared/model';
import { notify, type NotifyResult } from '../shared/consent';
import { templateId } from '../shared/templates';
import { dateWords, local } from '../shared/time';
import { sees, type Audience } from '../shared/tickets/audience';
import { CATEGORY_LABELS } from '../shared/vocabulary/categories';
import type { Change } from './domain/workflow';

/** The subscribe-message template id for ticket progress (`templateId('ticketProgress')`). */
export function progressTemplateId(): string {
  return templateId('ticketProgress');
}

/** The sends each step keeps for more important steps still to come (see the module notes). */
export const RESERVE: Record<string, number> = { accepted: 1, assigned: 1, handled: 1, closed: 0, extended: 1, suspended: 1, resumed: 1 };

/** The steps residents are told of, most important first (issue 21 adds an approved extension, a suspension and its end). */
const TOLD = ['accepted', 'assigned', 'handled', 'closed', 'extended', 'suspended', 'resumed'] as const;

/** The step of `change` a message is about (the first of {@link TOLD}), or null. */
export function stepOf(change: Change): (typeof TOLD)[number] | null {
  const types = change.events.map((e) => e.type);
  for (const t of TOLD) if (types.includes(t)) return t;
  return null;
}

/** The page a notification opens. */
export const detailPage = (ticketId: string): string => `ticket/pages/detail/index?id=${ticketId}`;

/** The message's subject (thing1): the category and the place as given — what every recipient may see (`problem`). */
export function subjectOf(t: Pick<Ticket, 'category' | 'where'>): string {
  return `${CATEGORY_LABELS[t.category]} ${t.where.building ?? t.where.spot ?? ''}`.trim();
}

/**
 * What a change means for one recipient, or null when it is not news to them. Derived from the
 * privacy table (`shared/tickets/audience.ts`): workers are named only to an audience that may see
 * `workerNames`; the follow-up and the rating are asked of the one whose words they are
 * (`reporterWords`: the reporter) — a follower is told the progress, never "we will ask you".
 */
export function progressFor(t: Ticket, change: Change, audience: Audience): { phrase: string; text: string } | null {
  const types = change.events.map((e) => e.type);
  const worker = sees(t, audience, 'workerNames') && t.assigneeName ? `网格员 ${t.assigneeName}` : '网格员';
  const asked = sees(t, audience, 'reporterWords');
  if (types.includes('accepted')) return { phrase: '已受理', text: `${worker} 受理了，会尽快处理` };
  if (types.includes('assigned')) return { phrase: '已受理', text: `社区安排${worker} 处理` };
  if (types.includes('handled')) return { phrase: '已处理', text: asked ? '已处理，网格员会回访听您的意见' : '已处理' };
  if (types.includes('closed')) return { phrase: '已办结', text: asked ? '已办结，请在小程序里评价' : '已办结' };
  // issue 21: an approved extension (the new date), a suspension (why, until when), the resumption
  const detail = (type: string) => change.events.find((e) => e.type === type)?.detail ?? {};
  if (types.includes('extended')) return { phrase: '已延期', text: `办理期限延至 ${dateWords(String(detail('extended').untilDate ?? ''), clockNow())}` };
  if (types.includes('suspended')) {
    const e = change.events.find((x) => x.type === 'suspended');
    const why = e && sees(t, audience, 'progressNotes') ? `${e.note}，` : '';
    return { phrase: '暂停办理', text: `${why}预计 ${dateWords(String(detail('suspended').untilDate ?? ''), clockNow())} 恢复办理` };
  }
  if (types.includes('resumed')) return { phrase: '恢复办理', text: `已恢复办理，办理期限 ${dateWords(String(detail('resumed').dueDate ?? ''), clockNow())}` };
  return null;
}

/** The desk's page of a ticket (staff's notifications open it). */
export const deskPage = (ticketId: string): string => `desk/pages/detail/index?id=${ticketId}`;

/**
 * Tells the assignee of `t` that an admin decided their extension request (issue 21): approved with
 * the new date, or declined with the reason — in their 消息, and on WeChat if they left a send of the
 * progress template. One read of their record, one notice; never throws.
 */
export async function notifyExtensionDecided(t: Ticket, change: Change): Promise<NotifyResult | null> {
  const e = change.events.find((x) => x.type === 'extended' || x.type === 'extensionDeclined');
  if (!e || !t.assigneeId) return null;
  try {
    const { data } = await db.collection('users').where({ _id: t.assigneeId }).field({ _id: true, openid: true }).limit(1).get();
    const u = data[0] as Pick<User, '_id' | 'openid'> | undefined;
    if (!u) return null;
    const untilDate = String(e.detail?.untilDate ?? '');
    const approved = e.type === 'extended';
    const text = approved ? `办理期限延至 ${dateWords(untilDate, clockNow())}` : `不批准：${e.note}`;
    return await notify({
      userId: u._id,
      openid: u.openid,
      key: 'ticketProgress',
      title: approved ? '延期申请已批准' : '延期申请没有批准',
      lines: [`问题：${subjectOf(t)}`, text],
      page: deskPage(t._id),
      data: { thing1: subjectOf(t), phrase2: approved ? '延期批准' : '延期未批', thing3: text, time4: local(clockNow()).format('YYYY-MM-DD HH:mm') },
    });
  } catch (err) {
    console.warn(`[ticket] extension notification failed: ${String(err)}`);
    return null;
  }
}

/** What a change means for the reporter (see {@link progressFor}). */
export function progressOf(t: Ticket, change: Change): { phrase: string; text: string } | null {
  return progressFor(t, change, 'reporter');
}

/**
 * Stores the progress message of `change` for the reporter (`reporter`, if already loaded) and the
 * followers of `t`, and sends it to WeChat as far as each one's consent reaches (module notes). One
 * read of users when someone must be looked up, then per recipient one round trip (inbox + consent
 * at once) and the send; never throws. Returns one result per recipient (for the tests and logs).
 */
export async function notifyProgress(t: Ticket, change: Change, reporter?: User | null): Promise<NotifyResult[]> {
  if (!progressOf(t, change) && !progressFor(t, change, 'follower')) return [];
  try {
    const ids = [...new Set([t.reporterId, ...t.followerIds].filter((id): id is string => !!id))];
    const known = reporter && reporter._id === t.reporterId ? [reporter] : [];
    const missing = ids.filter((id) => !known.some((u) => u._id === id));
    const loaded = missing.length ? ((await db.collection('users').where({ _id: db.command.in(missing) }).field({ _id: true, openid: true }).limit(100).get()).data as User[]) : [];
    const recipients = [...known, ...loaded].filter((u) => ids.includes(u._id));
    const at = local(clockNow()).format('YYYY-MM-DD HH:mm');
    const step = stepOf(change);
    const reserve = step ? RESERVE[step] : 0;
    return await Promise.all(
      recipients.flatMap((u) => {
        const reporterHere = u._id === t.reporterId;
        const progress = progressFor(t, change, reporterHere ? 'reporter' : 'follower');
        if (!progress) return [];
        return [
          notify({
            userId: u._id,
            openid: u.openid,
            key: 'ticketProgress',
            title: `${reporterHere ? '您反映的问题' : '您关注的问题'}${progress.phrase}`,
            lines: [`问题：${subjectOf(t)}`, progress.text],
            page: detailPage(t._id),
            data: { thing1: subjectOf(t), phrase2: progress.phrase, thing3: progress.text, time4: at },
            reserve,
          }),
        ];
      }),
    );
  } catch (e) {
    console.warn(`[ticket] progress notification failed: ${String(e)}`);
    return [];
  }
}
