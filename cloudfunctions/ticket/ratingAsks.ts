/**
 * Timer job: asking reporters for a rating after closing (rule: `domain/ratingAsk.ts` — once per
 * closing, 4 hours after it, in daytime): a message in the reporter's inbox (消息) and, if they have a
 * send of the ticket progress template left, WeChat's (`shared/consent.ts` `notify`, phrase2 `请评价`),
 * opening the ticket's page where the rating is.
 *
 * Done only once WeChat answered (issue 18): per ticket,
 * 1. claim it — one update conditional on its version, `ratingAskedAt` null and no live claim
 *    (`ratingAskClaim` null or older than {@link CLAIM_LEASE_MS}), setting `ratingAskClaim`; only the
 *    run whose claim landed goes on, so two runs at once never ask twice;
 * 2. notify: the inbox message has a stable id (`ask-<ticket>-<closedAt ms>`), so a retry stores it once;
 * 3. WeChat delivered it, or its answer is final (no send left → not called; 43101; no WeChat) →
 *    `ratingAskedAt` is set (done; the inbox has it); a transient failure (network, system busy) →
 *    the claim is dropped and the next run asks again (the send was given back to the person's count).
 * A crash between 1 and 3 leaves a claim that expires after the lease: the ticket is asked again then
 * (at worst one WeChat message twice, never none). The claim and the mark do not bump the version
 * (they are no workflow change), so a worker's or resident's change is never refused because of them;
 * a change that lands first (e.g. the rating itself) makes the claim miss, and the ticket is decided
 * again next run. Round trips: per page of 100, 1 query + 1 read of the reporters; per ticket the
 * claim, one for inbox and consent (at once), the send, and the mark. Stops when its time budget is
 * spent (`shared/budget.ts`); the next run continues.
 */
import { db } from '../shared/cloud';
import { budget } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import { answered, notify, pruneMessages } from '../shared/consent';
import type { User } from '../shared/model';
import { local } from '../shared/time';
import { sees } from '../shared/tickets/audience';
import { askingHours, askWindow, ratingAskDue } from './domain/ratingAsk';
import { detailPage, subjectOf } from './notify';
import { toTicket } from './tickets';

/** A claim older than this is a crashed run's: the ticket may be claimed again (the trigger runs every 10 minutes; a run lasts seconds). */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** Tickets read per query. */
const PAGE = 100;

/**
 * Asks every due reporter at the clock's now, then removes inbox messages older than 180 days
 * (`shared/consent.ts` `pruneMessages`: one multi-document remove, cheap enough to ride along).
 * Returns how many tickets were marked asked, how many WeChat messages were delivered, how many asks
 * failed for now (retried next run) and how many old messages were removed.
 */
export async function askRatings(): Promise<{ ratingAsked: number; delivered: number; retryLater: number; messagesPruned: number }> {
  const asked = await askDue();
  return { ...asked, messagesPruned: await pruneMessages(clockNow()) };
}

/** The asks of {@link askRatings}. */
async function askDue(): Promise<{ ratingAsked: number; delivered: number; retryLater: number }> {
  const _ = db.command;
  const now = clockNow();
  if (!askingHours(now)) return { ratingAsked: 0, delivered: 0, retryLater: 0 };
  const { closedAfter, closedBy } = askWindow(now);
  let ratingAsked = 0;
  let delivered = 0;
  let retryLater = 0;
  let skip = 0;
  const free = _.eq(null).or(_.lt(new Date(now.getTime() - CLAIM_LEASE_MS)));
  const spent = budget();
  let tried = 0; // the budget is asked only after the first ask: every run makes progress
  for (;;) {
    // closings in the window not asked about yet (null also matches a missing field); the _id
    // order makes pages stable when many tickets closed at the same instant
    const { data } = await db
      .collection('tickets')
      .where({ status: 'closed', closedAt: _.gt(closedAfter).and(_.lte(closedBy)), ratingAskedAt: null, ratingAskClaim: free })
      .orderBy('closedAt', 'asc')
      .orderBy('_id', 'asc')
      .skip(skip)
      .limit(PAGE)
      .get();
    if (!data.length || (tried && spent())) break;
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
      if (tried && spent()) break;
      tried += 1;
      const version = t.version === 0 ? _.in([0, null]) : t.version;
      const claim = new Date(clockNow().getTime());
      const { stats } = await db.collection('tickets').where({ _id: t._id, version, status: 'closed', ratingAskedAt: null, ratingAskClaim: free }).update({ data: { ratingAskClaim: claim } });
      if (stats.updated !== 1) continue;
      const subject = subjectOf(t);
      const r = await notify({
        userId: t.reporterId!,
        openid: openids.get(t.reporterId!) ?? null,
        key: 'ticketProgress',
        title: '请评价：您反映的问题已办结',
        lines: [`问题：${subject}`, '问题已办结，请说说您满不满意'],
        page: detailPage(t._id),
        data: { thing1: subject, phrase2: '请评价', thing3: '问题已办结，请说说您满不满意', time4: local(t.closedAt!).format('YYYY-MM-DD HH:mm') },
        messageId: `ask-${t._id}-${t.closedAt!.getTime()}`,
      });
      if (!answered(r)) {
        // WeChat did not answer: drop the claim, ask again next run
        await db.collection('tickets').where({ _id: t._id, ratingAskClaim: claim }).update({ data: { ratingAskClaim: null } });
        retryLater += 1;
        continue;
      }
      await db.collection('tickets').where({ _id: t._id, ratingAskClaim: claim }).update({ data: { ratingAskedAt: db.serverDate(), ratingAskClaim: null } });
      marked += 1;
      if (r.sent) delivered += 1;
    }
    ratingAsked += marked;
    // asked tickets leave the query; the ones left (rated, changed meanwhile, or to retry) are skipped over
    skip += data.length - marked;
    if (data.length < PAGE) break;
  }
  return { ratingAsked, delivered, retryLater };
}
