/**
 * The demo's parcels (代收快递, issue 22; `npm start` only, with the demo tickets), written directly as
 * documents of the model type (`cloudfunctions/shared/model.ts` `Parcel`), every time relative to the
 * seed's clock `now`: two parcels on the shelf of 老城社区 for 赵建国 (r-zhao), logged by 严婷 (w-yan)
 * — a 顺丰 one this morning (A-3, code 318406) and a 京东 one 4 days ago (B-1, code 527193: 超期未取,
 * already reminded once).
 */
import type { LocalDatabase } from '../cloudbase/database';
import type { Parcel } from '../../cloudfunctions/shared/model';

const DAY = 24 * 3_600_000;
const CID = 'c-laocheng';

/** The seeded parcels' ids and codes, for tests and the walk-through. */
export const DEMO_PARCELS = {
  fresh: { id: 'parcel-demo-zhao-sf', code: '318406', shelf: 'A-3' },
  overdue: { id: 'parcel-demo-zhao-jd', code: '527193', shelf: 'B-1' },
} as const;

/** The demo's parcels (pure; see the module notes). */
export function demoParcels(now: Date): Parcel[] {
  const p = (d: { id: string; code: string; shelf: string }, carrier: Parcel['carrier'], loggedAt: Date, remindedAt?: Date): Parcel => ({
    _id: d.id,
    communityId: CID,
    residentId: 'r-zhao',
    residentName: '赵建国',
    carrier,
    shelf: d.shelf,
    code: d.code,
    codeKey: `${CID}|${d.code}`,
    status: 'waiting',
    loggedById: 'w-yan',
    loggedByName: '严婷',
    loggedAt,
    ...(remindedAt ? { remindedAt } : {}),
    requestKey: `w-yan:seed-${d.id}`,
    events: [{ kind: 'logged', byId: 'w-yan', byName: '严婷', at: loggedAt }, ...(remindedAt ? [{ kind: 'reminded' as const, byId: null, byName: '系统', at: remindedAt }] : [])],
  });
  const earlier = new Date(now.getTime() - 2 * 3_600_000);
  const old = new Date(now.getTime() - 4 * DAY);
  return [p(DEMO_PARCELS.overdue, 'jd', old, new Date(old.getTime() + 3 * DAY + 3_600_000)), p(DEMO_PARCELS.fresh, 'sf', earlier)];
}

/** Writes the demo's parcels (see the module notes). */
export function seedDemoParcels(db: LocalDatabase, now = new Date()): void {
  if (!db.collectionNames().includes('parcels')) db.createCollection('parcels');
  db.insert('parcels', demoParcels(now) as never);
}
