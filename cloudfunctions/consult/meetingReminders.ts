/**
 * Timer job of `consult` (in `index.ts` `jobs`): reminding residents the day before a meeting they
 * signed up for (issue 20, design §4) — a message in their 消息 and, when they allowed it on the
 * sign-up tap, WeChat's one-time subscribe message `meetingReminder` (`shared/templates.ts`; fields
 * thing1 会议, time2 时间, thing3 地点), through `shared/consent.ts` `notify`.
 *
 * When: `domain/meeting.ts` `meetingRemindWindow` — planned meetings starting tomorrow (local), sent
 * between 10:00 and 20:00 (the market's reminder rule). Once: each meeting is first claimed (one
 * conditional update on `{ _id, status: planned, remindedAt absent, no live claim }`), so two runs
 * never remind twice; every resident's inbox message has a stable id (`meeting-remind-<meeting>-<user>`),
 * so a rerun after a crash stores nothing twice (WeChat at worst twice, never none); then
 * `remindedAt` is set. A claim older than {@link MEETING_CLAIM_LEASE_MS} is a crashed run's.
 */
import { _ } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import { notify, answered } from '../shared/consent';
import { db } from '../shared/cloud';
import type { User } from '../shared/model';
import { meetingCard, meetingRemindWindow } from './domain/meeting';
import { claimReminder, dueForReminder, endReminder } from './meetings';
import { signedUpUserIds } from './signups';

/** A claim older than this is a crashed run's. */
export const MEETING_CLAIM_LEASE_MS = 5 * 60_000;

/** Sends the due meeting reminders at the clock's now: meetings reminded, residents told, of them by WeChat. */
export async function remindMeetings(): Promise<{ meetingsReminded: number; residentsReminded: number; byWeChat: number }> {
  const now = clockNow();
  const window = meetingRemindWindow(now);
  const out = { meetingsReminded: 0, residentsReminded: 0, byWeChat: 0 };
  if (!window) return out;
  const free = _.eq(null).or(_.lt(new Date(now.getTime() - MEETING_CLAIM_LEASE_MS)));
  const spent = budget();
  const skip = new Set<string>();
  for (;;) {
    const due = (await dueForReminder(window.from, window.to, free)).filter((m) => !skip.has(m._id));
    if (!due.length) break;
    for (const m of due) {
      skip.add(m._id);
      if (spent()) return out;
      const claim = new Date(clockNow().getTime());
      if (!(await claimReminder(m._id, claim, free))) continue;
      const ids = await signedUpUserIds(m._id);
      let allAnswered = true;
      const card = meetingCard(m);
      const when = `${card.dateLabel} ${card.timeLabel}`;
      for (let i = 0; i < ids.length; i += 100) {
        const part = ids.slice(i, i + 100);
        const { data } = await db.collection('users').where({ _id: _.in(part) }).field({ _id: true, openid: true }).limit(100).get();
        const openids = new Map((data as User[]).map((u) => [u._id, u.openid]));
        const results = await Promise.all(
          part.map((userId) =>
            notify({
              userId,
              openid: openids.get(userId) ?? null,
              key: 'meetingReminder',
              title: `明天的会议：${m.title}`,
              lines: [`时间：${when}`, `地点：${m.place}`, '请按时参加；来不了可以在“社区议事”里取消报名'],
              page: `consult/pages/meeting/index?id=${m._id}`,
              data: { thing1: m.title, time2: `${card.dateLabel} ${card.timeLabel.split('–')[0]}`, thing3: m.place },
              messageId: `meeting-remind-${m._id}-${userId}`,
            }),
          ),
        );
        for (const r of results) {
          if (!answered(r)) allAnswered = false;
          out.residentsReminded += 1;
          if (r.sent) out.byWeChat += 1;
        }
      }
      await endReminder(m._id, claim, allAnswered);
      if (allAnswered) out.meetingsReminded += 1;
    }
  }
  return out;
}
