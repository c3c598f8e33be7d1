/**
 * Goods (pure): what residents call the produce they ask for, and how a question finds the
 * vendors who sell it (issue 10 "The registry"). Residents say 白菜 and mean 大白菜 or 油白菜; the
 * paper registration book (登记本) answered "目前只有卖大葱的登记了". Synonym groups are the words
 * used in the fixture's market (../shared/fixtures: produce summer/winter) and common northern names
 * (洋芋 for 土豆, 地瓜 for 红薯).
 */

/** Groups of names for one kind of produce; a question for any name finds all of them. */
export const SYNONYMS: string[][] = [
  ['白菜', '大白菜', '油白菜', '小白菜'],
  ['葱', '大葱', '小葱', '香葱'],
  ['土豆', '马铃薯', '洋芋'],
  ['红薯', '地瓜', '番薯', '红苕', '山芋'],
  ['西红柿', '番茄'],
  ['辣椒', '青椒', '尖椒'],
  ['苹果'],
  ['菠菜'],
  ['韭菜'],
  ['哈密瓜'],
  ['葡萄'],
];

/** A product name as typed: trimmed, spaces and punctuation removed, full-width letters folded. */
export function normalizeProduct(s: string): string {
  return s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '').toLowerCase();
}

/** The names a question stands for: its synonym group, or just itself. */
export function expandQuery(query: string): string[] {
  const q = normalizeProduct(query);
  const group = SYNONYMS.find((g) => g.includes(q));
  return group ? [...group] : q ? [q] : [];
}

/**
 * Whether a vendor's `good` answers `query`: it is one of the query's names, or (for a question of
 * two characters or more) contains it — 白菜 finds 大白菜, but 葱 does not find 洋葱.
 */
export function sells(good: string, query: string): boolean {
  const g = normalizeProduct(good);
  const q = normalizeProduct(query);
  if (!g || !q) return false;
  if (expandQuery(q).includes(g)) return true;
  return [...q].length >= 2 && g.includes(q);
}

/**
 * The answer in words: who sells it, or "nobody has registered it yet" with what has been
 * registered (the paper book's "目前只有卖大葱的登记了").
 */
export function answerFor(query: string, sellers: { name: string; goods: string[] }[], allGoods: string[], dateLabel: string | null): string {
  const when = dateLabel ? `${dateLabel}的集市` : '下次集市';
  const q = query.trim();
  if (sellers.length) return `${when}有：${sellers.map((s) => `${s.name}（${s.goods.filter((g) => sells(g, q)).join('、') || s.goods.join('、')}）`).join('，')}`;
  const others = [...new Set(allGoods)];
  if (!others.length) return `${when}还没有摊主登记。`;
  return `${when}还没有人登记卖${q}。目前只有卖${others.join('、')}的登记了。`;
}
