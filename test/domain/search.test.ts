import fc from 'fast-check';
import { queryTerms, searchKeyOf } from '../../cloudfunctions/account/domain/search';

const zhao = { name: '赵建国', called: '赵大爷', estateName: '壁山丽景小区', home: { building: '3号楼', unit: '2单元', room: '301' } };
const matches = (key: string, query: string) => {
  const terms = queryTerms(query);
  return terms.length > 0 && terms.every((t) => new RegExp(t).test(key));
};

describe('counter search (pure)', () => {
  it('keys a resident by names, their pinyin and initials, and address words', () => {
    const key = searchKeyOf(zhao);
    for (const w of ['赵建国', 'zhaojianguo', 'zjg', '赵大爷', 'zhaodaye', 'zdy', '壁山丽景小区', '3号楼', '2单元', '301']) expect(key).toContain(` ${w} `);
  });

  it('reads addresses as people say them', () => {
    expect(queryTerms('3栋')).toEqual([' 3号楼 ']);
    expect(queryTerms('３幢')).toEqual([' 3号楼 ']);
    expect(queryTerms('301室')).toEqual([' 301 ']);
    expect(queryTerms('3栋2单元301室')).toEqual([' 3号楼 ', ' 2单元 ', ' 301 ']);
    expect(queryTerms('ZJG')).toEqual([' zjg']);
    expect(queryTerms(' .*  ')).toEqual([]);
  });

  it('finds 赵建国 by every way of writing him, and not by another building or room', () => {
    const key = searchKeyOf(zhao);
    for (const q of ['赵', '建国', 'zhao', 'zjg', '3栋', '3号楼301', '壁山 301', '赵大爷']) expect({ q, m: matches(key, q) }).toEqual({ q, m: true });
    for (const q of ['13号楼', '1号楼', '30', '3010', 'jianguozhao', 'li']) expect({ q, m: matches(key, q) }).toEqual({ q, m: false });
  });

  it('every term is a safe regular expression of letters, digits and spaces, whatever is typed', () => {
    fc.assert(
      fc.property(fc.fullUnicodeString({ maxLength: 40 }), (q) => {
        for (const t of queryTerms(q)) {
          expect(t).toMatch(/^[\p{L}\p{N} ]+$/u);
          expect(() => new RegExp(t)).not.toThrow();
        }
      }),
    );
  });
});
