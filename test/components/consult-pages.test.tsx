/**
 * 社区议事 pages in jsdom, calls stubbed (call-stub.ts):
 * - the topic page while voting: the live turnout by channel (households), the options as buttons;
 *   a tap asks inside the card "确认：您家选 同意" (no modal), 确认投票 sends `consult.vote` with the
 *   choice and a requestId and answers "已投票，截止前可以改"; 改一下 brings the options back, the
 *   household's choice marked, and a second vote sends a new requestId;
 * - a civilCode topic: no vote until "我是本户业主或受业主委托" is ticked, and then `ownerDeclared: true`;
 * - before `decided` no split by option is shown; a decided topic shows each channel's counts and the rule text;
 * - the counter's 代表决: without the spoken-consent tick nothing is sent; with it `voteFor` carries
 *   the consent and the page says the household voted — never what it chose; before casting it says
 *   whether the household voted and how (`topicsFor`), with no buttons for a paper ballot or before voting opens.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { control, calls } from './taro-mock';
import { stubCall } from './call-stub';
import type { TopicView } from '../../src/consult/api';
import type { CounterTopic } from '../../cloudfunctions/consult/contract';
import TopicPage from '../../src/consult/pages/topic/index';
import CounterVotePage from '../../src/counter/pages/vote/index';

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

const YES_NO = [
  { key: 'agree', label: '同意' },
  { key: 'disagree', label: '不同意' },
  { key: 'abstain', label: '弃权' },
];

const topic = (over: Partial<TopicView> = {}): TopicView => ({
  id: 'tp1',
  communityId: 'c-bishan',
  title: '充电桩安装',
  background: '在车棚旁安装 10 个电动车充电桩。',
  kind: 'yesNo',
  options: YES_NO,
  rule: 'majority',
  civilCodeItem: null,
  ruleText: '简单多数：同意的户数超过参加表决户数的一半',
  minTurnout: null,
  scope: { kind: 'estate', estateId: 'e-bishan' },
  scopeLabel: '壁山丽景小区',
  status: 'scheduled',
  phase: 'voting',
  phaseLabel: '投票中',
  discussFrom: '2026-12-01T00:00:00.000Z',
  voteFrom: '2026-12-03T00:00:00.000Z',
  voteUntil: '2026-12-10T12:00:00.000Z',
  tallyUntil: '2026-12-13T12:00:00.000Z',
  votersMustBeVerified: true,
  turnout: { voted: 86, electorate: 120, byChannel: { wechat: 60, counter: 12, paper: 14 } },
  myVote: null,
  canVote: true,
  cannotVoteReason: null,
  seconds: { count: 0, needed: 10, mine: false },
  result: null,
  publishedAt: null,
  publishNote: null,
  decline: null,
  mergedInto: null,
  cancelled: null,
  staff: null,
  ...over,
});

const noComments = () => stubCall('consult', 'comments').mockResolvedValue({ ok: true, data: { comments: [], nextCursor: null } });
const click = (text: string) => fireEvent.click(screen.getByText(text));

beforeEach(() => control.setParams({ id: 'tp1' }));

describe('the topic page', () => {
  it('votes in three taps with the confirm inside the card, then changes the vote', async () => {
    stubCall('consult', 'topic').mockResolvedValue({ ok: true, data: topic() });
    noComments();
    const vote = stubCall('consult', 'vote')
      .mockResolvedValueOnce({ ok: true, data: { myVote: { choice: 'agree', channel: 'wechat', byMe: true, castAt: '2026-12-05T02:00:00.000Z', changedAt: null }, turnout: { voted: 87, electorate: 120, byChannel: { wechat: 61, counter: 12, paper: 14 } }, changed: false } })
      .mockResolvedValueOnce({ ok: true, data: { myVote: { choice: 'abstain', channel: 'wechat', byMe: true, castAt: '2026-12-05T02:00:00.000Z', changedAt: '2026-12-05T03:00:00.000Z' }, turnout: { voted: 87, electorate: 120, byChannel: { wechat: 61, counter: 12, paper: 14 } }, changed: true } });
    const { container } = render(<TopicPage />);
    await screen.findByText('已有 86 户投票（微信 60 · 柜台 12 · 纸质 14），共 120 户');
    expect(container.textContent).not.toMatch(/同意 \d+ 户/);
    click('同意');
    await screen.findByText('确认：您家选 同意');
    expect(vote).not.toHaveBeenCalled();
    click('确认投票');
    await screen.findByText('已投票，截止前可以改');
    expect(screen.getByText('您家选的是：同意')).toBeTruthy();
    expect(screen.getByText('已有 87 户投票（微信 61 · 柜台 12 · 纸质 14），共 120 户')).toBeTruthy();
    const first = vote.mock.calls[0][0]!;
    expect(first).toMatchObject({ topicId: 'tp1', choice: 'agree' });
    expect(first.ownerDeclared).toBeUndefined();
    click('改一下');
    expect(screen.getByText('☑ 同意')).toBeTruthy();
    click('弃权');
    click('确认投票');
    await screen.findByText('您家选的是：弃权');
    expect(vote.mock.calls[1][0]!.requestId).not.toBe(first.requestId);
    expect(calls.showModal ?? []).toEqual([]);
  });

  it('a civilCode topic asks the owner declaration first and sends it', async () => {
    stubCall('consult', 'topic').mockResolvedValue({ ok: true, data: topic({ rule: 'civilCode', civilCodeItem: 7 }) });
    noComments();
    const vote = stubCall('consult', 'vote').mockResolvedValue({ ok: true, data: { myVote: { choice: 'agree', channel: 'wechat', byMe: true, castAt: '2026-12-05T02:00:00.000Z', changedAt: null }, turnout: topic().turnout!, changed: false } });
    render(<TopicPage />);
    await screen.findByText('☐ 我是本户业主或受业主委托');
    click('同意');
    await screen.findByText(/请先点上面的“我是本户业主或受业主委托”/);
    expect(screen.queryByText('确认投票')).toBeNull();
    click('☐ 我是本户业主或受业主委托');
    click('同意');
    click('确认投票');
    await waitFor(() => expect(vote).toHaveBeenCalledTimes(1));
    expect(vote.mock.calls[0][0]).toMatchObject({ choice: 'agree', ownerDeclared: true });
  });

  it('a decided topic shows the split per channel and the rule; no vote buttons', async () => {
    const result = {
      byChannel: { wechat: { agree: 50, disagree: 8, abstain: 2 }, counter: { agree: 10, disagree: 2 }, paper: { agree: 9, disagree: 4, blank: 1 } },
      totals: [
        { key: 'agree', label: '同意', households: 69 },
        { key: 'disagree', label: '不同意', households: 14 },
        { key: 'abstain', label: '弃权', households: 2 },
      ],
      households: { voted: 86, byChannel: { wechat: 60, counter: 12, paper: 14 }, electorate: 120 },
      turnout: 86 / 120,
      outcome: 'passed',
      outcomeLabel: '通过',
      passed: true,
      checks: ['同意户数超过参加表决户数的一半：69 / 86 户，满足'],
      ruleText: '简单多数：同意的户数超过参加表决户数的一半',
      decidedAt: '2026-12-13T12:00:00.000Z',
    };
    stubCall('consult', 'topic').mockResolvedValue({ ok: true, data: topic({ status: 'decided', phase: 'decided', phaseLabel: '已出结果', canVote: false, result }) });
    noComments();
    const { container } = render(<TopicPage />);
    await screen.findByText('通过');
    expect(container.textContent).toContain('微信 50 · 柜台 10 · 纸质 9');
    expect(container.textContent).toContain('69 户');
    expect(container.textContent).toContain('纸质票：空白 1 · 无效 0');
    expect(container.textContent).toContain('同意户数超过参加表决户数的一半：69 / 86 户，满足');
    expect(container.querySelector('.vote-option')).toBeNull();
  });
});

const counterTopic = (over: Partial<CounterTopic> = {}): CounterTopic => ({
  id: 'tp1',
  title: '充电桩安装',
  kind: 'yesNo',
  options: YES_NO,
  rule: 'majority',
  civilCodeItem: null,
  scopeLabel: '壁山丽景小区',
  phase: 'voting',
  phaseLabel: '投票中',
  votersMustBeVerified: true,
  voteFrom: '2026-12-07T00:00:00.000Z',
  voteUntil: '2026-12-10T12:00:00.000Z',
  turnout: { voted: 86, electorate: 120, byChannel: { wechat: 60, counter: 12, paper: 14 } },
  householdVoted: false,
  channel: null,
  ...over,
});

describe('the counter’s 代表决', () => {
  beforeEach(() => control.setParams({ for: 'u-li' }));

  it('needs the spoken consent, sends it with the vote, and never shows the household’s choice', async () => {
    stubCall('account', 'getResident').mockResolvedValue({ ok: true, data: { id: 'u-li', name: '李秀兰', called: null, age: 72, address: '壁山丽景小区 3号楼 2单元301', communityId: 'c-bishan', home: { estateId: 'e-bishan', building: '3号楼' }, phoneMasked: null, hasPhone: false, hasWeChat: false, verified: true, duplicateOf: [] } });
    stubCall('consult', 'topicsFor').mockResolvedValue({ ok: true, data: { items: [counterTopic({ householdVoted: true, channel: 'wechat' })] } });
    const voteFor = stubCall('consult', 'voteFor').mockResolvedValue({ ok: true, data: { householdVoted: true, channel: 'counter', changed: true } });
    const { container } = render(<CounterVotePage />);
    await screen.findByText('为 李秀兰 代表决');
    click('同意');
    click('确认改票');
    await screen.findByText(/请先问居民是否同意由您代为表决/);
    expect(voteFor).not.toHaveBeenCalled();
    click('☐ 已问过居民，他同意由我代为表决');
    click('确认改票');
    await screen.findByText('已为李秀兰家改票（以这次为准）');
    expect(voteFor.mock.calls[0][0]).toMatchObject({ topicId: 'tp1', residentId: 'u-li', choice: 'agree', consent: { spoken: true } });
    expect(container.querySelector('.vote-option')).toBeNull();
    expect(container.textContent).not.toMatch(/选的是|选了同意|同意）/);
  });

  it('says, before casting, whether the household voted — and offers no buttons for a paper ballot or before voting opens', async () => {
    stubCall('account', 'getResident').mockResolvedValue({ ok: true, data: { id: 'u-li', name: '李秀兰', called: null, age: 72, address: '壁山丽景小区 3号楼 2单元301', communityId: 'c-bishan', home: { estateId: 'e-bishan', building: '3号楼' }, phoneMasked: null, hasPhone: false, hasWeChat: false, verified: true, duplicateOf: [] } });
    stubCall('consult', 'topicsFor').mockResolvedValue({
      ok: true,
      data: {
        items: [
          counterTopic({ id: 'tp1', title: '充电桩安装', householdVoted: true, channel: 'wechat' }),
          counterTopic({ id: 'tp2', title: '楼道灯更换' }),
          counterTopic({ id: 'tp3', title: '车棚雨棚', householdVoted: true, channel: 'paper' }),
          counterTopic({ id: 'tp4', title: '垃圾房搬迁', phase: 'discussion', phaseLabel: '讨论中', turnout: null }),
        ],
      },
    });
    const { container } = render(<CounterVotePage />);
    await screen.findByText('为 李秀兰 代表决');
    const card = (id: string) => container.querySelector(`[data-topic="${id}"]`)!;
    expect(card('tp1').textContent).toContain('这户已在微信投过票，可以帮他改票');
    expect(card('tp1').querySelector('.vote-option')).not.toBeNull();
    expect(card('tp2').textContent).toContain('这户还没投票');
    expect(card('tp3').textContent).toContain('这户已交纸质票');
    expect(card('tp3').querySelector('.vote-option')).toBeNull();
    expect(card('tp4').textContent).toContain('还没到投票时间');
    expect(card('tp4').querySelector('.vote-option')).toBeNull();
  });
});
