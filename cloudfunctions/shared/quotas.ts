/**
 * Daily quotas (issue 16 §3): how many reports, joins (附议), photos and registration attempts one
 * person may make in one China-time day, counted atomically in the database, so that one person
 * with a script cannot flood the grid workers' queue, the public board or storage.
 *
 * Who is counted: a registered person by their `users._id` (whatever WeChat they use); a WeChat
 * that is not registered yet (`account.register`, `account.requestLink`) by its OPENID. The day is
 * the local date in Asia/Shanghai (`time.ts`), so a quota is fresh at 00:00 China time wherever the
 * function runs. Staff (grid workers, community admins) are never limited: they act at the counter
 * for residents (`reportFor`, `registerFor`) and file their own finds (`fileCase`), they are named
 * people appointed by an admin, and a limit there would stop the counter on a busy day; the callers
 * below only take quota for residents and vendors ({@link isLimited}).
 *
 * The limits ({@link DAILY_LIMITS}) are far above what a real resident does in a day — a resident
 * reports a problem or two (the demo community's busiest real reporter filed 3 in a week) — and far
 * below a flood (the 500 in a minute):
 * - `report` 10: ten separate problems in one day is already more than a grid worker handles in a
 *   day for the whole grid; an 11th is a script or a dispute being fought by volume.
 * - `photo` 15: photos attached to reports (at most 3 each), i.e. five fully illustrated reports.
 *   Photos go from the mini-program straight to cloud storage (`wx.cloud.uploadFile`): no function
 *   sees an upload, so what is counted is the photos a function **accepts** (`ticket.report`), in
 *   the same conditional update as the report itself. Staff's `fileCase` photos are not counted.
 * - `join` 20: "我也遇到了" on twenty different problems in one day.
 * - `register` 5: account creations and link-code requests (`register`, `requestLink`) per OPENID;
 *   a person registers once, and a link code lasts 15 minutes.
 * - `propose` 3 (issue 20, `consult.propose`): a topic for the households to decide takes a
 *   neighbourhood's attention for weeks; three in a day is already a campaign.
 * - `comment` 20 (issue 20, `consult.comment`): the same bound as `join` — a real discussion, not a flood.
 * - `post` 3 (issue 22, `posts.publish`): a neighbour swaps a thing or asks for help now and then;
 *   three board posts in a day is already a shop, and the board is the whole community's. Their
 *   photos count in `photo` with the reports'.
 * - `contact` 10 (issue 22, `posts.contact`): ten neighbours' posts answered in a day; more is a
 *   script filling authors' 消息.
 *
 * Storage: one document per person per day in `quotas`, `_id` = `u:<users._id>:<YYYY-MM-DD>` or
 * `o:<OPENID>:<YYYY-MM-DD>`, holding a counter per kind (`report`, `photo`, `join`, `register`,
 * all created at 0 so a comparison never meets a missing field). One document for all kinds lets a
 * report and its photos be counted in ONE conditional update (the report's round-trip budget).
 * Counting (DESIGN.md "Capacity and claims are single atomic operations"):
 * 1. `where({ _id, report: _.lte(limit − 1), photo: _.lte(limit − n) }).update({ report: _.inc(1), photo: _.inc(n) })`;
 * 2. when that matched nothing because the day's document does not exist yet, `add({ _id, … counts })`;
 *    a duplicate `_id` (-502001, `cloud.ts isDuplicateKey`) means another call created it first →
 *    the conditional update once more. A document that exists and does not match is full:
 *    `COMMON.TOO_MANY` with `details: { kind, limit }`, and nothing is written.
 * When the document came preloaded with the caller (router preload {@link preloadQuota}), a full
 * day is refused without a write and the write is one round trip (update if it exists, add if not).
 * Only calls that would write are counted: callers take quota after validation, content security,
 * the idempotent-replay check and the place check, just before their own insert; if that insert
 * still fails, {@link Taken.release} gives the quota back (best effort).
 * `expireAt` (two days after the day ends) lets old documents be removed: the `ticket` timer does
 * it ({@link pruneQuotas}); a TTL index on `expireAt` would do the same where the database offers one.
 */
