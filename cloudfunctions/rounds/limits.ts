/**
 * The `rounds` function's text and count limits (入户走访, 巡查, 走访计划; issue 21), in one place for
 * both sides: the schemas of `contract.ts` are built from them and the worker's pages take their
 * `maxlength` from them. Lengths are characters as a person counts them (code points), after
 * trimming. Plain constants: imports nothing.
 */
export const ROUNDS_LIMITS = {
  /** a visit's note (走访情况), characters */
  visitNote: 200,
  /** who was met, in a few words (`老伴在家`), characters */
  metNote: 40,
  /** a patrol's places checked: how many, and each place's length */
  patrolPlaces: { min: 1, max: 30 },
  patrolPlace: { min: 1, max: 30 },
  /** a patrol's note, characters */
  patrolNote: 200,
  /** days between visits in a visit plan (走访计划) */
  visitEveryDays: { min: 1, max: 365 },
  /** most households a grid's register answers (a grid is far smaller) */
  householdsMax: 3000,
  /** most visits or patrols a list answers (newest first) */
  listMax: 100,
  /** a 巡逻员 volunteer's ended patrols shown on their 巡逻 page (`volunteerPatrol`) */
  volunteerRecent: 5,
  /** visits shown with one household */
  householdVisits: 20,
  /** how far back a visit may be dated (补录), days */
  visitBackDays: 30,
} as const;

