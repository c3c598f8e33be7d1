/**
 * A resident's question to the registry, understood (pure; issue 17 "The registry does not understand
 * its own question"). The press report's resident asks "周五的集市有卖白菜和大葱的吗？": a sentence that
 * names zero or more goods among filler words, maybe a day. This module finds, in order:
 *
 * - **the day word** (`周五`, `这周五`, `星期五`, `下周五`, `下下周五`, `今天`, `明天`, `后天`, `11月15日`),
 *   resolved against today's local date (Asia/Shanghai) by `resolveDay`;
 * - **every good it names**: the produce words the registry knows (`domain/goods.ts` `SYNONYMS`, every
 *   name of every group, so residents' nicknames such as 洋芋 count) and the goods vendors registered
 *   (passed in), matched longest first (大白菜 before 白菜, 洋葱 is not 葱); goods typed in pinyin
 *   (`baicai`, `bai cai`, `dacong`), from the maintained `pinyin-pro` library;
 * - words that are not known: a run of 2–4 Chinese characters in a list (next to `、`, `，`, a space,
 *   和, 跟, 还有, 以及, 或者…, "白菜和香椿") is a good too; when the sentence names no known good at all, so is a run of 2–6
 *   characters in a list, at either end of the sentence, or after 卖/买/有/要 ("有卖香椿的吗"
 *   → 香椿). Everything else — filler words (有没有, 卖, 的, 吗, 集市, 请问…), digits, punctuation, a
 *   run beside fillers ("集市几点开" names nothing) — is dropped.
 *
 * Text is folded first (NFKC: full-width letters, digits and punctuation become their ASCII forms;
 * lower case). Two names of the same synonym group are one good (the first one named stands for it),
 * at most `MAX_GOODS` goods. No segmenter library: the registry's own vocabulary is the dictionary,
 * which is what the question can be answered about anyway.
 */
import { pinyin } from 'pinyin-pro';
import { STALL_LIMITS } from '../limits';
import { SYNONYMS, normalizeProduct } from './goods';

/** The longest question accepted (characters): a whole spoken sentence with room to spare (issue 17 asks ≥ 30; `limits.ts`). */
export const QUESTION_MAX = STALL_LIMITS.question.max;

/** At most this many goods are answered for one question (the page shows one answer per good). */
export const MAX_GOODS = 10;

/** One good the resident named. */
export interface NamedGood {
  /** the good, as the registry writes it (the resident's word, or the word their pinyin spells) */
  product: string;
  /** what they typed for it: `白菜`, `baicai` */
  heard: string;
  /** a word the registry knows (a produce word or a registered good); false: a guess from a list */
  known: boolean;
}

/** A day word and the local date `YYYY-MM-DD` it means. */
export interface DayWord {
  word: string;
  date: string;
}

/** What a question says. */
export interface ParsedQuestion {
  goods: NamedGood[];
  day: DayWord | null;
}

/** Words that join goods in a list. */
const SEPARATORS = ['和', '跟', '与', '及', '以及', '还有', '或', '或者', '还是', '加上', '同'];

/**
 * Words around goods in residents' questions that are not goods (longest match wins over a shorter
 * good only when longer: 有没有 before 有). From the press report's sentence and the phrasings residents
 * type at the kiosk (test/domain/question.test.ts).
 */
const FILLERS = [
  '的', '地', '得', '了', '吗', '嘛', '么', '呢', '吧', '啊', '呀', '哦', '哈', '喔', '嗯',
  '请问', '问一下', '问下', '请', '麻烦', '帮我', '帮忙', '看看', '看一下', '查查', '查一下', '查一查', '一下', '找',
  '我', '我们', '咱', '咱们', '您', '你', '你们', '他', '她', '大家', '老头', '老伴',
  '想', '想要', '要', '买', '卖', '买点', '能', '可以', '会', '去', '来', '到', '在', '是', '不是', '都', '也', '还', '就', '又', '再',
  '有', '有没有', '有没', '没有', '没', '人', '有人', '谁', '哪个', '哪位', '哪里', '哪儿', '哪', '几个', '多少', '多少钱', '价格', '价钱', '便宜', '贵',
  '集市', '市集', '大集', '赶集', '早市', '市场', '菜市场', '解忧集市', '摊', '摊位', '摊主', '登记', '上', '里', '那天', '那边', '这边', '这里',
  '这次', '下次', '次', '这个', '那个', '个', '些', '一些', '点', '一点', '斤', '一斤', '几斤', '新鲜', '好', '好的', '什么', '啥', '开', '开门', '关门', '几点', '时候', '什么时候', '营业', '结束', '东西', '菜', '蔬菜', '水果', '青菜类',
];

