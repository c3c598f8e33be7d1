/**
 * Checks of a building's paper count (纸质票计票; docs/consultation-design.md §1) and of a topic's
 * readiness to be decided. Pure.
 */
import type { TopicOption } from '../../shared/model';

/** Why a paper count cannot be accepted, or null when it can. */
export type TallyProblem = 'optionInvalid' | 'mismatch' | 'photoRequired' | null;

/**
 * A paper count `{ counts, blank, invalid }` for `rooms` claimed rooms: every key an option of the
 * topic (`optionInvalid`), Σcounts + blank + invalid = rooms (`mismatch`: 票数合计和收回的户数对不上),
 * at least one photo of the count sheet when any sheet was counted (`photoRequired`).
 */
export function checkTally(
  input: { counts: Record<string, number>; blank: number; invalid: number; photoFileIds: string[] },
  rooms: number,
  options: TopicOption[],
): TallyProblem {
  const keys = new Set(options.map((o) => o.key));
  if (Object.keys(input.counts).some((k) => !keys.has(k))) return 'optionInvalid';
  const total = Object.values(input.counts).reduce((a, b) => a + b, 0) + input.blank + input.invalid;
  if (total !== rooms) return 'mismatch';
  if (rooms > 0 && input.photoFileIds.length === 0) return 'photoRequired';
  return null;
}

/** A building in a topic's scope: `estateId` and the building as normalised in household keys. */
export interface ScopeBuilding {
  estateId: string;
  building: string;
}

/**
 * The buildings not ready for the result: neither counted nor marked without paper. `tallies` are
 * the topic's paper tallies (state `claiming` with rooms = paper collected but not counted).
 * A building without a tally and not in `noPaper` is not ready either: the admin must say it had none;
 * a building with claimed sheets stays not ready even when named in `noPaper`.
 */
export function buildingsNotCounted(
  scope: ScopeBuilding[],
  tallies: { estateId: string; building: string; state: 'claiming' | 'counted' | 'none'; rooms: number }[],
  noPaper: ScopeBuilding[],
): ScopeBuilding[] {
  const key = (b: ScopeBuilding) => `${b.estateId}|${b.building}`;
  // a building whose sheets were claimed cannot be declared paperless: its count must be entered
  const withSheets = new Set(tallies.filter((t) => t.state === 'claiming' && t.rooms > 0).map(key));
  const done = new Set([...tallies.filter((t) => t.state !== 'claiming').map(key), ...noPaper.map(key).filter((k) => !withSheets.has(k))]);
  return scope.filter((b) => !done.has(key(b)));
}
