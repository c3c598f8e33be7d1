/**
 * Visit plans and due dates (走访计划, issue 21; docs/case-loop-design.md §4) — pure; in `shared` because the `rounds` function (the register) and `console` (the figures) both count by it.
 *
 * - The community's plan is `Community.rounds.visitEveryDays` (`{ default, livingAlone?, … }`, days
 *   1–365), or {@link DEFAULT_VISIT_PLANS} (90 days; 独居老人 7) when it has set none — as the
 *   provincial 探访关爱 rules set weekly visits for elders living alone and less frequent ones for others.
 * - A household's interval (`everyDays`) is the shortest of `default` and the plan of each of its
 *   care tags (a tag the plan leaves out follows `default`): the most vulnerable tag decides.
 * - Next due date = the last visit's local date + interval (calendar days). Never visited → due
 *   now (`nextDueDate: null`). Due = never visited, or next due date ≤ today.
 * Dates are local `YYYY-MM-DD` strings, computed without time zones (calendar arithmetic on UTC).
 */
import type { CareTag, VisitPlans } from '../model';
import { CARE_TAGS } from '../vocabulary/rounds';

/** The visit plan of a community that has not set one: every 90 days, 独居老人 every 7 days (docs/case-loop-design.md §4). */
export const DEFAULT_VISIT_PLANS = { default: 90, livingAlone: 7 } as const;

/** The plan in force: the community's, or the defaults. */
export function plansOf(community: { rounds?: { visitEveryDays?: VisitPlans } } | null | undefined): VisitPlans {
  const set = community?.rounds?.visitEveryDays;
  return set && typeof set.default === 'number' ? set : { ...DEFAULT_VISIT_PLANS };
}

/** Days between visits of a household with care tags `tags` under plan `plans` (≥ 1). */
export function everyDaysOf(tags: readonly CareTag[], plans: VisitPlans): number {
  return Math.max(1, Math.min(plans.default, ...tags.map((t) => plans[t] ?? plans.default)));
}

/** Each tag's interval alone, and the default's (for the console's plan page). */
export function effectivePlans(plans: VisitPlans): Record<CareTag | 'default', number> {
  const out = { default: plans.default } as Record<CareTag | 'default', number>;
  for (const t of CARE_TAGS) out[t] = everyDaysOf([t], plans);
  return out;
}

/** Local date `date` plus `days` calendar days (`2026-12-30` + 3 → `2027-01-02`). */
export function addDaysToDate(date: string, days: number): string {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole calendar days from local date `a` to local date `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((ms(b) - ms(a)) / 86_400_000);
}

/** A household's schedule: interval, next due date (null: never visited) and whether it is due on `today`. */
export function scheduleOf(tags: readonly CareTag[], lastVisitDate: string | null | undefined, plans: VisitPlans, today: string): { everyDays: number; nextDueDate: string | null; due: boolean } {
  const everyDays = everyDaysOf(tags, plans);
  if (!lastVisitDate) return { everyDays, nextDueDate: null, due: true };
  const nextDueDate = addDaysToDate(lastVisitDate, everyDays);
  return { everyDays, nextDueDate, due: nextDueDate <= today };
}

/** Room keys compared with their numbers as numbers (`…|2|…` before `…|10|…`); one collator for every comparison (a `localeCompare` with options builds one per call). */
const KEY_ORDER = new Intl.Collator('en', { numeric: true });

/** The register's order: due first (never visited, then the earliest next due date), then by room key. */
export function byDue<T extends { due: boolean; nextDueDate: string | null; householdKey: string }>(a: T, b: T): number {
  if (a.due !== b.due) return a.due ? -1 : 1;
  const an = a.nextDueDate ?? '';
  const bn = b.nextDueDate ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  return KEY_ORDER.compare(a.householdKey, b.householdKey);
}
