/**
 * Goods (pure): what residents call the produce they ask for, and how a question finds the
 * vendors who sell it (issue 10 "The registry"). Residents say 白菜 and mean 大白菜 or 油白菜; the
 * paper registration book (登记本) answered "目前只有卖大葱的登记了". Synonym groups are the words
 * used in the fixture's market (../shared/fixtures: produce summer/winter) and common northern names
 * (洋芋 for 土豆, 地瓜 for 红薯), and the common vegetables, fruit and staples of a northern
 * community market (issue 17: every name here is a word `domain/question.ts` hears in a sentence).
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
  ['洋葱', '圆葱'],
  ['黄瓜', '青瓜'],
  ['茄子'],
  ['芹菜'],
  ['香菜', '芫荽'],
  ['萝卜', '白萝卜', '青萝卜'],
  ['胡萝卜', '红萝卜'],
  ['豆角', '四季豆', '芸豆', '扁豆'],
  ['豇豆', '长豆角'],
  ['蒜', '大蒜', '蒜头'],
  ['蒜苗', '蒜苔', '蒜薹'],
  ['姜', '生姜', '老姜'],
  ['玉米', '苞米', '苞谷'],
  ['南瓜', '倭瓜'],
  ['冬瓜'],
  ['西葫芦'],
  ['丝瓜'],
  ['苦瓜'],
  ['山药'],
  ['莲藕', '藕'],
  ['蘑菇', '香菇', '平菇'],
  ['木耳'],
  ['生菜'],
  ['油麦菜'],
  ['莴笋'],
  ['花菜', '菜花', '花椰菜', '西兰花'],
  ['豆腐'],
  ['鸡蛋', '土鸡蛋', '笨鸡蛋'],
  ['鸭蛋'],
  ['梨', '鸭梨', '雪梨'],
  ['桃', '桃子', '水蜜桃'],
  ['橘子', '桔子'],
  ['橙子'],
  ['香蕉'],
  ['西瓜'],
  ['草莓'],
  ['枣', '红枣', '大枣'],
  ['核桃'],
  ['花生'],
  ['小米'],
  ['大米'],
  ['面粉', '白面'],
  ['蜂蜜'],
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

/** A vendor who sells a good on the day, as the answer names them. */
export interface Seller {
  name: string;
  goods: string[];
  stallNumber: number | null;
}

/**
 * One good's answer in words (issue 17): `白菜：还没有人登记。` or `大葱：马师傅，1号摊。` — with the
 * vendor's own word when it differs (`白菜：张师傅（大白菜），2号摊。`), several sellers joined by `；`.
 */
export function goodAnswer(product: string, sellers: Seller[]): string {
  if (!sellers.length) return `${product}：还没有人登记。`;
  const p = normalizeProduct(product);
  const who = sellers.map((s) => {
    const theirs = s.goods.filter((g) => sells(g, p));
    const what = theirs.length && !(theirs.length === 1 && normalizeProduct(theirs[0]) === p) ? `（${theirs.join('、')}）` : '';
    return `${s.name}${what}，${s.stallNumber ? `${s.stallNumber}号摊` : '摊位待定'}`;
  });
  return `${product}：${who.join('；')}。`;
}

/**
 * The whole answer to a question in words. `when`: the market day answered (`11月15日 周五`), null when
 * the community runs no market; `asked`: the day word the resident said, when it is not that market
 * day (`明天`, `11月14日 周四`); `goods`: each good named with its answer; `registered`: every good
 * registered that day (stall order). A question naming no good says so and what is registered; when
 * nobody sells anything asked for, the paper book's "目前只有卖大葱的登记了" follows — never a list
 * that contradicts an answer above it.
 */
export function questionAnswer(when: string | null, asked: { word: string; label: string } | null, goods: { product: string; sellers: Seller[] }[], registered: string[]): string {
  if (!when) return '这个社区没有集市。';
  const head = asked ? `${asked.word}（${asked.label}）没有集市。下次集市是${when}：` : `${when}的集市：`;
  const all = [...new Set(registered)];
  const book = all.length ? `目前只有卖${all.join('、')}的登记了。` : '这一天还没有摊主登记。';
  if (!goods.length) return `${asked ? head : ''}没有听出您要买什么。${all.length ? `${when}登记了的有：${all.join('、')}。` : `${when}还没有摊主登记。`}`;
  const lines = goods.map((g) => goodAnswer(g.product, g.sellers)).join('');
  return `${head}${lines}${goods.every((g) => !g.sellers.length) ? book : ''}`;
}