const HAN = /\p{Script=Han}/u;
const LATIN = /[a-z]/;

/** Full pinyin (no tones, no spaces, ü as v) of a Chinese word; '' when it has no Chinese. */
function pinyinOf(word: string): string {
  if (!HAN.test(word) || /[a-z0-9]/.test(word)) return '';
  return (pinyin(word, { toneType: 'none', type: 'array', v: true }) as string[]).join('').toLowerCase();
}

/** The synonym group of a product name, or null. */
function groupOf(product: string): string[] | null {
  return SYNONYMS.find((g) => g.includes(product)) ?? null;
}

/** A sentence folded for reading: NFKC (full-width → ASCII), lower case. */
export function foldSentence(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

const CN_WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const DAY_PATTERN = /(下下个?|下个?|这个?|本|今|上个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])|大后天|后天|明天|今天|(\d{1,2})月(\d{1,2})[日号]?/u;

/** `YYYY-MM-DD` plus `days` (calendar arithmetic on the date itself, no time zone involved). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday 1–7 of a local date. */
function isoWeekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/**
 * The local date a day word means, seen from `today` (`YYYY-MM-DD`, Asia/Shanghai): `周五` (星期五,
 * 礼拜五, 周5) is the next Friday from today on (today included); `这周五`/`本周五` the Friday of this
 * week (weeks start on Monday, as Chinese calendars do); `下周五` next week's, `下下周五` the week
 * after; `上周五` last week's; `今天`/`明天`/`后天`/`大后天` +0…3 days; `11月15日` that date in the year
 * of `today`, or the next year when it has passed. Null when `match` is not a day word.
 */
export function resolveDay(match: RegExpExecArray, today: string): string | null {
  const [word, prefix, wd, month, day] = match;
  if (word === '今天') return today;
  if (word === '明天') return addDays(today, 1);
  if (word === '后天') return addDays(today, 2);
  if (word === '大后天') return addDays(today, 3);
  if (month && day) {
    const m = Number(month);
    const d = Number(day);
    if (m < 1 || m > 12 || d < 1 || d > 31) return null;
    const year = Number(today.slice(0, 4));
    const pad = (n: number) => String(n).padStart(2, '0');
    const candidate = `${year}-${pad(m)}-${pad(d)}`;
    return candidate < today ? `${year + 1}-${pad(m)}-${pad(d)}` : candidate;
  }
  const target = CN_WEEKDAY[wd ?? ''];
  if (!target) return null;
  const todayWd = isoWeekday(today);
  if (!prefix || prefix === '今') return addDays(today, (target - todayWd + 7) % 7);
  const monday = addDays(today, 1 - todayWd);
  const weeks = prefix.startsWith('下下') ? 2 : prefix.startsWith('下') ? 1 : prefix.startsWith('上') ? -1 : 0;
  return addDays(monday, weeks * 7 + target - 1);
}

type Token = { kind: 'good'; product: string; heard: string } | { kind: 'filler'; text: string } | { kind: 'sep' } | { kind: 'frag'; text: string };

/** Words after which an unknown word is what the resident wants (有卖香椿的吗, 买点香椿). */
const WANT_CUES = new Set(['卖', '买', '有', '要', '想要', '买点', '有没有', '有没', '没有', '点', '一点', '些', '一些']);

/**
 * The goods and the day a resident's sentence names. `registered`: the goods vendors registered (the
 * day's registry), added to the known vocabulary. `today`: local date `YYYY-MM-DD` (for day words).
 * Output: goods in the order named (one per synonym group, ≤ `MAX_GOODS`), and the first day word.
 */
