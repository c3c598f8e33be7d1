/**
 * Pure rules of the admin's market settings (issue 10 "Admin": market settings, the service
 * catalogue and capacities, the stall plan). No platform code: the callers in `../settings.ts`,
 * `../catalogue.ts` and `../stallPlan.ts` read and write; these functions decide.
 *
 * Rules (and why):
 * - Market hours: `HH:mm`, opening before closing (a market of zero or negative length is a typo).
 * - A `slots` service's slot length must divide the market's hours exactly (爱心义剪 20 minutes in
 *   10:00–13:00 → 9 slots): otherwise the last minutes of the market are silently lost, which an
 *   admin does not expect. A `queue` service needs a capacity; a `none` service has neither.
 * - Capacity changes reach the coming days' slots, but never below the places already booked there:
 *   the change is refused naming the first such slot (a clamp would leave the admin believing a
 *   slot has 2 places while it holds 3 people; refusing tells them whom to call first).
 * - Market settings (weekday, hours, place, name) apply to market days created from now on; days
 *   already created keep theirs, because residents booked against them.
 * - A stall held by a vendor on a coming day is never deactivated.
 */
import type { MarketSettings, Service, Slot } from '../../shared/model';

/** Minutes since midnight of a local clock time `HH:mm`. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** Length of the market in minutes (negative or 0 when the hours are wrong). */
export function marketMinutes(settings: Pick<MarketSettings, 'start' | 'end'>): number {
  return minutesOf(settings.end) - minutesOf(settings.start);
}

/** True if a `slots` service of `slotMinutes` fits the market's hours exactly (at least one slot, nothing left over). */
export function slotFits(slotMinutes: number, settings: Pick<MarketSettings, 'start' | 'end'>): boolean {
  const total = marketMinutes(settings);
  return slotMinutes > 0 && total >= slotMinutes && total % slotMinutes === 0;
}

/** The active `slots` services whose slot length does not fit `settings` (an hours change must not break them). */
export function misfits(services: Pick<Service, 'name' | 'bookingMode' | 'slotMinutes' | 'active'>[], settings: Pick<MarketSettings, 'start' | 'end'>): string[] {
  return services.filter((s) => s.active && s.bookingMode === 'slots' && !slotFits(s.slotMinutes ?? 30, settings)).map((s) => s.name);
}

/** A slot whose bookings exceed a proposed capacity: what the refusal names. */
export interface OverBooked {
  slotId: string;
  date: string;
  slotLabel: string;
  booked: number;
}

/** The first (by start) of `slots` with more places booked than `capacity`, or null if the capacity fits them all. */
export function firstOverBooked(slots: Pick<Slot, '_id' | 'date' | 'label' | 'booked' | 'startAt'>[], capacity: number): OverBooked | null {
  const over = slots.filter((s) => s.booked > capacity).sort((a, b) => a.startAt.getTime() - b.startAt.getTime())[0];
  return over ? { slotId: over._id, date: over.date, slotLabel: over.label, booked: over.booked } : null;
}

/** Places a capacity raise frees in a slot for the people waiting (0 if none wait or none is freed). */
export function placesFreed(slot: Pick<Slot, 'booked' | 'waiting'>, capacity: number): number {
  return Math.max(0, Math.min(capacity - slot.booked, slot.waiting ?? 0));
}

/** Whether a created market day differs from the settings a new day would get (it keeps its own). */
export function keepsOldSettings(day: { start: string; end: string; place: string; marketName?: string; date: string }, settings: MarketSettings): boolean {
  const [y, m, d] = day.date.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
  return day.start !== settings.start || day.end !== settings.end || day.place !== settings.place || (day.marketName ?? settings.name) !== settings.name || wd !== settings.weekday;
}

/** One stall of a plan as the admin sends it. */
export interface StallInput {
  number: number;
  label: string;
  active: boolean;
}

/**
 * The stall numbers a new plan turns off: active now, and inactive (or left out) in `next`.
 * Stalls left out of the plan are deactivated, never deleted (past applications name them).
 */
export function stallsTurnedOff(current: { number: number; active: boolean }[], next: StallInput[]): number[] {
  const nextActive = new Map(next.map((s) => [s.number, s.active]));
  return current.filter((s) => s.active && nextActive.get(s.number) !== true).map((s) => s.number).sort((a, b) => a - b);
}
