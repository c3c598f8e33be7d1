/**
 * What the 社区议事 pages share besides the calls: the pages' URLs (ids only; everything shown is
 * loaded from the server), the words for a topic's phase, a vote's channel, a meeting's kind and an
 * opinion's status, and the sentences built from an answer (turnout, period). Calls go through
 * `call('consult', action, input)` (`src/services/call.ts`), typed from
 * `cloudfunctions/consult/contract.ts`, whose answer types are re-exported here by name.
 */
import { whenText } from '../ui/time';

export type {
  CommentPage,
  CommentView,
  MeetingCard,
  MeetingDetail,
  MeetingView,
  MySignUpCard,
  MySignUpState,
  MyVote,
  OpinionRating,
  OpinionStep,
  OpinionView,
  ProposalView,
  SecondResult,
  SignUpResult,
  TopicCard,
  TopicList,
  TopicPhase,
  TopicResultView,
  TopicTurnout,
  TopicView,
  VoteAnswer,
  VoteForAnswer,
} from '../../cloudfunctions/consult/contract';

/** The consult pages (resident) and the counter's. */
export const CONSULT_URLS = {
  index: '/consult/pages/index/index',
  indexTab: (tab: ConsultTab) => `/consult/pages/index/index?tab=${tab}`,
  topic: (id: string) => `/consult/pages/topic/index?id=${encodeURIComponent(id)}`,
  propose: '/consult/pages/propose/index',
  meeting: (id: string) => `/consult/pages/meeting/index?id=${encodeURIComponent(id)}`,
  /** give an opinion (no id), or one opinion's steps (id) */
  opinion: (id?: string) => (id ? `/consult/pages/opinion/index?id=${encodeURIComponent(id)}` : '/consult/pages/opinion/index'),
  counterVote: (residentId: string) => `/counter/pages/vote/index?for=${encodeURIComponent(residentId)}`,
  counterOpinion: (residentId: string) => `/counter/pages/opinion/index?for=${encodeURIComponent(residentId)}`,
};

/** The tabs of 社区议事. */
export type ConsultTab = 'topics' | 'meetings' | 'past' | 'mine';

/** The tabs in the order shown, with their words. */
export const CONSULT_TABS: { value: ConsultTab; label: string }[] = [
  { value: 'topics', label: '表决和讨论' },
  { value: 'meetings', label: '近期会议' },
  { value: 'past', label: '往期结果' },
  { value: 'mine', label: '我的意见和提议' },
];

/** A vote's channel in words. */
export const CHANNEL_LABELS = { wechat: '微信', counter: '柜台', paper: '纸质' } as const;

/** Households voted, per channel: `{ wechat, counter, paper }`. */
export interface ChannelHouseholds {
  wechat: number;
  counter: number;
  paper: number;
}

/**
 * The live turnout line: `已有 86 户投票（微信 60 · 柜台 12 · 纸质 14）`, with `，共 120 户` when the
 * electorate is known. Counts of households, never of options.
 */
export function turnoutText(t: { voted: number; byChannel: ChannelHouseholds; electorate: number | null }): string {
  const by = `微信 ${t.byChannel.wechat} · 柜台 ${t.byChannel.counter} · 纸质 ${t.byChannel.paper}`;
  const of = t.electorate ? `，共 ${t.electorate} 户` : '';
  return t.voted ? `已有 ${t.voted} 户投票（${by}）${of}` : `还没有人投票${of}`;
}

/** `12月11日 周五 08:00 至 12月18日 周五 20:00`, China time. */
export function periodText(from: string | Date | number | null | undefined, until: string | Date | number | null | undefined): string {
  if (!from || !until) return '';
  return `${whenText(from)} 至 ${whenText(until)}`;
}

/** The ratings of an opinion's handling, in the order shown. */
export const OPINION_RATINGS: { value: 'satisfied' | 'fairlySatisfied' | 'unsatisfied'; label: string }[] = [
  { value: 'satisfied', label: '满意' },
  { value: 'fairlySatisfied', label: '基本满意' },
  { value: 'unsatisfied', label: '不满意' },
];

/** The words of the owner's declaration a civilCode vote asks for (docs/consultation-design.md §2 limit 2). */
export const OWNER_DECLARATION = '我是本户业主或受业主委托';
