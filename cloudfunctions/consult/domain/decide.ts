/**
 * The result of a topic (docs/consultation-design.md §2): `decide(topic, counts, decidedAt)`. Pure,
 * table-tested (test/domain/consult-decide.test.ts). Counts are households (户), one per room.
 *
 * Inputs: the WeChat and counter votes cast before `voteUntil` (option key → households), and the
 * counted paper tallies (option key → households, plus blank and invalid sheets). Households voted =
 * all of them; blank and invalid paper count as having voted (they took part) and never as agreeing.
 *
 * Rules:
 * - `majority` (简单多数, the default): the denominator is the households that voted.
 *   yesNo: passed iff agree × 2 > voted (弃权, blank and invalid count against; a tie fails).
 *   choice: the option with the most households wins if it leads alone; equal leaders → `tie`;
 *   nobody voted → `noVotes`. With `minTurnout` (a fraction of the electorate) a turnout below it →
 *   `noQuorum`, not passed.
 * - `civilCode` (《中华人民共和国民法典》第二百七十八条 第二款, for 业主共同决定 property matters, yesNo
 *   only), the household half of its conditions (the kiosk holds no 不动产登记簿 areas):
 *   quorum: households voted ≥ ⅔ of the electorate (参与表决 "人数占比三分之二以上"; 以上 includes the
 *   number itself, 民法典 第一千二百五十九条), checked as voted × 3 ≥ electorate × 2;
 *   consent for items (六)–(八): agree ≥ ¾ of those who voted ("参与表决人数四分之三以上"), agree × 4 ≥ voted × 3;
 *   other items: agree > ½ of those who voted ("参与表决人数过半数", strictly more), agree × 2 > voted.
 *   The area conditions are printed as 未核算; the outcome is `meetsHouseholdThresholds` /
 *   `failsHouseholdThresholds` — advice to the 业主大会 / 业委会 / 物业, never "通过".
 *   Sources: the article's text as quoted in docs/consultation-design.md §2 (a 牟定县住房城乡建设局 notice
 *   of 2024-09-10, https://tuwife.com/info/2987/42901.htm; https://jhq8.cn/daan/2020/11/10150.html;
 *   and the same wording at https://ahzhiyinxc.com/post/101874.html, "双三分之二表决、双四分之三同意").
 *   The authoritative copy is the 国家法律法规数据库 (https://flk.npc.gov.cn), not reachable from the
 *   store: not checked against it. Counting owners by 专有部分: 最高人民法院《关于审理建筑物区分所有权
 *   纠纷案件适用法律若干问题的解释》第八、九条 (one 专有部分 counts as one owner).
 */
import type { ChannelCounts, Electorate, Topic, TopicResult, VoteChannel } from '../../shared/model';

/** The electorate as shown beside the households that voted (see {@link electorateShown}). */
export interface ElectorateShown {
  /** households: the register's count, or for `registered` at least the households that voted */
  households: number;
  source: Electorate['source'];
  /** `共 120 户` (the household register) or `已登记的 3 户` (rooms of registered residents) */
  text: string;
}

/**
 * The electorate figure that goes beside `voted` households (docs/consultation-design.md §2,
 * "The electorate's source"). From the household register (`register`, 户数登记) it is the register's
 * count, `共 N 户`. Without a register the topic snapshotted the rooms of registered residents
 * (`registered`) — a lower bound: paper ballots and counter votes come from rooms nobody registered
 * in the app, so more households may vote than were counted. Then the figure is
 * max(snapshot, voted) and reads `已登记的 N 户`, so no view and no result ever says more households
 * voted than could vote ("参与 3/1 户"), and turnout stays ≤ 1. Null when the topic has no electorate.
 */
export function electorateShown(e: Pick<Electorate, 'households' | 'source'> | null | undefined, voted: number): ElectorateShown | null {
  if (!e) return null;
  if (e.source === 'registered') {
    const households = Math.max(e.households, voted);
    return { households, source: 'registered', text: `已登记的 ${households} 户` };
  }
  return { households: e.households, source: 'register', text: `共 ${e.households} 户` };
}

