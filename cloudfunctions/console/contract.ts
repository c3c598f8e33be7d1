/**
 * What the `console` function answers (statistics and the ledger, issue 11): the shapes the pages
 * in `src/console/` read. Rates are fractions 0–1 rounded to 3 decimals, or null when their
 * denominator is 0 (nothing to rate). Times: accept in minutes, handle in hours (1 decimal).
 */
import type { Contracts } from '../shared/contract';

/** One bar of a breakdown: a code (`residentReport`), its Chinese name and how many. */
export interface CountItem {
  key: string;
  label: string;
  count: number;
}

/** A rate with the counts it divides: `numerator` / `denominator`, `rate` 0–1 (3 decimals) or null when the denominator is 0. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** Ticket figures of a period (definitions: `domain/figures.ts`). */
export interface TicketFigures {
  /** tickets reported in the period */
  reported: number;
  bySource: CountItem[];
  byCategory: CountItem[];
  /** current status of the tickets reported in the period */
  byStatus: CountItem[];
  /** tickets first accepted (受理, or assigned) in the period */
  accepted: number;
  /** of those, accepted within 24 hours of being reported */
  acceptedWithinDeadline: number;
  /** 超时未受理: reported more than 24 hours before the period's end (or now, if earlier) and not accepted by then */
  notAcceptedLate: number;
  /** 应受理数 = accepted + notAcceptedLate */
  acceptDue: number;
  /** acceptedWithinDeadline / acceptDue */
  acceptedWithinDeadlineRate: number | null;
  /** minutes from report to first acceptance, mean over `accepted` */
  avgAcceptMinutes: number | null;
  /** tickets whose result was recorded (反馈) in the period */
  handled: number;
  /** hours from first acceptance to the result, mean over `handled` */
  avgHandleHours: number | null;
  /** tickets closed (办结) in the period and still closed */
  closed: number;
  closedOnTime: number;
  /** 应结案数: closed in the period + in progress with their deadline passed in the period */
  due: number;
  /** 缓办数: always 0 — the workflow has no deferral (see domain/figures.ts) */
  deferred: number;
  /** 按期结案率 = closedOnTime / (due − deferred) */
  onTimeClosureRate: number | null;
  ratings: { satisfied: number; fairlySatisfied: number; unsatisfied: number; total: number };
  /** (满意 + 基本满意) / ratings given in the period */
  satisfactionRate: number | null;
  /** every headline rate with its numerator and denominator (what the page shows: `2/3（66.7%）`) */
  rates: { acceptedWithinDeadline: Ratio; onTimeClosure: Ratio; satisfaction: Ratio };
  /** follow-ups (回访) recorded in the period */
  followUps: number;
}

/** One grid worker's record for the period. */
export interface Scorecard {
  workerId: string;
  name: string;
  /** accepted themselves or were assigned, in the period */
  accepted: number;
  /** tickets they hold that were closed in the period */
  closed: number;
  closedOnTime: number;
  onTimeRate: number | null;
  /** ratings given in the period on tickets they hold */
  rated: number;
  /** 满意 + 基本满意 */
  satisfied: number;
  satisfactionRate: number | null;
  followUps: number;
}

/** One market service's bookings in the period. */
export interface ServiceFigures {
  serviceId: string;
  serviceName: string;
  /** places taken and not cancelled (booked + attended + noShow) */
  booked: number;
  attended: number;
  noShow: number;
  cancelled: number;
}

export interface MarketFigures {
  services: ServiceFigures[];
  totals: { booked: number; attended: number; noShow: number; cancelled: number };
  /** distinct vendors who checked in at a stall on a market day of the period */
  vendorsAttending: number;
  /** stalls held and checked in (one per vendor per day) */
  stallDays: number;
  /** what the vendors who came brought, with how many of them brought it */
  produce: { name: string; vendors: number }[];
}

/** The answer of `console.stats`. */
export interface StatsView {
  period: { from: string; to: string; days: number };
  /** `community`: an admin's whole community; `grids`: a grid worker's own grids */
  scope: { kind: 'community' | 'grids'; communityName: string; gridIds: string[] };
  tickets: TicketFigures;
  /** an admin: every grid worker of the community (and anyone else credited); a grid worker: only their own */
  scorecards: Scorecard[];
  /** admins only (null for a grid worker) */
  market: MarketFigures | null;
}

/** The answer of `console.exportLedger`: the file in cloud storage and a temporary URL to download it. */
export interface LedgerFile {
  fileID: string;
  /** valid for 10 minutes */
  tempFileURL: string;
  fileName: string;
  format: 'csv' | 'xlsx';
  kind: 'tickets' | 'market';
  /** rows of the main table */
  rows: number;
}

/**
 * The contracts of this function's actions (shared/contract.ts): the router declares each action from
 * its entry, the client types `call('console', …)` from it, docs/api.md is generated from it.
 */
export const actions = {} satisfies Contracts;