import { db, isDuplicateKey } from './cloud';
import { AppError } from './errors';
import type { User } from './model';
import { local, localInstant } from './time';
import { preloadOf } from './users';

/** What is counted per person per day. */
export type QuotaKind = 'report' | 'photo' | 'join' | 'register' | 'propose' | 'comment' | 'opinion' | 'post' | 'contact';

export const QUOTA_KINDS: readonly QuotaKind[] = ['report', 'photo', 'join', 'register', 'propose', 'comment', 'opinion', 'post', 'contact'];

/** Per person per China-time day (reasons in the module's docstring). */
export const DAILY_LIMITS: Readonly<Record<QuotaKind, number>> = { report: 10, photo: 15, join: 20, register: 5, propose: 3, comment: 20, opinion: 5, post: 3, contact: 10 };

/** A quota document is removable this many days after its day. */
const KEEP_DAYS = 2;

/** Who is counted: a registered person, or a WeChat not registered yet. */
export type QuotaWho = { by: 'user'; id: string } | { by: 'openid'; id: string };

/** How much one call takes of each kind. */
export type QuotaTake = Partial<Record<QuotaKind, number>>;

/** A `quotas` document. */
export interface QuotaDoc extends Record<QuotaKind, number> {
  _id: string;
  by: 'user' | 'openid';
  who: string;
  /** local date `YYYY-MM-DD` (Asia/Shanghai) */
  day: string;
  /** when the document may be removed */
  expireAt: Date;
}

// ─── rules (pure) ─────────────────────────────────────────────────────────────────────────────

/** True for callers a quota applies to: residents and vendors. Staff are never limited (see above). */
export function isLimited(user: Pick<User, 'role'> | null): boolean {
  return !user || user.role === 'resident' || user.role === 'vendor';
}

/** The China-time day (`YYYY-MM-DD`) an instant counts in. */
export function quotaDay(now: Date): string {
  return local(now).format('YYYY-MM-DD');
}

/** The `_id` of `who`'s document for `day`. */
export function quotaDocId(who: QuotaWho, day: string): string {
  return `${who.by === 'user' ? 'u' : 'o'}:${who.id}:${day}`;
}

/** When a document of `day` may be removed: {@link KEEP_DAYS} days after the day ends. */
export function expiryOf(day: string): Date {
  return new Date(localInstant(day, '00:00').getTime() + (1 + KEEP_DAYS) * 86_400_000);
}

/** The kinds `take` asks for (n > 0), in a fixed order. */
function asked(take: QuotaTake): [QuotaKind, number][] {
  return QUOTA_KINDS.map((k): [QuotaKind, number] => [k, take[k] ?? 0]).filter(([, n]) => n > 0);
}

/**
 * The first kind that taking `take` on top of `counts` (a day's counters; missing = 0) would push
 * past its limit, or null when it fits.
 */
export function exceededKind(counts: Partial<Record<QuotaKind, number>> | null, take: QuotaTake, limits: Readonly<Record<QuotaKind, number>> = DAILY_LIMITS): QuotaKind | null {
  for (const [k, n] of asked(take)) if ((counts?.[k] ?? 0) + n > limits[k]) return k;
  return null;
}

/** The refusal for `kind`: COMMON.TOO_MANY with `{ kind, limit }`. */
export function tooMany(kind: QuotaKind): AppError {
  return new AppError('COMMON.TOO_MANY', { kind, limit: DAILY_LIMITS[kind] });
}

// ─── the database ─────────────────────────────────────────────────────────────────────────────

/**
 * Router preload (`users.ts`) of the caller's own document for `day` (a {@link QuotaDoc}), fetched
 * with the caller in the same round trip: `[]` when the day has none yet. Read it with
 * {@link preloadedQuota}`(preloaded?.quota, day)`.
 */
export const preloadQuota = (day: string) => preloadOf<QuotaDoc>({ from: 'quotas', match: { by: 'user', day }, sameAsCaller: { who: '_id' } });