/** What was counted: WeChat and counter votes by option, counted paper by option with blank and invalid. */
export interface CountedVotes {
  wechat: ChannelCounts;
  counter: ChannelCounts;
  paper: ChannelCounts;
  paperBlank: number;
  paperInvalid: number;
}

/** The 民法典 第二百七十八条 第一款 items that need ¾ consent (六 筹集维修资金, 七 改建重建, 八 改变共有部分用途或经营). */
export const THREE_QUARTER_ITEMS: ReadonlySet<number> = new Set([6, 7, 8]);

/** The nine matters of 第二百七十八条 第一款, for the rule text. */
export const CIVIL_CODE_ITEMS: Record<number, string> = {
  1: '制定和修改业主大会议事规则',
  2: '制定和修改管理规约',
  3: '选举业主委员会或者更换业主委员会成员',
  4: '选聘和解聘物业服务企业或者其他管理人',
  5: '使用建筑物及其附属设施的维修资金',
  6: '筹集建筑物及其附属设施的维修资金',
  7: '改建、重建建筑物及其附属设施',
  8: '改变共有部分的用途或者利用共有部分从事经营活动',
  9: '有关共有和共同管理权利的其他重大事项',
};

const CN_ITEM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

const sum = (c: ChannelCounts) => Object.values(c).reduce((a, b) => a + b, 0);

/** The rule of `topic` in words, as printed under its result and on the topic page. */
export function ruleTextOf(topic: Pick<Topic, 'rule' | 'kind' | 'civilCodeItem' | 'minTurnout'>): string {
  if (topic.rule === 'civilCode') {
    const item = topic.civilCodeItem ?? 9;
    const consent = THREE_QUARTER_ITEMS.has(item) ? '同意的户数达到参与表决户数的四分之三以上' : '同意的户数超过参与表决户数的一半';
    return `按《民法典》第二百七十八条（第${CN_ITEM[item]}项：${CIVIL_CODE_ITEMS[item]}）按户统计：参与表决的户数达到总户数的三分之二以上，且${consent}。面积条件：未核算。这是按户统计的征求意见结果，供业主大会、业委会和物业参考，不是业主大会的法定决定。`;
  }
  const quorum = topic.minTurnout ? `；参与表决的户数要达到总户数的 ${Math.round(topic.minTurnout * 100)}%` : '';
  return topic.kind === 'yesNo'
    ? `简单多数：同意的户数超过参与表决户数的一半才算通过（弃权、空白票和无效票算参与表决，不算同意；一半对一半不通过）${quorum}。每户一票。`
    : `简单多数：得票最多的选项胜出；票数最多的选项不止一个时为“票数相同”${quorum}。每户一票。`;
}

/**
 * The result of `topic` from `counted` at `decidedAt` (see the module notes for the rules).
 * `topic.electorate` may be absent for a majority topic (turnout then null); from registered
 * residents' rooms (no register) the electorate is max(snapshot, voted) ({@link electorateShown}).
 */