export function parseQuestion(sentence: string, registered: string[], today: string): ParsedQuestion {
  let s = foldSentence(sentence);

  // the day word: taken out first, so 周五 is never read as a good
  let day: DayWord | null = null;
  const pattern = new RegExp(DAY_PATTERN.source, 'gu');
  s = s.replace(pattern, (...args) => {
    const m = args.slice(0, -2) as unknown as RegExpExecArray;
    if (!day) {
      const date = resolveDay(m, today);
      if (date) day = { word: m[0], date };
    }
    return ' ';
  });

  // the dictionary: every known good name (produce words, registered goods), fillers, separators
  const goods = new Set<string>();
  for (const g of SYNONYMS) for (const n of g) goods.add(n);
  for (const r of registered) {
    const n = normalizeProduct(r);
    if (n && HAN.test(n)) goods.add(n);
  }
  const dict = new Map<string, 'good' | 'filler' | 'sep'>();
  for (const w of FILLERS) dict.set(w, 'filler');
  for (const w of SEPARATORS) dict.set(w, 'sep');
  for (const w of goods) dict.set(w, 'good'); // a good wins over a filler of the same spelling
  const longest = Math.max(...[...dict.keys()].map((w) => [...w].length));
  const byPinyin = new Map<string, string>();
  for (const w of goods) {
    const p = pinyinOf(w);
    if (p && !byPinyin.has(p)) byPinyin.set(p, w);
  }
  const longestPinyin = Math.max(0, ...[...byPinyin.keys()].map((p) => p.length));

  const chars = [...s];
  const tokens: Token[] = [];
  let frag = '';
  const closeFrag = () => {
    if (frag) tokens.push({ kind: 'frag', text: frag });
    frag = '';
  };
  let i = 0;
  while (i < chars.length) {
    const c = chars[i];
    if (LATIN.test(c)) {
      // a run of letters (spaces inside it belong to it: "bai cai"), read as pinyin, longest first
      closeFrag();
      let j = i;
      while (j < chars.length && (LATIN.test(chars[j]) || (chars[j] === ' ' && LATIN.test(chars[j + 1] ?? '')))) j++;
      const run = chars.slice(i, j).join('');
      const letters = run.replace(/ /g, '');
      let k = 0;
      let found = false;
      while (k < letters.length) {
        let hit = '';
        for (let len = Math.min(longestPinyin, letters.length - k); len >= 2 && !hit; len--) if (byPinyin.has(letters.slice(k, k + len))) hit = letters.slice(k, k + len);
        if (hit) {
          tokens.push({ kind: 'good', product: byPinyin.get(hit)!, heard: hit });
          found = true;
          k += hit.length;
        } else k++;
      }
      tokens.push(found ? { kind: 'sep' } : { kind: 'filler', text: run });
      i = j;
      continue;
    }
    if (!HAN.test(c)) {
      // spaces and punctuation separate a list; digits and other signs are dropped
      closeFrag();
      tokens.push(/[\s\p{P}]/u.test(c) ? { kind: 'sep' } : { kind: 'filler', text: c });
      i++;
      continue;
    }
    let hit = '';
    for (let len = Math.min(longest, chars.length - i); len >= 1 && !hit; len--) {
      const w = chars.slice(i, i + len).join('');
      if (dict.has(w)) hit = w;
    }
    if (!hit) {
      frag += c;
      i++;
      continue;
    }
    closeFrag();
    const kind = dict.get(hit)!;
    tokens.push(kind === 'good' ? { kind, product: hit, heard: hit } : kind === 'filler' ? { kind, text: hit } : { kind });
    i += [...hit].length;
  }
  closeFrag();

  const anyKnown = tokens.some((t) => t.kind === 'good');
  const named: NamedGood[] = [];
  tokens.forEach((t, n) => {
    if (t.kind === 'good') named.push({ product: t.product, heard: t.heard, known: true });
    if (t.kind !== 'frag') return;
    const len = [...t.text].length;
    const before = tokens[n - 1];
    const listed = before?.kind === 'sep' || tokens[n + 1]?.kind === 'sep';
    const alone = listed || !before || !tokens[n + 1];
    const wanted = before?.kind === 'filler' && WANT_CUES.has(before.text);
    if ((anyKnown && listed && len >= 2 && len <= 4) || (!anyKnown && (alone || wanted) && len >= 2 && len <= 6)) named.push({ product: t.text, heard: t.text, known: false });
  });

  // one good per synonym group (小葱 and 大葱 get the same answer), first named first
  const seen = new Set<string>();
  const out: NamedGood[] = [];
  for (const g of named) {
    const key = groupOf(g.product)?.[0] ?? g.product;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(g);
  }
  return { goods: out.slice(0, MAX_GOODS), day };
}
