/**
 * Timer job: asking reporters for a rating after closing (rule: `domain/ratingAsk.ts` — once per
 * closing, 4 hours after it, in daytime), by the ticket progress subscribe message
 * (`notify.ts progressTemplateId`, phrase2 `请评价`), opening the ticket's page where the rating is.
 *
 * Once: the ticket is first marked (`ratingAskedAt`) with one update conditional on its version (and
 * on `ratingAskedAt` still null), and only the run whose mark landed sends. The mark does not bump the version (it is no workflow
 * change), so a worker's or resident's change is never refused because of it; a change that lands
 * first (e.g. the rating itself) makes the mark miss, and the ticket is decided again next run.
 * A crash between the mark and the send loses that one ask rather than sending it twice.
 * Round trips: per page of 100, 1 query + 1 read of the reporters; per ticket 1 update (+ the send).
 */
import { db } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import type { User } from '../shared/model';
import { sendSubscribe } from '../shared/notify';
import { local } from '../shared/time';
import { sees } from './domain/audience';
import { askingHours, askWindow, ratingAskDue } from './domain/ratingAsk';
import { detailPage, progressTemplateId, subjectOf } from './notify';
import { toTicket } from './tickets';

/** Tickets read per query. */
const PAGE = 100;

/** Asks every due reporter at the clock's now. Returns how many tickets were marked asked and how many messages delivered. */
export async function askRatings(): Promise<{ ratingAsked: number; delivered: number }> {
  const _ = db.command;
  const now = clockNow();
  if (!askingHours(now)) return { ratingAsked: 0, delivered: 0 };
  const { closedAfter, closedBy } = askWindow(now);
  let ratingAsked = 0;
  let delivered = 0;
  let skip = 0;
  const spent = budget();
  for (;;) {
    // closings in the window not asked about yet (null also matches a missing field); the _id
    // order makes pages stable when many tickets closed at the same instant
    const { data } = await db
      .collection('tickets')
      .where({ status: 'closed', closedAt: _.gt(closedAfter).and(_.lte(closedBy)), ratingAskedAt: null })
      .orderBy('closedAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(PAGE)
      .get();
    if (!data.length || spent()) break;
    // the rating is the reporter's words: asked only of the audience who may give them (audience.ts)
    const due = data.map(toTicket).filter((t) => ratingAskDue(t, now) && sees(t, 'reporter', 'reporterWords'));
    // the reporters of the page in one read
    const reporterIds = [...new Set(due.map((t) => t.reporterId!))];
    const openids = new Map<string, string>();
    if (reporterIds.length) {
      const { data: us } = await db.collection('users').where({ _id: _.in(reporterIds) }).field({ _id: true, openid: true }).limit(PAGE).get();
      for (const u of us as User[]) openids.set(u._id, u.openid);
    }
    let marked = 0;
    for (const t of due) {
      if (spent()) break;
      const version = t.version === 0 ? _.in([0, null]) : t.version;
      const { stats } = await db.collection('tickets').where({ _id: t._id, version, status: 'closed', ratingAskedAt: null }).update({ data: { ratingAskedAt: db.serverDate() } });
      if (stats.updated !== 1) continue;
      marked += 1;
      const to = openids.get(t.reporterId!);
      if (!to) continue;
      const r = await sendSubscribe({
        touser: to,
        templateId: progressTemplateId(),
        page: detailPage(t._id),
        data: { thing1: subjectOf(t), phrase2: '请评价', thing3: '问题已办结，请说说您满不满意', time4: local(t.closedAt!).format('YYYY-MM-DD HH:mm') },
      });
      if (r.sent) delivered += 1;
    }
    ratingAsked += marked;
    // asked tickets leave the query; the ones left (rated, or changed meanwhile) are skipped over
    skip += data.length - marked;
    if (data.length < PAGE) break;
  }
  return { ratingAsked, delivered };
}
