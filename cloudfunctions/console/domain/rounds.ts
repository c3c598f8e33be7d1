/**
 * The figures of the grid workers' own rounds (入户走访, 巡查; issue 21, docs/case-loop-design.md
 * §4–§5), pure: the aggregation pipelines `../stats.ts` sends and the reduction of their rows into
 * `stats.rounds` and the scorecards' visits, patrols and problems found. Nothing here touches the
 * database.
 *
 * Period P = `from`..`to` (local dates, inclusive). Definitions:
 * - visits: visit records (`visits`) whose local `date` is in P; householdsVisited: distinct
 *   `householdKey`s among them.
 * - households (户): the register of the caller's grids — residents' records (`users`, role
 *   resident, with a `home`) grouped by household key (`shared/households.ts`), each in the grid
 *   whose `covers` hold its estate and building (the first such grid) — no new personal data.
 *   An admin: every household in a grid of the community; a grid worker: their grids'.
 * - dueHouseholds (应走访户): households whose visit falls due by P's end — never visited before P,
 *   or last visited before P on a date d with d + interval ≤ P's last day. The interval in days is
 *   the community's visit plan (`Community.rounds.visitEveryDays`: `default`, and per care tag, the
 *   shortest of a household's tags; `householdCare.tags`), 90 days and 7 for 独居老人 when unset
 *   (design §4, after the provinces' 探访关爱 rules: 独居老人 weekly, others quarterly).
 * - coverage (走访覆盖率) = due households visited in P ÷ dueHouseholds.
 * - problemsFoundByVisit / ByPatrol: tickets linked (`ticketIds`) to the visits / patrols of P
 *   (a problem found becomes a ticket, `ticket.fileCase` with `visitId` / `patrolId`).
 * - patrols: patrol rounds (`patrols`) started in P.
 * - byWorker: per worker who visited or patrolled (a grid worker: only their own row); byGrid: per
 *   grid of the scope.
 * Care tags are read only to know a household's interval: they never leave the function (no tag,
 * no household key, no name of a resident is in the answer).
 *
 * Pipelines (each one round trip, each with a `$limit`: CloudBase answers 20 rows without one):
 * visits grouped per (household, worker, grid) over every visit up to P's end — the last visit
 * before P is a `$max` of the dates before `from` —; patrols of P per (worker, grid); residents
 * per household; households with care tags.
 */
import { householdKeyOf, normalisePart } from '../../shared/households';
import type { CareTag, Grid, Home, Visit, VisitPlans } from '../../shared/model';
import { DEFAULT_VISIT_PLANS } from '../../shared/rounds/plan';
import type { GridRounds, Ratio, RoundsFigures, WorkerRounds } from '../contract';
import type { Period } from './period';

/** Most rows a per-household pipeline may answer (a community's households, with room to spare). */
export const HOUSEHOLD_LIMIT = 20_000;

/** The visit plan's defaults (design §4; `shared/rounds/plan.ts`): every household each 90 days, 独居老人 each 7. */
export const DEFAULT_VISIT_EVERY: VisitPlans = DEFAULT_VISIT_PLANS;

type Expr = Record<string, unknown>;

/** A visit as stored (`visits`). */
export type VisitDoc = Visit;

/** Visits up to P's end in the scope, per (household, worker, grid): visits in P, the last date before P, tickets found in P. */
export function visitStages(communityId: string, p: Period, gridIds: string[] | null): Expr[] {
  const inP = { $and: [{ $gte: ['$date', p.from] }, { $lte: ['$date', p.to] }] };
  return [
    { $match: { communityId, ...(gridIds ? { gridId: { $in: gridIds } } : {}), date: { $lte: p.to } } },
    {
      $group: {
        _id: { h: '$householdKey', w: '$workerId', g: '$gridId' },
        name: { $first: '$workerName' },
        inP: { $sum: { $cond: [inP, 1, 0] } },
        lastBefore: { $max: { $cond: [{ $lt: ['$date', p.from] }, '$date', ''] } },
        found: { $sum: { $cond: [inP, { $size: { $ifNull: ['$ticketIds', []] } }, 0] } },
      },
    },
    { $limit: HOUSEHOLD_LIMIT },
  ];
}

export interface VisitRow {
  _id: { h: string; w: string; g: string };
  name: string;
  inP: number;
  /** '' when none before P */
  lastBefore: string;
  found: number;
}

