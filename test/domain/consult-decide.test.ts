/**
 * The decision rules of a topic (`consult/domain/decide.ts`, docs/consultation-design.md §2), the
 * phase by the clock (`phase.ts`) and the paper count checks (`tallyCheck.ts`): tables at the exact
 * thresholds — ⅔ turnout, ¾ and ½ consent —, ties, blanks and invalid sheets.
 */
import { decide, electorateShown, type CountedVotes } from '../../cloudfunctions/consult/domain/decide';
import { isDue, isPaperOpen, phaseOf, tallyUntilOf } from '../../cloudfunctions/consult/domain/phase';
import { buildingsNotCounted, checkTally } from '../../cloudfunctions/consult/domain/tallyCheck';
import type { Topic } from '../../cloudfunctions/shared/model';

const YES_NO = [{ key: 'agree', label: '同意' }, { key: 'disagree', label: '不同意' }, { key: 'abstain', label: '弃权' }];
const AT = new Date('2026-12-20T00:00:00Z');
const none = (): CountedVotes => ({ wechat: {}, counter: {}, paper: {}, paperBlank: 0, paperInvalid: 0 });
const wechat = (c: Record<string, number>, more: Partial<CountedVotes> = {}): CountedVotes => ({ ...none(), wechat: c, ...more });
type T = Parameters<typeof decide>[0];
const topic = (over: Partial<T>): T => ({ rule: 'majority', kind: 'yesNo', options: YES_NO, electorate: { households: 120, byBuilding: [], source: 'register' }, ...over });

describe('majority, yesNo: agree × 2 > voted', () => {
  it.each([
    ['just over half', { agree: 51, disagree: 49 }, 'passed', true],
    ['exactly half fails (a tie)', { agree: 50, disagree: 50 }, 'failed', false],
    ['abstain counts against', { agree: 50, disagree: 40, abstain: 11 }, 'failed', false],
    ['abstain beside a clear majority', { agree: 60, disagree: 30, abstain: 10 }, 'passed', true],
    ['nobody voted', {}, 'failed', false],
  ])('%s', (_name, counts, outcome, passed) => {
    const r = decide(topic({}), wechat(counts), AT);
    expect({ outcome: r.outcome, passed: r.passed }).toEqual({ outcome, passed });
  });

  it('blank and invalid paper count as voted, never as agreeing', () => {
    const r = decide(topic({}), wechat({ agree: 5 }, { paper: { agree: 0 }, paperBlank: 3, paperInvalid: 2 }), AT);
    expect(r.households).toEqual({ voted: 10, byChannel: { wechat: 5, counter: 0, paper: 5 }, electorate: 120 });
    expect(r.outcome).toBe('failed'); // 5 × 2 = 10, not > 10
  });

  it('channels add up: WeChat + counter + paper', () => {
    const r = decide(topic({}), { wechat: { agree: 3 }, counter: { agree: 2, disagree: 1 }, paper: { disagree: 3 }, paperBlank: 0, paperInvalid: 0 }, AT);
    expect(r.households.voted).toBe(9);
    expect(r.outcome).toBe('passed');
    expect(r.turnout).toBeCloseTo(9 / 120);
  });

  it('minTurnout: below it no result counts, at it the majority decides', () => {
    expect(decide(topic({ minTurnout: 0.5 }), wechat({ agree: 59 }), AT).outcome).toBe('noQuorum');
    expect(decide(topic({ minTurnout: 0.5 }), wechat({ agree: 60 }), AT).outcome).toBe('passed');
  });
});

describe('majority, choice: the sole leader wins', () => {
  const options = [{ key: 'o1', label: '东门' }, { key: 'o2', label: '西门' }, { key: 'o3', label: '南门' }];
  it.each([
    ['a sole leader', { o1: 4, o2: 3, o3: 3 }, 'o1', true],
    ['two leaders tie', { o1: 4, o2: 4, o3: 1 }, 'tie', false],
    ['nobody voted', {}, 'noVotes', false],
  ])('%s', (_n, counts, outcome, passed) => {
    const r = decide(topic({ kind: 'choice', options }), wechat(counts), AT);
    expect({ outcome: r.outcome, passed: r.passed }).toEqual({ outcome, passed });
  });
});

