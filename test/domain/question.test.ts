/**
 * Reading a resident's question to the registry (issue 17, `cloudfunctions/stall/domain/question.ts`):
 * the press report's "周五的集市有卖白菜和大葱的吗？" and the other ways residents type it — spaces,
 * 顿号, commas, 和/跟/还有, full-width characters, nicknames (洋芋), pinyin, day words, goods the
 * registry only knows because a vendor registered them, and sentences that name nothing known.
 */
import { goodAnswer, questionAnswer } from '../../cloudfunctions/stall/domain/goods';
import { parseQuestion, resolveDay } from '../../cloudfunctions/stall/domain/question';

/** 2024-11-13, a Wednesday (the press report's scene): 周五 is 11-15. */
const TODAY = '2024-11-13';
const REGISTERED = ['大葱', '紫皮洋葱', '土鸡蛋'];
const goodsOf = (q: string) => parseQuestion(q, REGISTERED, TODAY).goods.map((g) => g.product);

describe('the goods a sentence names', () => {
  const cases: [string, string[]][] = [
    ['周五的集市有卖白菜和大葱的吗？', ['白菜', '大葱']], // the press report's sentence
    ['白菜 大葱', ['白菜', '大葱']],
    ['白菜和大葱', ['白菜', '大葱']],
    ['白菜、大葱、土豆', ['白菜', '大葱', '土豆']],
    ['白菜，大葱', ['白菜', '大葱']],
    ['白菜,大葱', ['白菜', '大葱']],
    ['有没有人卖白菜跟大葱还有西红柿啊', ['白菜', '大葱', '西红柿']],
    ['这周五有洋芋吗', ['洋芋']], // a nickname is a good (its group: 土豆)
    ['请问下周五集市上有人卖大白菜吗？我想买点新鲜的香菜', ['大白菜', '香菜']],
    ['ｂａｉｃａｉ　ｄａｃｏｎｇ', ['白菜', '大葱']], // full-width letters and space
    ['baicai', ['白菜']],
    ['bai cai he tudou', ['白菜', '土豆']],
    ['明天有卖洋葱的吗', ['洋葱']], // 洋葱 is not 葱
    ['周五有紫皮洋葱吗', ['紫皮洋葱']], // a registered good is a known word
    ['有卖香椿的吗？', ['香椿']], // nothing known: the one unknown word is the good
    ['白菜和香椿', ['白菜', '香椿']], // an unknown word in a list is a good
    ['有人卖自家种的白菜吗', ['白菜']], // an unknown word beside fillers is not
    ['小葱大葱都要', ['小葱']], // one group, one answer
    ['周五的集市开几点？', []],
    ['集市几点开门', []],
    ['包饺子用的白菜', ['白菜']],
    ['香椿', ['香椿']],
    ['想买点榆钱', ['榆钱']],
    ['星期五有什么卖的', []],
    ['１２３４５', []],
  ];
  it.each(cases)('%s → %j', (q, expected) => {
    expect(goodsOf(q)).toEqual(expected);
  });

  it('keeps what was typed for each good, and whether the registry knows the word', () => {
    expect(parseQuestion('baicai和香椿', REGISTERED, TODAY).goods).toEqual([
      { product: '白菜', heard: 'baicai', known: true },
      { product: '香椿', heard: '香椿', known: false },
    ]);
  });

  it('never reads the day word as a good, and never answers more than ten goods', () => {
    expect(goodsOf('周五')).toEqual([]);
    expect(goodsOf('星期五 礼拜五 周5 11月15日')).toEqual([]);
    expect(goodsOf('白菜大葱土豆红薯西红柿辣椒苹果菠菜韭菜哈密瓜葡萄茄子')).toHaveLength(10);
  });
});

describe('day words', () => {
  const dayOf = (q: string) => parseQuestion(q, [], TODAY).day;
  it.each([
    ['周五的集市有卖白菜和大葱的吗？', '周五', '2024-11-15'],
    ['这周五有白菜吗', '这周五', '2024-11-15'],
    ['本周五', '本周五', '2024-11-15'],
    ['星期五', '星期五', '2024-11-15'],
    ['礼拜五', '礼拜五', '2024-11-15'],
    ['周５有白菜吗', '周5', '2024-11-15'],
    ['下周五有白菜吗', '下周五', '2024-11-22'],
    ['下下周五', '下下周五', '2024-11-29'],
    ['明天有白菜吗', '明天', '2024-11-14'],
    ['今天', '今天', '2024-11-13'],
    ['后天', '后天', '2024-11-15'],
    ['11月22日有白菜吗', '11月22日', '2024-11-22'],
    ['1月3号', '1月3号', '2025-01-03'],
  ])('%s → %s %s', (q, word, date) => {
    expect(dayOf(q)).toEqual({ word, date });
  });

  it('周五 on a Friday is today; 这周五 on a Saturday is yesterday; 下周一 on a Sunday is tomorrow', () => {
    const day = (word: string, today: string) => resolveDay(new RegExp('(下下个?|下个?|这个?|本|今|上个?)?(?:周|星期|礼拜)([一二三四五六日天1-7])', 'u').exec(word)!, today);
    expect(day('周五', '2024-11-15')).toBe('2024-11-15');
    expect(day('这周五', '2024-11-16')).toBe('2024-11-15');
    expect(day('下周一', '2024-11-17')).toBe('2024-11-18');
  });

  it('no day word: null', () => {
    expect(dayOf('白菜')).toBeNull();
  });
});

describe('answers in words', () => {
  const ma = { name: '马师傅', goods: ['大葱'], stallNumber: 1 };
  it('one answer per good: 白菜：还没有人登记。大葱：马师傅，1号摊。 — never denying a good it then lists', () => {
    const answer = questionAnswer('11月15日 周五', null, [
      { product: '白菜', sellers: [] },
      { product: '大葱', sellers: [ma] },
    ], ['大葱']);
    expect(answer).toBe('11月15日 周五的集市：白菜：还没有人登记。大葱：马师傅，1号摊。');
  });
  it('nobody sells anything asked for: the paper book’s 目前只有卖大葱的登记了', () => {
    expect(questionAnswer('11月15日 周五', null, [{ product: '白菜', sellers: [] }], ['大葱'])).toBe('11月15日 周五的集市：白菜：还没有人登记。目前只有卖大葱的登记了。');
  });
  it('names the vendor’s own word when it differs, and stalls not yet given', () => {
    expect(goodAnswer('白菜', [{ name: '张师傅', goods: ['大白菜', '韭菜'], stallNumber: 2 }, { name: '李大姐', goods: ['小白菜'], stallNumber: null }])).toBe('白菜：张师傅（大白菜），2号摊；李大姐（小白菜），摊位待定。');
  });
  it('a question naming nothing known says so and what is registered', () => {
    expect(questionAnswer('11月15日 周五', null, [], ['大葱', '土鸡蛋'])).toBe('没有听出您要买什么。11月15日 周五登记了的有：大葱、土鸡蛋。');
    expect(questionAnswer('11月15日 周五', null, [], [])).toBe('没有听出您要买什么。11月15日 周五还没有摊主登记。');
  });
  it('a day that is not a market day says so, then answers the next market day', () => {
    expect(questionAnswer('11月15日 周五', { word: '明天', label: '11月14日 周四' }, [{ product: '大葱', sellers: [ma] }], ['大葱'])).toBe('明天（11月14日 周四）没有集市。下次集市是11月15日 周五：大葱：马师傅，1号摊。');
  });
});
