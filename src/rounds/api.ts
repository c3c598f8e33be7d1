/**
 * Client side of the `rounds` function (the grid workers' own rounds, issue 21; docs/case-loop-design.md
 * §4): the pages' URLs, the answer types they name, and small pure helpers over them — the register's
 * filter and search ({@link matchesQuery}: room as residents type it, full-width digits, names), the
 * grid's places for a patrol ({@link placesOf}), and the link to the staff filing page with a visit
 * or a patrol ({@link fileCaseUrl}). Calls go through the typed `call('rounds', …)` (src/services/call.ts;
 * inputs, answers and errors: cloudfunctions/rounds/contract.ts).
 */
import type { HouseholdRow } from '../../cloudfunctions/rounds/contract';

export type { CareTag, GridChoice, HouseholdDetail, HouseholdRow, HouseholdsAnswer, PatrolView, VisitMet, VisitPlansView, VisitTopic, VisitView } from '../../cloudfunctions/rounds/contract';

/** The pages of the rounds subpackage. */
export const ROUNDS_URLS = {
  /** 我的住户 (`gridId` opens one grid, for an admin) */
  households: (gridId?: string) => `/rounds/pages/households/index${gridId ? `?gridId=${encodeURIComponent(gridId)}` : ''}`,
  household: (key: string) => `/rounds/pages/household/index?key=${encodeURIComponent(key)}`,
  visit: (key: string) => `/rounds/pages/visit/index?key=${encodeURIComponent(key)}`,
  patrol: '/rounds/pages/patrol/index',
  log: '/rounds/pages/log/index',
  /** 走访计划 (admins) */
  plans: '/rounds/pages/plans/index',
};

/** Where a problem was found, for the filing page: the estate, optionally a building and a spot. */
export interface FoundAt {
  estateId?: string;
  building?: string;
  spot?: string;
}

/**
 * The staff filing page (`desk/pages/file`, 登记我发现的问题) for a problem found on the caller's
 * visit (`visitId`) or patrol (`patrolId`), with the place prefilled; the page files it with source
 * 自己找 and the link (`ticket.fileCase` `visitId`/`patrolId`).
 */
export function fileCaseUrl(link: { visitId: string } | { patrolId: string }, at: FoundAt = {}): string {
  const q: [string, string | undefined][] = [
    ['visitId', 'visitId' in link ? link.visitId : undefined],
    ['patrolId', 'patrolId' in link ? link.patrolId : undefined],
    ['estateId', at.estateId],
    ['building', at.building],
    ['spot', at.spot],
  ];
  return `/desk/pages/file/index?${q
    .filter((p): p is [string, string] => !!p[1])
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&')}`;
}

/** The parts of a household's key `estateId|building|unit|room` (`shared/households.ts`). */
export function keyParts(key: string): { estateId: string; building: string; unit: string; room: string } {
  const [estateId = '', building = '', unit = '', room = ''] = key.split('|');
  return { estateId, building, unit, room };
}

/** A key's building as people say it: `3` → `3号楼` (a name without digits stays). */
export const buildingLabel = (b: string): string => (/^[0-9]+$/.test(b) ? `${b}号楼` : b);

/** Where the filing page should say a household's problem is: its estate, building and `2单元301`. */
export function foundAtHousehold(key: string): FoundAt {
  const p = keyParts(key);
  return { estateId: p.estateId, building: buildingLabel(p.building), spot: `${p.unit ? (/^[0-9]+$/.test(p.unit) ? `${p.unit}单元` : p.unit) : ''}${p.room}` };
}

/** Full-width to ASCII (３号楼 → 3号楼), lower case, spaces and punctuation dropped. */
export function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Number of a building, unit or room as typed (`3号楼`, `3栋`, `2单元`, `301室` → `3`, `2`, `301`). */
const digitsOf = (s: string): string => (/\d+/.exec(s.normalize('NFKC')) ?? [''])[0];

/** An address part typed in the search box: a building (3号楼, 3栋, 3幢), a unit (2单元), a room (301室) or a bare number. */
type AddressTerm = { kind: 'building' | 'unit' | 'room' | 'number'; n: string };

