/**
 * Telling residents how their ticket is going (issue 9 "Notifications"): one-time subscribe
 * messages (`subscribeMessage.send`) when it is accepted (or assigned), handled and closed, to its
 * reporter and the neighbours who follow it, each told only what their audience may see
 * (`domain/audience.ts`: a follower is never asked for a follow-up or a rating). Permission is asked on the report form's submit tap
 * (`wx.requestSubscribeMessage` with the same template); a resident without WeChat, or who did not
 * allow it, simply gets nothing — a notification never fails the action (`shared/notify.ts`).
 *
 * Template: one "工单进度通知" template with fields thing1 (问题), phrase2 (进度), thing3 (说明),
 * time4 (时间). Its id comes from the function's environment variable
 * `KIOSK_TICKET_TEMPLATE_ID` (cloudbaserc.json / the console); locally `ticketProgressLocal`.
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import type { Ticket, User } from '../shared/model';
import { sendSubscribe, type SendResult } from '../shared/notify';
import { local } from '../shared/time';
import { sees, type Audience } from './domain/audience';
import { CATEGORY_LABELS } from './domain/categories';
import type { Change } from './domain/workflow';

/** The subscribe-message template for ticket progress. */
export function progressTemplateId(): string {
  return process.env.KIOSK_TICKET_TEMPLATE_ID || 'ticketProgressLocal';
}

/** The page a notification opens. */
export const detailPage = (ticketId: string): string => `ticket/pages/detail/index?id=${ticketId}`;

/** The message's subject (thing1): the category and the place as given — what every recipient may see (`problem`). */
export function subjectOf(t: Pick<Ticket, 'category' | 'where'>): string {
  return `${CATEGORY_LABELS[t.category]} ${t.where.building ?? t.where.spot ?? ''}`.trim();
}

/**
 * What a change means for one recipient, or null when it is not news to them. Derived from the
 * privacy table (`domain/audience.ts`): workers are named only to an audience that may see
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
  return null;
}

/** What a change means for the reporter (see {@link progressFor}). */
export function progressOf(t: Ticket, change: Change): { phrase: string; text: string } | null {
  return progressFor(t, change, 'reporter');
}

/**
 * Sends the progress message of `change` to the reporter (`reporter`, if already loaded) and the
 * followers of `t`. One read of users when someone must be looked up; never throws.
 * Returns one result per recipient (for the tests and logs).
 */
export async function notifyProgress(t: Ticket, change: Change, reporter?: User | null): Promise<SendResult[]> {
  if (!progressOf(t, change) && !progressFor(t, change, 'follower')) return [];
  try {
    const ids = [...new Set([t.reporterId, ...t.followerIds].filter((id): id is string => !!id))];
    const known = reporter && reporter._id === t.reporterId ? [reporter] : [];
    const missing = ids.filter((id) => !known.some((u) => u._id === id));
    const loaded = missing.length ? ((await db.collection('users').where({ _id: db.command.in(missing) }).field({ _id: true, openid: true }).limit(100).get()).data as User[]) : [];
    const recipients = [...known, ...loaded].filter((u) => ids.includes(u._id));
    const at = local(clockNow()).format('YYYY-MM-DD HH:mm');
    return await Promise.all(
      recipients.flatMap((u) => {
        const progress = progressFor(t, change, u._id === t.reporterId ? 'reporter' : 'follower');
        if (!progress) return [];
        return [sendSubscribe({ touser: u.openid, templateId: progressTemplateId(), page: detailPage(t._id), data: { thing1: subjectOf(t), phrase2: progress.phrase, thing3: progress.text, time4: at } })];
      }),
    );
  } catch (e) {
    console.warn(`[ticket] progress notification failed: ${String(e)}`);
    return [];
  }
}