/** Patrols started in P in the scope, per (worker, grid): how many, tickets found on them. */
export function patrolStages(communityId: string, p: Period, gridIds: string[] | null): Expr[] {
  return [
    { $match: { communityId, ...(gridIds ? { gridId: { $in: gridIds } } : {}), startedAt: { $gte: p.start, $lte: p.end } } },
    { $group: { _id: { w: '$workerId', g: '$gridId' }, name: { $first: '$workerName' }, n: { $sum: 1 }, found: { $sum: { $size: { $ifNull: ['$ticketIds', []] } } } } },
    { $limit: HOUSEHOLD_LIMIT },
  ];
}

export interface PatrolRow {
  _id: { w: string; g: string };
  name: string;
  n: number;
  found: number;
}

/** Residents with a home, per household (key, or the home's parts on records older than the key), in the scope's estates. */
export function householdStages(communityId: string, estateIds: string[] | null): Expr[] {
  return [
    { $match: { communityId, role: 'resident', 'home.estateId': estateIds ? { $in: estateIds } : { $gt: '' } } },
    { $group: { _id: { k: { $ifNull: ['$householdKey', ''] }, e: '$home.estateId', b: '$home.building', u: '$home.unit', r: '$home.room' } } },
    { $limit: HOUSEHOLD_LIMIT },
  ];
}

export interface HouseholdRow {
  _id: { k: string; e: string; b: string; u: string; r: string };
}

/** Households with care tags in the scope (their tags only: the interval of their visits). */
export function careStages(communityId: string, gridIds: string[] | null): Expr[] {
  return [
    { $match: { communityId, ...(gridIds ? { gridId: { $in: gridIds } } : {}), 'tags.0': { $exists: true } } },
    { $project: { tags: 1 } },
    { $limit: HOUSEHOLD_LIMIT },
  ];
}

export interface CareRow {
  _id: string;
  tags: CareTag[];
}

/** `date` + `days` (local dates `YYYY-MM-DD`). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const ratioOf = (numerator: number, denominator: number): Ratio => ({ numerator, denominator, rate: denominator > 0 ? Math.round((numerator / denominator) * 1000) / 1000 : null });

/** The grid of `scopeGrids` covering a household's estate and building (the first), or null. */
function gridOf(grids: Pick<Grid, '_id' | 'covers'>[], estateId: string, building: string): string | null {
  const b = normalisePart(building);
  for (const g of grids) if (g.covers.some((c) => c.estateId === estateId && c.buildings.some((x) => normalisePart(x) === b))) return g._id;
  return null;
}

/**
 * `stats.rounds` and each worker's rounds (see the module's definitions). `grids`: the grids of
 * the scope (an admin: all of the community's; a grid worker: theirs); `plan`: the community's
 * `rounds.visitEveryDays` (defaults when unset); `onlyWorker`: a grid worker's own id (byWorker
 * holds only them).
 */
