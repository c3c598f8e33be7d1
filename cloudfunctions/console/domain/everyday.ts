/**
 * 便民服务 figures (issue 22, docs/everyday-services-design.md §6), pure. (Pipelines follow.)
 */
import type { EverydayFigures } from '../contract';
import { VOLUNTEER_ROLES, VOLUNTEER_SOURCES } from './everydayTypes';

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Every figure 0 (a community with none of the services yet). */
export function emptyEveryday(): EverydayFigures {
  return {
    parcels: { logged: 0, pickedUp: 0, delivered: 0, unclaimed: 0 },
    errands: { requested: 0, done: 0 },
    referrals: { made: 0, rated: 0, averageStars: null, flaggedProviders: 0 },
    notices: { published: 0, reads: 0 },
    events: { held: 0, places: 0, signedUp: 0, attended: 0 },
    volunteers: { count: 0, minutes: 0, minutesByRole: zeros(VOLUNTEER_ROLES), minutesBySource: zeros(VOLUNTEER_SOURCES) },
  };
}