/** Splits what was typed into address terms and the remaining text (names, estate). */
export function parseQuery(q: string): { terms: AddressTerm[]; text: string } {
  // separators stay apart (3-2-301, 3 2 301 are three numbers)
  const f = q.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ');
  const terms: AddressTerm[] = [];
  const text = f.replace(/(\d+)(号楼|栋|幢|楼|单元|室|号)?/g, (_m, n: string, suffix?: string) => {
    const kind = !suffix ? 'number' : suffix === '单元' ? 'unit' : suffix === '室' ? 'room' : suffix === '号' ? 'number' : 'building';
    terms.push({ kind, n: String(Number(n)) });
    return ' ';
  });
  return { terms, text: text.replace(/\s+/g, '') };
}

/**
 * True when household `h` matches what was typed: every address term matches its part (a bare number
 * its building, unit or room, or the start of the room: 30 finds 301), and the rest of the text is in
 * a resident's name or called name, or the estate's name. `3号楼301`, `３号楼`, `3栋2单元`, `赵建国`, `赵`
 * all find 赵建国's 3号楼2单元301. No pinyin: the register answers names only (no search key).
 */
export function matchesQuery(h: Pick<HouseholdRow, 'householdKey' | 'residents' | 'estateName'>, q: string): boolean {
  const { terms, text } = parseQuery(q);
  if (!terms.length && !text) return true;
  const p = keyParts(h.householdKey);
  const b = String(Number(digitsOf(p.building) || NaN));
  const u = String(Number(digitsOf(p.unit) || NaN));
  const r = digitsOf(p.room) ? String(Number(digitsOf(p.room))) : fold(p.room);
  for (const t of terms) {
    if (t.kind === 'building' && t.n !== b) return false;
    if (t.kind === 'unit' && t.n !== u) return false;
    if (t.kind === 'room' && t.n !== r) return false;
    if (t.kind === 'number' && t.n !== b && t.n !== u && !r.startsWith(t.n)) return false;
  }
  if (!text) return true;
  const hay = [h.estateName, ...h.residents.flatMap((x) => [x.name, x.called ?? ''])].map(fold);
  return hay.some((s) => s.includes(text));
}

/** The register's filters: every household, the due ones, the ones with a care tag (关爱对象). */
export type HouseholdFilter = 'all' | 'due' | 'tagged';

/** Households of `list` that pass `filter` and match `query`, in the answer's order (due first). */
export function filterHouseholds<T extends Pick<HouseholdRow, 'householdKey' | 'residents' | 'estateName' | 'due' | 'tags'>>(list: T[], filter: HouseholdFilter, query: string): T[] {
  return list.filter((h) => (filter === 'due' ? h.due : filter === 'tagged' ? h.tags.length > 0 : true) && matchesQuery(h, query));
}

/** Spots a patrol checks besides the buildings (the fixtures: 楼顶 pigeon lofts, 地下室楼道, 绿化带 vegetables). */
export const PATROL_SPOTS = ['楼顶', '楼道', '地下室', '绿化带', '小区道路', '车棚', '垃圾点'];

/**
 * The buildings of a grid as patrol places, from its register (the households' keys; the rounds
 * answers carry no list of the grid's buildings): `3号楼`, or `壁山丽景小区3号楼` when the grid spans
 * several estates; in the register's order of first appearance, sorted by building number.
 */
export function placesOf(households: Pick<HouseholdRow, 'householdKey' | 'estateName'>[]): string[] {
  const seen = new Map<string, { estate: string; building: string }>();
  for (const h of households) {
    const p = keyParts(h.householdKey);
    const k = `${p.estateId}|${p.building}`;
    if (!seen.has(k)) seen.set(k, { estate: h.estateName, building: buildingLabel(p.building) });
  }
  const estates = new Set([...seen.values()].map((v) => v.estate));
  return [...seen.values()]
    .sort((a, b) => a.estate.localeCompare(b.estate, 'zh') || Number(digitsOf(a.building) || 0) - Number(digitsOf(b.building) || 0) || a.building.localeCompare(b.building, 'zh'))
    .map((v) => (estates.size > 1 ? `${v.estate}${v.building}` : v.building));
}

/** How long ago a local date was, in words (`今天`, `昨天`, `12天前`); `today` is the answer's today. */
export function daysAgoText(date: string, today: string): string {
  const d = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
  if (d <= 0) return '今天';
  if (d === 1) return '昨天';
  return `${d}天前`;
}