describe('civilCode (民法典 第二百七十八条, household half)', () => {
  const cc = (item: number, electorate = 120) => topic({ rule: 'civilCode', civilCodeItem: item, electorate: { households: electorate, byBuilding: [], source: 'register' } });
  it.each([
    // quorum voted × 3 ≥ electorate × 2 (以上 includes the number itself)
    ['⅔ exactly meets the quorum; ¾ exactly meets item 7', 7, { agree: 60, disagree: 20 }, true],
    ['one below ⅔ misses the quorum', 7, { agree: 79 }, false],
    ['¾ minus one misses item 7', 7, { agree: 59, disagree: 21 }, false],
    ['item 8 needs ¾ too', 8, { agree: 60, disagree: 20 }, true],
    ['item 6 needs ¾ too', 6, { agree: 59, disagree: 21 }, false],
    ['item 4: more than half is enough', 4, { agree: 41, disagree: 39 }, true],
    ['item 4: exactly half is not', 4, { agree: 40, disagree: 40 }, false],
    ['item 1: abstain is not consent', 1, { agree: 40, disagree: 30, abstain: 10 }, false],
  ])('%s', (_n, item, counts, passed) => {
    const r = decide(cc(item), wechat(counts), AT);
    expect({ passed: r.passed, outcome: r.outcome }).toEqual({ passed, outcome: passed ? 'meetsHouseholdThresholds' : 'failsHouseholdThresholds' });
    expect(r.checks.at(-1)).toBe('面积条件：未核算（没有不动产登记簿的面积）');
    expect(r.ruleText).toContain('不是业主大会的法定决定');
  });

  it('blank paper takes part in the quorum but does not consent', () => {
    const r = decide(cc(7, 12), wechat({ agree: 6 }, { paperBlank: 2 }), AT);
    expect(r.checks[0]).toBe('参与表决户数 ≥ 总户数的三分之二：8 / 12 户，满足');
    expect(r.checks[1]).toBe('同意户数 ≥ 参与表决户数的四分之三：6 / 8 户，满足');
    expect(r.passed).toBe(true);
  });
});

describe('phaseOf and the paper period', () => {
  const t = { status: 'scheduled' as const, discussFrom: new Date('2026-12-01T00:00:00Z'), voteFrom: new Date('2026-12-05T00:00:00Z'), voteUntil: new Date('2026-12-10T00:00:00Z'), tallyGraceDays: 3 };
  it.each([
    ['2026-11-30T23:59:59Z', 'upcoming'],
    ['2026-12-01T00:00:00Z', 'discussion'],
    ['2026-12-05T00:00:00Z', 'voting'],
    ['2026-12-09T23:59:59.999Z', 'voting'],
    ['2026-12-10T00:00:00Z', 'counting'],
    ['2026-12-30T00:00:00Z', 'counting'],
  ])('%s → %s', (at, phase) => expect(phaseOf(t, new Date(at))).toBe(phase));
  it('stored states pass through', () => {
    expect(phaseOf({ ...t, status: 'decided' }, new Date('2026-12-06T00:00:00Z'))).toBe('decided');
    expect(phaseOf({ ...t, status: 'proposed' }, new Date('2026-12-06T00:00:00Z'))).toBe('proposed');
  });
  it('paper until voteUntil + grace; due at that instant', () => {
    expect(tallyUntilOf(t)?.toISOString()).toBe('2026-12-13T00:00:00.000Z');
    expect(isPaperOpen(t, new Date('2026-12-12T23:59:59Z'))).toBe(true);
    expect(isPaperOpen(t, new Date('2026-12-13T00:00:00Z'))).toBe(false);
    expect(isPaperOpen(t, new Date('2026-12-04T00:00:00Z'))).toBe(false);
    expect(isDue(t, new Date('2026-12-12T23:59:59Z'))).toBe(false);
    expect(isDue(t, new Date('2026-12-13T00:00:00Z'))).toBe(true);
    expect(isDue({ ...t, status: 'decided' } as Pick<Topic, 'status' | 'voteUntil' | 'tallyGraceDays'>, new Date('2026-12-14T00:00:00Z'))).toBe(false);
  });
});

