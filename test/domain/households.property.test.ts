/**
 * 户号 (`shared/households.ts` `householdKeyOf`, issue 20): equal addresses in any spelling give one
 * key — full-width digits, spaces, the suffixes 号楼/栋/单元/室/号 — and different rooms give
 * different keys.
 */
import fc from 'fast-check';
import { householdKeyOf, normalisePart, roomLabelOfKey } from '../../cloudfunctions/shared/households';

const FULL = '０１２３４５６７８９';
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => FULL[Number(d)]);
const digits = fc.integer({ min: 1, max: 3000 }).map(String);
/** one spelling of a number part with one of the suffixes it may carry */
function spelled(n: string, suffixes: string[]) {
  return fc.record({ wide: fc.boolean(), suffix: fc.constantFrom('', ...suffixes), pad: fc.constantFrom('', ' ', '　', '  ') }).map(({ wide, suffix, pad }) => `${pad}${wide ? fullWidth(n) : n}${pad ? ' ' : ''}${suffix}${pad}`);
}

it('the examples of the design: 3号楼 → 3, 2单元 → 2, 301室 → 301', () => {
  expect(householdKeyOf({ estateId: 'e-bishan', building: '3号楼', unit: '2单元', room: '301室' })).toBe('e-bishan|3|2|301');
  expect(householdKeyOf({ estateId: 'e-bishan', building: '３栋', unit: ' ２ 单元', room: '３０１号' })).toBe('e-bishan|3|2|301');
  expect(normalisePart('a座')).toBe('A座');
  expect(roomLabelOfKey('e-bishan|3|2|301')).toBe('3号楼2单元301');
});

it('equal addresses in any spelling → one key', () => {
  fc.assert(
    fc.property(digits, digits, digits, fc.context(), (b, u, r, ctx) => {
      const spellings = fc.sample(fc.tuple(spelled(b, ['号楼', '栋', '幢', '号']), spelled(u, ['单元']), spelled(r, ['室', '号'])), 5);
      const keys = new Set(spellings.map(([building, unit, room]) => householdKeyOf({ estateId: 'e-bishan', building, unit, room })));
      ctx.log([...keys].join(', '));
      return keys.size === 1 && [...keys][0] === `e-bishan|${b}|${u}|${r}`;
    }),
    { numRuns: 300 },
  );
});

it('different rooms → different keys', () => {
  fc.assert(
    fc.property(fc.tuple(digits, digits, digits), fc.tuple(digits, digits, digits), ([b1, u1, r1], [b2, u2, r2]) => {
      fc.pre(b1 !== b2 || u1 !== u2 || r1 !== r2);
      return householdKeyOf({ estateId: 'e', building: `${b1}号楼`, unit: `${u1}单元`, room: r1 }) !== householdKeyOf({ estateId: 'e', building: `${b2}号楼`, unit: `${u2}单元`, room: r2 });
    }),
    { numRuns: 300 },
  );
});

it('a part never carries the separator', () => {
  fc.assert(fc.property(fc.string(), (s) => !normalisePart(s).includes('|')));
});
