/**
 * Finding a resident at the counter (pure): how staff type what they know of a person, and the
 * search key stored on every `users` record that makes it findable in one query.
 *
 * Staff type a name (赵建国, 赵), a called name (赵大爷), its pinyin in full or by initials
 * (zhaojianguo, zhao, zjg), an address as residents say it (3号楼, 3栋, 3幢, full-width ３号楼, 2单元,
 * 301, 301室) or several of these at once (3栋301). Spaces and punctuation are ignored.
 *
 * - {@link searchKeyOf} builds the record's `searchKey`: its words, lower case, separated by single
 *   spaces and wrapped in spaces — name, called name, estate, `3号楼`, `2单元`, `301`, and the pinyin
 *   of the names (full and initials, from the maintained `pinyin-pro` library).
 * - {@link queryTerms} turns what staff typed into terms that must all be found in the key: address
 *   parts as whole words (`3号楼` never matches `13号楼`), pinyin from the start of a word, Chinese
 *   text anywhere. Each term is a regular-expression source safe to send to the database (only
 *   letters, digits and the escaped separators we add).
 */
import { pinyin } from 'pinyin-pro';

/** What a stored search key is built from. */
export interface SearchFields {
  name: string;
  called?: string | null;
  estateName?: string | null;
  home?: { building: string; unit: string; room: string } | null;
}

/** Full-width to ASCII (ＡＢ１２ → AB12), compatibility forms folded, lower case. */
function fold(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Keeps letters (any script) and digits; everything else becomes a space. */
function words(s: string): string[] {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** `3栋` / `3幢` / `3号楼` / `3楼` / `3号` (of a building) → `3号楼`; `2单元` stays; `301室` → `301`. */
function canonicalAddressPart(part: string): string {
  const building = /^(\d+)(?:号楼|栋|幢|楼)$/.exec(part);
  if (building) return `${building[1]}号楼`;
  const room = /^(\d+)(?:室|号)$/.exec(part);
  if (room) return room[1];
  return part;
}

/** Full pinyin (no tones, no spaces) and initials of a Chinese name; '' for none. */
function pinyinOf(name: string): { full: string; initials: string } {
  const han = name.replace(/[^\p{Script=Han}]/gu, '');
  if (!han) return { full: '', initials: '' };
  const syllables = pinyin(han, { toneType: 'none', type: 'array', v: true }) as string[];
  return { full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') };
}

/** The `searchKey` of a resident: ` word word … ` (see the module docstring). */
export function searchKeyOf(f: SearchFields): string {
  const parts: string[] = [];
  for (const n of [f.name, f.called ?? '']) {
    if (!n) continue;
    parts.push(...words(n));
    const { full, initials } = pinyinOf(n);
    if (full) parts.push(full, initials);
  }
  if (f.estateName) parts.push(...words(f.estateName));
  if (f.home) for (const p of [f.home.building, f.home.unit, f.home.room]) parts.push(...words(p).map(canonicalAddressPart));
  return ` ${[...new Set(parts)].join(' ')} `;
}

/**
 * Splits a word such as `3栋301` or `3号楼2单元301室` into address parts; other words are kept whole.
 */
function splitAddress(word: string): string[] {
  const parts = word.match(/\d+(?:号楼|栋|幢|单元|室|楼|号)?|[^\d]+/gu) ?? [word];
  return parts.map(canonicalAddressPart);
}

/**
 * The terms of a query, each a regular-expression source that must match the `searchKey`; [] when
 * nothing searchable is left (then nothing is searched). At most 6 terms.
 */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const word of words(query)) {
    for (const part of splitAddress(word)) {
      if (/^\d+(号楼|单元)?$/.test(part)) terms.push(` ${part} `); // an address part: a whole word
      else if (/^[a-z]+$/.test(part)) terms.push(` ${part}`); // pinyin: from the start of a word
      else if (/^[\p{L}\p{N}]+$/u.test(part)) terms.push(part); // Chinese text: anywhere
    }
  }
  return [...new Set(terms)].slice(0, 6);
}