export function roundsFigures(
  rows: { visits: VisitRow[]; patrols: PatrolRow[]; households: HouseholdRow[]; care: CareRow[] },
  grids: Pick<Grid, '_id' | 'code' | 'covers'>[],
  p: Period,
  plan: VisitPlans | undefined,
  onlyWorker: string | null,
): RoundsFigures {
  const every = { ...DEFAULT_VISIT_EVERY, ...(plan ?? {}) };
  const tags = new Map(rows.care.map((c) => [c._id, c.tags]));
  const interval = (key: string) => Math.min(every.default, ...(tags.get(key) ?? []).map((t) => every[t] ?? every.default));
  // the register: household key → grid
  const register = new Map<string, string>();
  for (const r of rows.households) {
    const g = gridOf(grids, r._id.e, r._id.b);
    if (!g) continue;
    const key = r._id.k || householdKeyOf({ estateId: r._id.e, building: r._id.b, unit: r._id.u ?? '', room: r._id.r ?? '' } as Home);
    if (!register.has(key)) register.set(key, g);
  }
  const last = new Map<string, string>();
  const visitedInP = new Set<string>();
  const workers = new Map<string, WorkerRounds & { homes: Set<string> }>();
  const worker = (id: string, name: string) => {
    let w = workers.get(id);
    if (!w) workers.set(id, (w = { workerId: id, name, visits: 0, householdsVisited: 0, patrols: 0, problemsFoundByVisit: 0, problemsFoundByPatrol: 0, homes: new Set() }));
    return w;
  };
  const gridsById = new Map<string, GridRounds>(
    grids.map((g) => [g._id, { gridId: g._id, code: g.code, households: 0, dueHouseholds: 0, coverage: ratioOf(0, 0), visits: 0, householdsVisited: 0, patrols: 0, problemsFoundByVisit: 0, problemsFoundByPatrol: 0 }]),
  );
  const gridHomes = new Map<string, Set<string>>();
  let visits = 0;
  let byVisit = 0;
  for (const r of rows.visits) {
    if (r.lastBefore && (last.get(r._id.h) ?? '') < r.lastBefore) last.set(r._id.h, r.lastBefore);
    if (!r.inP) continue;
    visits += r.inP;
    byVisit += r.found;
    visitedInP.add(r._id.h);
    const w = worker(r._id.w, r.name);
    w.visits += r.inP;
    w.problemsFoundByVisit += r.found;
    w.homes.add(r._id.h);
    const g = gridsById.get(r._id.g);
    if (g) {
      g.visits += r.inP;
      g.problemsFoundByVisit += r.found;
      const homes = gridHomes.get(r._id.g) ?? new Set<string>();
      homes.add(r._id.h);
      gridHomes.set(r._id.g, homes);
    }
  }
  let patrols = 0;
  let byPatrol = 0;
  for (const r of rows.patrols) {
    patrols += r.n;
    byPatrol += r.found;
    const w = worker(r._id.w, r.name);
    w.patrols += r.n;
    w.problemsFoundByPatrol += r.found;
    const g = gridsById.get(r._id.g);
    if (g) {
      g.patrols += r.n;
      g.problemsFoundByPatrol += r.found;
    }
  }
  let due = 0;
  let dueVisited = 0;
  const gridDue = new Map<string, { due: number; visited: number }>();
  for (const [key, gridId] of register) {
    const g = gridsById.get(gridId)!;
    g.households += 1;
    const before = last.get(key);
    if (before && addDays(before, interval(key)) > p.to) continue;
    due += 1;
    const d = gridDue.get(gridId) ?? { due: 0, visited: 0 };
    d.due += 1;
    if (visitedInP.has(key)) {
      dueVisited += 1;
      d.visited += 1;
    }
    gridDue.set(gridId, d);
  }
  for (const g of gridsById.values()) {
    const d = gridDue.get(g.gridId) ?? { due: 0, visited: 0 };
    g.dueHouseholds = d.due;
    g.coverage = ratioOf(d.visited, d.due);
    g.householdsVisited = gridHomes.get(g.gridId)?.size ?? 0;
  }
  const byWorker = [...workers.values()]
    .filter((w) => !onlyWorker || w.workerId === onlyWorker)
    .map(({ homes, ...w }) => ({ ...w, householdsVisited: homes.size }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return {
    visits,
    householdsVisited: visitedInP.size,
    households: register.size,
    dueHouseholds: due,
    coverage: ratioOf(dueVisited, due),
    problemsFoundByVisit: byVisit,
    problemsFoundByPatrol: byPatrol,
    patrols,
    byWorker,
    byGrid: [...gridsById.values()].sort((a, b) => a.code.localeCompare(b.code)),
  };
}

/** Every worker's rounds (all rows, before the grid worker's filter): what the scorecards add. */
export function workerRounds(rows: { visits: VisitRow[]; patrols: PatrolRow[] }): WorkerRounds[] {
  const out = new Map<string, WorkerRounds & { homes: Set<string> }>();
  const w = (id: string, name: string) => {
    let x = out.get(id);
    if (!x) out.set(id, (x = { workerId: id, name, visits: 0, householdsVisited: 0, patrols: 0, problemsFoundByVisit: 0, problemsFoundByPatrol: 0, homes: new Set() }));
    return x;
  };
  for (const r of rows.visits) {
    if (!r.inP) continue;
    const x = w(r._id.w, r.name);
    x.visits += r.inP;
    x.problemsFoundByVisit += r.found;
    x.homes.add(r._id.h);
  }
  for (const r of rows.patrols) {
    const x = w(r._id.w, r.name);
    x.patrols += r.n;
    x.problemsFoundByPatrol += r.found;
  }
  return [...out.values()].map(({ homes, ...x }) => ({ ...x, householdsVisited: homes.size }));
}
