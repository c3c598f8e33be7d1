/**
 * Stall allocation (pure; issue 10 "applyStall"): a regular keeps their own stall (固定摊位) when it
 * is free; everyone else gets the lowest-numbered free stall, in application order; when none is
 * free they wait (候补), in application order. The database keeps the two promises whatever the
 * timing — a unique key per (day, stall) and per (day, vendor) among active applications (see
 * `../stalls.ts`) — so this module only says which stall to try first.
 */

/** Stall numbers of the plan that nobody holds, lowest first. */
export function freeStalls(plan: number[], held: number[]): number[] {
  const taken = new Set(held);
  return [...new Set(plan)].filter((n) => !taken.has(n)).sort((a, b) => a - b);
}

/** The stalls to try, in order: the regular's own stall first (if free), then every free stall. */
export function stallsToTry(plan: number[], held: number[], regularStall: number | null): number[] {
  const free = freeStalls(plan, held);
  if (regularStall !== null && free.includes(regularStall)) return [regularStall, ...free.filter((n) => n !== regularStall)];
  return free;
}

/**
 * The order of a day's waitlist: those placed in line by the day's draw first, in drawn order
 * (`drawRank`), then everyone else in application order (`createdAt`, then `_id`).
 */
export function waitOrder(a: { _id: string; createdAt: Date; drawRank?: number }, b: { _id: string; createdAt: Date; drawRank?: number }): number {
  const ra = a.drawRank ?? Number.POSITIVE_INFINITY;
  const rb = b.drawRank ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra < rb ? -1 : 1;
  return a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);
}

/** Statuses of an application that is still on (holds a stall, waits for one, or waits for the draw). */
export const ACTIVE_STATUSES = ['applied', 'allocated', 'waitlisted', 'checkedIn'] as const;

/** After this many absences a regular loses regular status (issue 10 "On the day"; configurable per community). */
export const DEFAULT_MAX_ABSENCES = 3;

