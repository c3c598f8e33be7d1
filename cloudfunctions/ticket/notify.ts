/**
 * Telling residents how their ticket is going (issue 9 "Notifications"): one-time subscribe
 * messages (`subscribeMessage.send`) when it is accepted (or assigned), handled and closed, to its
 * reporter and the neighbours who follow it. Permission is asked on the report form's submit tap
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
import { CATEGORY_LABELS } from './domain/categories';
import type { Change } from './domain/workflow';

/** The subscribe-message template for ticket progress. */
export function progressTemplateId(): string {
  return process.env.KIOSK_TICKET_TEMPLATE_ID || 'ticketProgressLocal';
}

/** The page a notification opens. */
export const detailPage = (ticketId: string): string => `ticket/pages/detail/index?id=${ticketId}`;

/** What a change means for the people who reported it, or null when it is not news to them. */
export function progressOf(t: Ticket, change: Change): { phrase: string; text: string } | null {
  const types = change.events.map((e) => e.type);
  if (types.includes('accepted')) return { phrase: '已受理', text: `网格员 ${t.assigneeName ?? ''} 受理了，会尽快处理` };
  if (types.includes('assigned')) return { phrase: '已受理', text: `社区安排网格员 ${t.assigneeName ?? ''} 处理` };
  if (types.includes('handled')) return { phrase: '已处理', text: '已处理，网格员会回访听您的意见' };
  if (types.includes('closed')) return { phrase: '已办结', text: '已办结，请在小程序里评价' };
  return null;
}

/**
 * Sends the progress message of `change` to the reporter (`reporter`, if already loaded) and the
 * followers of `t`. One read of users when someone must be looked up; never throws.
 * Returns one result per recipient (for the tests and logs).
 */
export async function notifyProgress(t: Ticket, change: Change, reporter?: User | null): Promise<SendResult[]> {
  const progress = progressOf(t, change);
  if (!progress) return [];
  try {
    const ids = [...new Set([t.reporterId, ...t.followerIds].filter((id): id is string => !!id))];
    const known = reporter && reporter._id === t.reporterId ? [reporter] : [];
    const missing = ids.filter((id) => !known.some((u) => u._id === id));
    const loaded = missing.length ? ((await db.collection('users').where({ _id: db.command.in(missing) }).field({ _id: true, openid: true }).limit(100).get()).data as User[]) : [];
    const recipients = [...known, ...loaded].filter((u) => ids.includes(u._id));
    const at = local(clockNow()).format('YYYY-MM-DD HH:mm');
    const subject = `${CATEGORY_LABELS[t.category]} ${t.where.building ?? t.where.spot ?? ''}`.trim();
    return await Promise.all(
      recipients.map((u) =>
        sendSubscribe({ touser: u.openid, templateId: progressTemplateId(), page: detailPage(t._id), data: { thing1: subject, phrase2: progress.phrase, thing3: progress.text, time4: at } }),
      ),
    );
  } catch (e) {
    console.warn(`[ticket] progress notification failed: ${String(e)}`);
    return [];
  }
}