describe('paper count checks', () => {
  it('Σcounts + blank + invalid must equal the rooms claimed; a photo is required', () => {
    expect(checkTally({ counts: { agree: 3, disagree: 1 }, blank: 1, invalid: 0, photoFileIds: ['f'] }, 5, YES_NO)).toBeNull();
    expect(checkTally({ counts: { agree: 3, disagree: 1 }, blank: 0, invalid: 0, photoFileIds: ['f'] }, 5, YES_NO)).toBe('mismatch');
    expect(checkTally({ counts: { agree: 5 }, blank: 0, invalid: 1, photoFileIds: ['f'] }, 5, YES_NO)).toBe('mismatch');
    expect(checkTally({ counts: { yes: 5 }, blank: 0, invalid: 0, photoFileIds: ['f'] }, 5, YES_NO)).toBe('optionInvalid');
    expect(checkTally({ counts: { agree: 5 }, blank: 0, invalid: 0, photoFileIds: [] }, 5, YES_NO)).toBe('photoRequired');
  });
  it('a building is ready when counted or declared without paper — not when its sheets were claimed', () => {
    const scope = [{ estateId: 'e', building: '1' }, { estateId: 'e', building: '2' }, { estateId: 'e', building: '3' }];
    const tallies = [{ estateId: 'e', building: '1', state: 'counted' as const, rooms: 4 }, { estateId: 'e', building: '2', state: 'claiming' as const, rooms: 2 }];
    expect(buildingsNotCounted(scope, tallies, [{ estateId: 'e', building: '3' }])).toEqual([{ estateId: 'e', building: '2' }]);
    expect(buildingsNotCounted(scope, tallies, [{ estateId: 'e', building: '2' }, { estateId: 'e', building: '3' }])).toEqual([{ estateId: 'e', building: '2' }]);
    expect(buildingsNotCounted(scope, tallies, [])).toEqual([{ estateId: 'e', building: '2' }, { estateId: 'e', building: '3' }]);
  });
});

describe('the electorate by its source (registered rooms are a lower bound)', () => {
  it.each([
    ['register: the count, even below voted', { households: 120, source: 'register' as const }, 30, { households: 120, source: 'register', text: '共 120 户' }],
    ['registered, more rooms than voted', { households: 40, source: 'registered' as const }, 30, { households: 40, source: 'registered', text: '已登记的 40 户' }],
    ['registered, more voted (paper rooms)', { households: 1, source: 'registered' as const }, 3, { households: 3, source: 'registered', text: '已登记的 3 户' }],
    ['none', null, 3, null],
  ])('%s', (_name, e, voted, shown) => {
    expect(electorateShown(e, voted)).toEqual(shown);
  });

  it('a result over registered rooms never reads more voted than the electorate; turnout ≤ 1', () => {
    const r = decide(topic({ electorate: { households: 1, byBuilding: [], source: 'registered' } }), wechat({ agree: 1 }, { paper: { agree: 1, disagree: 1 } }), AT);
    expect(r.households).toEqual({ voted: 3, byChannel: { wechat: 1, counter: 0, paper: 2 }, electorate: 3 });
    expect(r.turnout).toBe(1);
  });

  it('a minTurnout quorum over registered rooms is measured against the same figure', () => {
    const r = decide(topic({ minTurnout: 0.5, electorate: { households: 1, byBuilding: [], source: 'registered' } }), wechat({ agree: 2 }), AT);
    expect(r.outcome).toBe('passed');
    expect(r.checks[0]).toBe('参与表决户数 ≥ 总户数的 50%：2 / 2 户，满足');
  });
});
