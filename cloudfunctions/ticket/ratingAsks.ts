/**
 * Timer job: asking reporters for a rating after closing (rule: `domain/ratingAsk.ts` — once per
 * closing, 4 hours after it, in daytime), by the ticket progress subscribe message
 * (`notify.ts progressTemplateId`, phrase2 `请评价`), opening the ticket's page where the rating is.
 *
 * Once: the ticket is first marked (`ratingAskedAt`) with one update conditional on its version, and
 * only the run whose mark landed sends. The mark does not bump the version (it is no workflow
 * change), so a worker's or resident's change is never refused because of it; a change that lands
 * first (e.g. the rating itself) makes the mark miss, and the ticket is decided again next run.
 * A crash between the mark and the send loses that one ask rather than sending it twice.
 */
import { db } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import type { Ticket, User } from '../shared/model';
import { sendSubscribe } from '../shared/notify';
import { local } from '../shared/time';
import { CATEGORY_LABELS } from './domain/categories';
import { askWindow, ratingAskDue } from './domain/ratingAsk';
import { detailPage, progressTemplateId } from './notify';
import { toTicket } from './tickets';

/** Asks every due reporter at the clock's now. Returns how many tickets were marked asked and how many messages delivered. */
export async function askRatings(): Promise<{ ratingAsked: number; delivered: number }> {
  const _ = db.command;
  const now = clockNow();
  const { closedAfter } = askWindow(now);
  let ratingAsked = 0;
  let delivered = 0;
  let skip = 0;
  const spent = budget();
  for (;;) {
    const { data } = await db
      .collection('tickets')
      .where({ status: 'closed', closedAt: _.gt(closedAfter) })
      .orderBy('closedAt', 'asc')
      .skip(skip)
      .limit(100)
      .get();
    if (!data.length || spent()) break;
    skip += data.length;
    for (const raw of data) {
      if (spent()) break;
      const t = toTicket(raw) as Ticket & { ratingAskedAt?: Date };
      if (!ratingAskDue(t, now)) continue;
      const version = t.version === 0 ? _.in([0, null]) : t.version;
      const { stats } = await db.collection('tickets').where({ _id: t._id, version, status: 'closed' }).update({ data: { ratingAskedAt: db.serverDate() } });
      if (stats.updated !== 1) continue;
      ratingAsked += 1;
      const { data: us } = await db.collection('users').where({ _id: t.reporterId! }).field({ openid: true }).limit(1).get();
      const to = (us[0] as User | undefined)?.openid;
      if (!to) continue;
      const subject = `${CATEGORY_LABELS[t.category]} ${t.where.building ?? t.where.spot ?? ''}`.trim();
      const r = await sendSubscribe({
        touser: to,
        templateId: progressTemplateId(),
        page: detailPage(t._id),
        data: { thing1: subject, phrase2: '请评价', thing3: '问题已办结，请说说您满不满意', time4: local(t.closedAt!).format('YYYY-MM-DD HH:mm') },
      });
      if (r.sent) delivered += 1;
    }
    if (data.length < 100) break;
  }
  return { ratingAsked, delivered };
}
