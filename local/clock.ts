/**
 * The local cloud's clock (issue 9: "Time is controllable in tests"). One offset, in milliseconds,
 * moves both what the emulator writes for `db.serverDate()` (local/cloudbase/api.ts) and what the
 * functions' `shared/clock.ts now()` returns (the pool hands the offset to each invocation, which the
 * worker sets as `KIOSK_CLOCK_OFFSET_MS`). 0 unless a test or the bench moves it with
 * `LocalCloud.setClock` / `advanceClock`; `npm start` never does.
 */
let offsetMs = 0;

/** The emulated "now" in epoch milliseconds. */
export function clockNow(): number {
  return Date.now() + offsetMs;
}

/** The current offset from the real clock, in milliseconds. */
export function clockOffset(): number {
  return offsetMs;
}

/** Sets the offset so that "now" is `at` (a Date), or back to the real clock with null. */
export function setClock(at: Date | null): void {
  offsetMs = at ? at.getTime() - Date.now() : 0;
}

/** Moves "now" forward by `ms` milliseconds. */
export function advanceClock(ms: number): void {
  offsetMs += ms;
}