export function decide(
  topic: Pick<Topic, 'rule' | 'kind' | 'options' | 'civilCodeItem' | 'minTurnout' | 'electorate'>,
  counted: CountedVotes,
  decidedAt: Date,
): TopicResult {
  const byChannelHouseholds: Record<VoteChannel, number> = {
    wechat: sum(counted.wechat),
    counter: sum(counted.counter),
    paper: sum(counted.paper) + counted.paperBlank + counted.paperInvalid,
  };
  const voted = byChannelHouseholds.wechat + byChannelHouseholds.counter + byChannelHouseholds.paper;
  // without a register, the snapshot of registered rooms is a lower bound: never fewer than voted
  const electorate = electorateShown(topic.electorate, voted)?.households ?? 0;
  const turnout = electorate > 0 ? voted / electorate : null;
  const totalOf = (key: string) => (counted.wechat[key] ?? 0) + (counted.counter[key] ?? 0) + (counted.paper[key] ?? 0);
  const checks: string[] = [];
  let outcome: string;
  let passed: boolean;

  if (topic.rule === 'civilCode') {
    const agree = totalOf('agree');
    const quorumMet = electorate > 0 && voted * 3 >= electorate * 2;
    checks.push(`参与表决户数 ≥ 总户数的三分之二：${voted} / ${electorate} 户，${quorumMet ? '满足' : '不满足'}`);
    const threeQuarters = THREE_QUARTER_ITEMS.has(topic.civilCodeItem ?? 9);
    const consentMet = voted > 0 && (threeQuarters ? agree * 4 >= voted * 3 : agree * 2 > voted);
    checks.push(`同意户数 ${threeQuarters ? '≥ 参与表决户数的四分之三' : '> 参与表决户数的一半'}：${agree} / ${voted} 户，${consentMet ? '满足' : '不满足'}`);
    checks.push('面积条件：未核算（没有不动产登记簿的面积）');
    passed = quorumMet && consentMet;
    outcome = passed ? 'meetsHouseholdThresholds' : 'failsHouseholdThresholds';
  } else {
    const quorumMet = !topic.minTurnout || (electorate > 0 && voted >= topic.minTurnout * electorate);
    if (topic.minTurnout) checks.push(`参与表决户数 ≥ 总户数的 ${Math.round(topic.minTurnout * 100)}%：${voted} / ${electorate} 户，${quorumMet ? '满足' : '不满足'}`);
    if (topic.kind === 'yesNo') {
      const agree = totalOf('agree');
      const majority = agree * 2 > voted;
      checks.push(`同意户数 > 参与表决户数的一半：${agree} / ${voted} 户，${majority ? '满足' : '不满足'}`);
      passed = quorumMet && majority;
      outcome = !quorumMet ? 'noQuorum' : majority ? 'passed' : 'failed';
    } else {
      const totals = topic.options.map((o) => ({ key: o.key, n: totalOf(o.key) }));
      const top = Math.max(0, ...totals.map((t) => t.n));
      const leaders = totals.filter((t) => t.n === top);
      checks.push(`得票：${topic.options.map((o) => `${o.label} ${totalOf(o.key)} 户`).join('，')}`);
      if (!quorumMet) {
        outcome = 'noQuorum';
        passed = false;
      } else if (voted === 0 || top === 0) {
        outcome = 'noVotes';
        passed = false;
      } else if (leaders.length > 1) {
        outcome = 'tie';
        passed = false;
      } else {
        outcome = leaders[0].key;
        passed = true;
      }
    }
  }
  return {
    byChannel: { wechat: { ...counted.wechat }, counter: { ...counted.counter }, paper: { ...counted.paper, blank: counted.paperBlank, invalid: counted.paperInvalid } },
    households: { voted, byChannel: byChannelHouseholds, electorate },
    turnout,
    outcome,
    passed,
    checks,
    ruleText: ruleTextOf(topic),
    decidedAt,
  };
}

/** An outcome in words (`通过`, `得票最多：东门`, `票数相同`…). */
export function outcomeLabelOf(outcome: string, options: { key: string; label: string }[]): string {
  const fixed: Record<string, string> = {
    passed: '通过',
    failed: '未通过',
    tie: '票数相同',
    noVotes: '没有人投票',
    noQuorum: '参与表决的户数不够，结果不算数',
    meetsHouseholdThresholds: '符合按户统计的表决条件（仅供参考）',
    failsHouseholdThresholds: '不符合按户统计的表决条件（仅供参考）',
  };
  if (fixed[outcome]) return fixed[outcome];
  const o = options.find((x) => x.key === outcome);
  return o ? `得票最多：${o.label}` : outcome;
}
