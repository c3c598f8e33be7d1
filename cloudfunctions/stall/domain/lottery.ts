/**
 * The stall lottery (抽签; issue 10 "by a drawn lottery when oversubscribed, with the draw
 * recorded"). Pure: the same seed and the same applicants always give the same draw, so anyone
 * holding a draw record (`stallDraws`, docs/database.md) can re-check it with {@link shuffleBySeed}
 * or {@link planDraw} — or with any SHA-256 implementation following the steps below.
 *
 * The shuffle (algorithm `sha256-fisher-yates-v1`): Fisher–Yates from the last position down; for
 * position i (n−1 … 1) the index j ∈ [0, i] is the first 4 bytes (big-endian, unsigned) of
 * SHA-256(`${seed}:${i}:${attempt}`) (UTF-8, attempt = 0, 1, …) modulo i+1, rejecting values
 * ≥ ⌊2³²/(i+1)⌋·(i+1) so that every j is equally likely. The seed is 32 random bytes (hex) drawn by
 * the function from `crypto.randomBytes` at the draw and written in the record.
 *
 * The draw ({@link planDraw}): regulars whose own stall is free get it first; if the other
 * applicants fit the free stalls they all get one, in application order (lowest stall first), and
 * the draw was not oversubscribed; otherwise the seeded shuffle orders them, the first get the free
 * stalls (lowest first) and the rest wait (候补) in drawn order.
 */
import crypto from 'node:crypto';
import { freeStalls } from './stalls';

/** The name of the shuffle, written in each draw record. */
export const DRAW_ALGORITHM = 'sha256-fisher-yates-v1';

/** A uniform integer in [0, bound) from the seed, the position and rejection attempts (see the module notes). */
function uniformBelow(seed: string, position: number, bound: number): number {
  const limit = Math.floor(0x1_0000_0000 / bound) * bound;
  for (let attempt = 0; ; attempt += 1) {
    const r = crypto.createHash('sha256').update(`${seed}:${position}:${attempt}`, 'utf8').digest().readUInt32BE(0);
    if (r < limit) return r % bound;
  }
}

/** `items` in the order drawn with `seed` (a new array; `items` is untouched). */
export function shuffleBySeed<T>(seed: string, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = uniformBelow(seed, i, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** One applicant of a draw, as the record keeps it. */
export interface DrawApplicant {
  applicationId: string;
  vendorId: string;
  vendorName: string;
  /** the stall a regular keeps (固定摊位), null for everyone else */
  regularStall: number | null;
}

/** What the draw gave one applicant. */
export interface DrawResult {
  applicationId: string;
  vendorName: string;
  status: 'allocated' | 'waitlisted';
  stallNumber: number | null;
  /** 1-based place in the waitlist (drawn order), for those who wait */
  waitlistPosition: number | null;
  /** true: the regular's own stall */
  regular: boolean;
}

/** The outcome of a draw. */
export interface DrawPlan {
  /** stalls free before the draw (plan minus held), lowest first */
  freeStalls: number[];
  /** the applicants who were not served as regulars, in the order they were placed (drawn order when oversubscribed, else application order) */
  order: string[];
  oversubscribed: boolean;
  /** one per applicant: regulars first, then `order` */
  results: DrawResult[];
}

/**
 * Plans a draw. `applicants` in application order; `plan` the active stall numbers; `held` stalls
 * already held that day (assigned by an admin, or kept from before). Pure; see the module notes.
 */
export function planDraw(input: { seed: string; applicants: readonly DrawApplicant[]; plan: readonly number[]; held: readonly number[] }): DrawPlan {
  const free = freeStalls([...input.plan], [...input.held]);
  const left = new Set(free);
  const results: DrawResult[] = [];
  const others: DrawApplicant[] = [];
  for (const a of input.applicants) {
    if (a.regularStall !== null && left.has(a.regularStall)) {
      left.delete(a.regularStall);
      results.push({ applicationId: a.applicationId, vendorName: a.vendorName, status: 'allocated', stallNumber: a.regularStall, waitlistPosition: null, regular: true });
    } else others.push(a);
  }
  const stalls = [...left].sort((x, y) => x - y);
  const oversubscribed = others.length > stalls.length;
  const ordered = oversubscribed ? shuffleBySeed(input.seed, others) : others;
  ordered.forEach((a, i) => {
    const stall = stalls[i];
    results.push(
      stall !== undefined
        ? { applicationId: a.applicationId, vendorName: a.vendorName, status: 'allocated', stallNumber: stall, waitlistPosition: null, regular: false }
        : { applicationId: a.applicationId, vendorName: a.vendorName, status: 'waitlisted', stallNumber: null, waitlistPosition: i - stalls.length + 1, regular: false },
    );
  });
  return { freeStalls: free, order: ordered.map((a) => a.applicationId), oversubscribed, results };
}

/** How a community allocates its stalls (`communities.stallAllocation`; absent = first come). */
export interface StallAllocation {
  mode: 'firstCome' | 'lottery';
  /** lottery: the draw is this many days before the market day (1–6) … */
  drawDaysBefore: number;
  /** … at this local time `HH:mm` */
  drawAt: string;
}

export const DEFAULT_ALLOCATION: StallAllocation = { mode: 'firstCome', drawDaysBefore: 2, drawAt: '18:00' };

/** The local date and time of the draw for market day `date` (`YYYY-MM-DD`, `HH:mm`). */
export function drawMoment(date: string, allocation: Pick<StallAllocation, 'drawDaysBefore' | 'drawAt'>): { date: string; time: string } {
  const [y, m, d] = date.split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d - allocation.drawDaysBefore));
  return { date: day.toISOString().slice(0, 10), time: allocation.drawAt };
}
