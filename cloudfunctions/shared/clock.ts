/**
 * The functions' clock. In production it is the system clock. The local runtime can move it for
 * tests and demos (issue 9: "Time is controllable in tests"): `LocalCloud.setClock()` shifts, by the
 * same offset, both what `now()` returns in every function worker (the variable
 * `KIOSK_CLOCK_OFFSET_MS`, set per invocation by local/runtime/worker.ts) and what the emulator
 * writes for `db.serverDate()`, so deadlines computed here and instants stored by the database
 * agree. The variable is never set on CloudBase (docs/deploy.md), where the offset is 0.
 */

/** Milliseconds the local clock is shifted by (0 in production). */
export function clockOffsetMs(): number {
  const v = Number(process.env.KIOSK_CLOCK_OFFSET_MS ?? 0);
  return Number.isFinite(v) ? v : 0;
}

/** The current instant. */
export function now(): Date {
  return new Date(Date.now() + clockOffsetMs());
}
