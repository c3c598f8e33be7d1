/**
 * The register's search, filters and patrol places (src/rounds/api.ts; issue 21): a grid worker at
 * the door types a room as residents say it — 3号楼301, full-width ３号楼, 3栋2单元, 301室 — or a
 * name, and finds the household; `3号楼` never finds 13号楼; the filters keep the due households and
 * the ones with a care tag; the patrol's quick places are the grid's buildings; the filing page's
 * link carries the visit and the household's place.
 */
import { filterHouseholds, fileCaseUrl, foundAtHousehold, matchesQuery, placesOf } from '../../src/rounds/api';

const h = (householdKey: string, names: string[], extra: { due?: boolean; tags?: string[]; estateName?: string; called?: string } = {}) => ({
  householdKey,
  estateName: extra.estateName ?? '壁山丽景小区',
  residents: names.map((name, i) => ({ id: `u${i}`, name, called: i === 0 ? extra.called ?? null : null })),
  due: extra.due ?? false,
  tags: (extra.tags ?? []) as never[],
});

const zhao = h('e-bishan|3|2|301', ['赵建国'], { called: '赵大爷', due: true, tags: ['livingAlone'] });
const other = h('e-bishan|13|1|301', ['邹建庄']);
const next = h('e-bishan|3|2|302', ['王桂芝', '李明']);

it('finds a room typed as residents type it, and never 13号楼 for 3号楼', () => {
  for (const q of ['3号楼301', '３号楼３０１', '3栋2单元301', '3幢 301室', '3-2-301', '3 2 301', '30']) expect([q, matchesQuery(zhao, q)]).toEqual([q, true]);
  expect(matchesQuery(other, '3号楼301')).toBe(false);
  expect(matchesQuery(other, '13号楼')).toBe(true);
  expect(matchesQuery(next, '3号楼301')).toBe(false);
  expect(matchesQuery(zhao, '4单元')).toBe(false);
});

it('finds a name, a called name, part of a name and the estate; anything else finds nothing', () => {
  expect(matchesQuery(zhao, '赵建国')).toBe(true);
  expect(matchesQuery(zhao, '赵大爷')).toBe(true);
  expect(matchesQuery(next, '李')).toBe(true);
  expect(matchesQuery(zhao, '壁山')).toBe(true);
  expect(matchesQuery(zhao, '王')).toBe(false);
  expect(matchesQuery(zhao, '3号楼 赵')).toBe(true);
  expect(matchesQuery(zhao, '5号楼 赵')).toBe(false);
  expect(matchesQuery(zhao, '  ')).toBe(true);
});

it('filters 待走访 and 关爱对象, keeping the answer order', () => {
  const list = [zhao, other, next];
  expect(filterHouseholds(list, 'all', '').map((x) => x.householdKey)).toEqual(list.map((x) => x.householdKey));
  expect(filterHouseholds(list, 'due', '').map((x) => x.householdKey)).toEqual([zhao.householdKey]);
  expect(filterHouseholds(list, 'tagged', '').map((x) => x.householdKey)).toEqual([zhao.householdKey]);
  expect(filterHouseholds(list, 'all', '301').map((x) => x.householdKey)).toEqual([zhao.householdKey, other.householdKey]);
});

it('gives the grid buildings as patrol places, with the estate when the grid spans several', () => {
  expect(placesOf([next, other, zhao])).toEqual(['3号楼', '13号楼']);
  expect(placesOf([zhao, h('e-lantian|7|1|402', ['李秀兰'], { estateName: '蓝天小区' })])).toEqual(['壁山丽景小区3号楼', '蓝天小区7号楼']);
});

it('links the filing page to the visit with the household place', () => {
  expect(foundAtHousehold('e-bishan|3|2|301')).toEqual({ estateId: 'e-bishan', building: '3号楼', spot: '2单元301' });
  const url = fileCaseUrl({ visitId: 'v1' }, foundAtHousehold('e-bishan|3|2|301'));
  expect(url).toBe(`/desk/pages/file/index?visitId=v1&estateId=e-bishan&building=${encodeURIComponent('3号楼')}&spot=${encodeURIComponent('2单元301')}`);
  expect(fileCaseUrl({ patrolId: 'p1' })).toBe('/desk/pages/file/index?patrolId=p1');
});
