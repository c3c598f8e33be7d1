/**
 * The `volunteers` function's limits (解忧智囊团, issue 22), in one place for both sides: the schemas of
 * `contract.ts` are built from them and the pages take their `maxlength` from them. Plain constants:
 * imports nothing.
 */
export const VOLUNTEERS_LIMITS = {
  /** a retirement's reason, characters */
  reason: { min: 2, max: 100 },
  /** a duty's note, characters */
  dutyNote: { max: 40 },
  /** a staff entry of hours: its note, characters */
  hoursNote: { min: 2, max: 60 },
  /** a staff entry of hours: whole minutes (10 hours at most: the one table, shared/volunteering.ts) */
  staffMinutes: { min: 1, max: 600 },
  /** a staff entry may record a day up to this many days back */
  hoursBackDays: 90,
  /** a duty may be put on the roster up to this many days ahead */
  dutyAheadDays: 60,
  /** most team members answered */
  teamMax: 200,
  /** most hours entries read for one volunteer's `mine` (a volunteer's whole record) */
  mineHoursMax: 1000,
  /** the newest entries `mine` lists */
  mineRecent: 10,
} as const;
