/**
 * 户号 (household key, issue 20; docs/consultation-design.md §1): one key per room, so that a
 * household votes once whatever the spelling of its address. A 户 is a room, as `model.ts` `Home`
 * says; one 户 = one 专有部分 = one owner in the counting of 最高人民法院 建筑物区分所有权解释 第八、九条.
 *
 * `householdKeyOf(home)` = `estateId|building|unit|room`, each part:
 * NFKC-normalised (full-width digits and letters fold to ASCII: `３号楼` → `3号楼`), trimmed, inner
 * white space removed, letters upper-cased, `|` removed (it separates the parts), and one trailing
 * `号楼` / `栋` / `幢` / `单元` / `室` / `号` dropped (`3号楼` → `3`, `2单元` → `2`, `301室` → `301`).
 * Pure: no SDK, used by the functions, the seed and the tests.
 */
import type { Home, HouseholdKey } from './model';

const SUFFIX = /(号楼|单元|栋|幢|室|号)$/u;

/** One address part as it goes into a key (`　３号楼 ` → `3`). */
export function normalisePart(part: string): string {
  const folded = (part ?? '').normalize('NFKC').replace(/[\s|]+/gu, '').toUpperCase();
  return folded.replace(SUFFIX, '');
}

/** The household key of a home: `estateId|building|unit|room`, each part normalised (see the module notes). */
export function householdKeyOf(home: Pick<Home, 'estateId' | 'building' | 'unit' | 'room'>): HouseholdKey {
  return [home.estateId.trim(), normalisePart(home.building), normalisePart(home.unit), normalisePart(home.room)].join('|');
}

/** The household key of a user record: the stored `householdKey`, else derived from `home`; null without a home. */
export function householdKeyOfUser(user: { householdKey?: string; home?: Home | null }): HouseholdKey | null {
  if (user.householdKey) return user.householdKey;
  return user.home ? householdKeyOf(user.home) : null;
}

/** The parts of a key (`e-bishan|3|2|301` → estateId, building, unit, room). */
export function partsOfKey(key: HouseholdKey): { estateId: string; building: string; unit: string; room: string } {
  const [estateId = '', building = '', unit = '', room = ''] = key.split('|');
  return { estateId, building, unit, room };
}

/** A room as staff read it, without the estate: `3号楼2单元301` (building, unit and room of a key). */
export function roomLabelOfKey(key: HouseholdKey): string {
  const { building, unit, room } = partsOfKey(key);
  const digits = (s: string) => /^[0-9]+$/.test(s);
  return `${digits(building) ? `${building}号楼` : building}${unit ? (digits(unit) ? `${unit}单元` : unit) : ''}${room}`;
}
