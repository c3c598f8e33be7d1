/**
 * Where a topic is in its life (docs/consultation-design.md §3): `phaseOf(topic, now)`. Pure.
 *
 * The stored status holds the steps people take (proposed, seconded, scheduled, decided, merged,
 * declined, closed); while `scheduled` the phase follows the clock:
 * - `upcoming` before `discussFrom` (published but not open yet),
 * - `discussion` from `discussFrom` until `voteFrom`,
 * - `voting` from `voteFrom` until `voteUntil` (a vote is accepted only while now < voteUntil),
 * - `counting` (计票中) from `voteUntil` until the result is written (paper may be entered until
 *   `voteUntil + tallyGraceDays`; the timer or `finishCounting` writes `decided`).
 */
import type { Topic } from '../../shared/model';
import type { TopicPhase } from '../contracts/topics';

const DAY_MS = 86_400_000;

/** The phase of `topic` at instant `now`. */
export function phaseOf(topic: Pick<Topic, 'status' | 'discussFrom' | 'voteFrom' | 'voteUntil'>, now: Date): TopicPhase {
  if (topic.status !== 'scheduled') return topic.status;
  const t = now.getTime();
  const at = (d: Date | undefined) => (d ? new Date(d).getTime() : null);
  const discussFrom = at(topic.discussFrom);
  const voteFrom = at(topic.voteFrom);
  const voteUntil = at(topic.voteUntil);
  if (voteUntil !== null && t >= voteUntil) return 'counting';
  if (voteFrom !== null && t >= voteFrom) return 'voting';
  if (discussFrom !== null && t >= discussFrom) return 'discussion';
  return 'upcoming';
}

/** The last instant paper counts are accepted: `voteUntil + tallyGraceDays` days (null before a period is set). */
export function tallyUntilOf(topic: Pick<Topic, 'voteUntil' | 'tallyGraceDays'>): Date | null {
  if (!topic.voteUntil) return null;
  return new Date(new Date(topic.voteUntil).getTime() + (topic.tallyGraceDays ?? 0) * DAY_MS);
}

/** True while a household may vote (WeChat or counter): status scheduled and voteFrom ≤ now < voteUntil. */
export function isVotingOpen(topic: Pick<Topic, 'status' | 'discussFrom' | 'voteFrom' | 'voteUntil'>, now: Date): boolean {
  return phaseOf(topic, now) === 'voting';
}

/** True while paper may be claimed or counted: scheduled, from voteFrom until voteUntil + tallyGraceDays. */
export function isPaperOpen(topic: Pick<Topic, 'status' | 'discussFrom' | 'voteFrom' | 'voteUntil' | 'tallyGraceDays'>, now: Date): boolean {
  const phase = phaseOf(topic, now);
  const until = tallyUntilOf(topic);
  return (phase === 'voting' || phase === 'counting') && !!until && now.getTime() < until.getTime();
}

/** True when the timer should write the result: scheduled and the paper grace period is over. */
export function isDue(topic: Pick<Topic, 'status' | 'voteUntil' | 'tallyGraceDays'>, now: Date): boolean {
  const until = tallyUntilOf(topic);
  return topic.status === 'scheduled' && !!until && now.getTime() >= until.getTime();
}

/** The phase in words for residents. */
export const PHASE_LABELS: Record<TopicPhase, string> = {
  proposed: '征集附议中',
  seconded: '附议已够，等社区安排',
  upcoming: '即将开始',
  discussion: '讨论中',
  voting: '投票中',
  counting: '计票中',
  decided: '已出结果',
  merged: '已合并到其他议题',
  declined: '未采纳',
  closed: '已取消',
};