/** What a taken quota can do afterwards. */
export interface Taken {
  /** Gives back what was taken (the write it was for did not happen). Best effort; never throws. */
  release(): Promise<void>;
}

const NOTHING_TAKEN: Taken = { release: async () => undefined };

/**
 * The preloaded document of `day`, from `list` (what {@link preloadQuota} brought: `preloaded?.quota`;
 * undefined when nothing was preloaded): the doc, null (none yet that day) or undefined (not
 * preloaded, or preloaded for another day: the caller reads it itself).
 */
export function preloadedQuota(list: readonly QuotaDoc[] | undefined, day: string): QuotaDoc | null | undefined {
  if (!list) return undefined;
  const doc = list[0];
  if (!doc) return null;
  return doc.day === day ? doc : undefined;
}

/**
 * Takes `take` of `who`'s quota for the day of `now`, atomically (see the module's docstring).
 * `known`: the day's document as preloaded (null: none yet; undefined: not preloaded).
 * Round trips: 0 when `known` shows the day full; 1 when `known` is given; otherwise 1 on the first
 * call of the day, 2 after it (add, then update), 3 for a refusal. Errors: COMMON.TOO_MANY.
 */
export async function takeQuota(who: QuotaWho, take: QuotaTake, now: Date, known?: QuotaDoc | null): Promise<Taken> {
  const kinds = asked(take);
  if (!kinds.length) return NOTHING_TAKEN;
  const over = exceededKind(null, take);
  if (over) throw tooMany(over);
  const day = quotaDay(now);
  const _id = quotaDocId(who, day);
  const _ = db.command;
  const quotas = db.collection('quotas');
  if (known) {
    const full = exceededKind(known, take);
    if (full) throw tooMany(full);
  }

  const update = async (): Promise<boolean> => {
    // a document written before a kind existed (issue 20 added `opinion`) lacks its counter: a
    // missing counter is 0, matched by `exists(false)` — one branch per kind's two cases (n ≤ 2 kinds)
    let branches: Record<string, unknown>[] = [{ _id }];
    const data: Record<string, unknown> = {};
    for (const [k, n] of kinds) {
      branches = branches.flatMap((b) => [{ ...b, [k]: _.lte(DAILY_LIMITS[k] - n) }, { ...b, [k]: _.exists(false) }]);
      data[k] = _.inc(n);
    }
    const r = await quotas.where(_.or(branches)).update({ data });
    return (r.stats?.updated ?? 0) === 1;
  };
  const add = async (): Promise<boolean> => {
    const counts = Object.fromEntries(QUOTA_KINDS.map((k) => [k, take[k] ?? 0])) as Record<QuotaKind, number>;
    try {
      await quotas.add({ data: { _id, by: who.by, who: who.id, day, ...counts, expireAt: expiryOf(day) } });
      return true;
    } catch (e) {
      if (isDuplicateKey(e) || isDuplicateKey(e, '_id')) return false;
      throw e;
    }
  };
  const refuse = async (): Promise<never> => {
    // which kind is full, for the details (one read, on the refusal path only)
    const { data } = await quotas.where({ _id }).limit(1).get();
    throw tooMany(exceededKind((data[0] as QuotaDoc | undefined) ?? null, take) ?? kinds[0][0]);
  };

  const taken: Taken = {
    release: async () => {
      try {
        await quotas.where({ _id }).update({ data: Object.fromEntries(kinds.map(([k, n]) => [k, _.inc(-n)])) });
      } catch (e) {
        console.error('[quotas] release failed', e);
      }
    },
  };

  if (known) {
    if (await update()) return taken;
    return refuse();
  }
  // not known to exist: create it; if someone else did, count on theirs
  if (await add()) return taken;
  if (await update()) return taken;
  return refuse();
}

/**
 * Removes `quotas` documents whose `expireAt` has passed (the `ticket` timer, every 10 minutes).
 * One round trip. Answers how many were removed.
 */
export async function pruneQuotas(now: Date): Promise<{ quotasRemoved: number }> {
  const r = await db.collection('quotas').where({ expireAt: db.command.lt(now) }).remove();
  return { quotasRemoved: r.stats?.removed ?? 0 };
}
