/**
 * The cards of the 社区议事 lists: a topic (phase, period, turnout — households only —, whether the
 * caller's household voted, never how), a meeting (kind, date, time, place, places left), a proposal
 * (seconds, and a declined one's reason or the topic it was merged into) and an opinion (status,
 * reply deadline). A tap opens the record's page.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { whenText, dayText } from '../../ui/time';
import { CONSULT_URLS, type MeetingCard, type OpinionView, type ProposalView, type TopicCard } from '../api';

const open = (url: string) => () => Taro.navigateTo({ url });

export function TopicCardView({ t }: { t: TopicCard }) {
  return (
    <View className="card consult-card topic-card" role="button" data-topic={t.id} onClick={open(CONSULT_URLS.topic(t.id))}>
      <Text className={`consult-phase phase-${t.phase}`}>{t.phaseLabel}</Text>
      {t.householdVoted === true ? <Text className="consult-phase phase-decided">您家已投</Text> : null}
      <Text className="consult-card-title">{t.title}</Text>
      <Text className="consult-hint">范围：{t.scopeLabel}</Text>
      {t.phase === 'voting' && t.voteUntil ? <Text className="consult-line">投票截止：{whenText(t.voteUntil)}</Text> : null}
      {(t.phase === 'upcoming' || t.phase === 'discussion') && t.voteFrom ? <Text className="consult-line">开始投票：{whenText(t.voteFrom)}</Text> : null}
      {t.turnout && t.phase !== 'decided' ? <Text className="consult-line">已有 {t.turnout.voted} 户投票{t.turnout.electorate ? `，共 ${t.turnout.electorate} 户` : ''}</Text> : null}
      {t.phase === 'proposed' || t.phase === 'seconded' ? <Text className="consult-line">已有 {t.seconds.count} 户附议，需要 {t.seconds.needed} 户</Text> : null}
      {t.outcomeLabel ? <Text className="consult-line result-line">结果：{t.outcomeLabel}</Text> : null}
      <Text className="consult-open">{t.phase === 'voting' && t.householdVoted === false ? '去投票 ›' : '去看看 ›'}</Text>
    </View>
  );
}

export function MeetingCardView({ m }: { m: MeetingCard }) {
  const left = m.capacity !== null ? Math.max(0, m.capacity - m.signedUp) : null;
  return (
    <View className="card consult-card meeting-card" role="button" data-meeting={m.id} onClick={open(CONSULT_URLS.meeting(m.id))}>
      <Text className={`consult-phase phase-${m.status === 'held' ? 'decided' : 'discussion'}`}>{m.kindLabel}</Text>
      <Text className="consult-phase">{m.statusLabel}</Text>
      <Text className="consult-card-title">{m.title}</Text>
      <Text className="consult-line">
        时间：<Text className="nowrap">{m.dateLabel}</Text> <Text className="nowrap">{m.timeLabel}</Text>
      </Text>
      <Text className="consult-line">地点：{m.place}</Text>
      {m.status === 'planned' && left !== null ? <Text className="consult-line">{left > 0 ? `还可报名 ${left} 人` : '报名已满'}</Text> : null}
      {m.status === 'held' && m.hasMinutes ? <Text className="consult-line">有会议纪要</Text> : null}
      <Text className="consult-open">去看看 ›</Text>
    </View>
  );
}

export function ProposalCardView({ p }: { p: ProposalView }) {
  return (
    <View className="card consult-card proposal-card" role="button" data-topic={p.topicId} onClick={open(CONSULT_URLS.topic(p.merged ? p.merged.intoTopicId : p.topicId))}>
      <Text className="consult-card-title">{p.title}</Text>
      <Text className="consult-hint">{dayText(p.createdAt)} 提议 · {p.scopeText}</Text>
      {p.status === 'proposed' ? <Text className="consult-line">已有 {p.seconds} 户附议，需要 {p.secondsNeeded} 户</Text> : null}
      {p.status === 'seconded' ? <Text className="consult-line">附议已够，等社区安排讨论和投票</Text> : null}
      {p.status === 'scheduled' ? <Text className="consult-line">社区已安排讨论和投票</Text> : null}
      {p.status === 'decided' ? <Text className="consult-line">已表决，可以看结果</Text> : null}
      {p.decline ? <Text className="consult-line">没有采纳，原因：{p.decline.reason}</Text> : null}
      {p.merged ? <Text className="consult-line">已并入“{p.merged.intoTitle}”一起商量：{p.merged.reason}</Text> : null}
      {p.cancelled ? <Text className="consult-line">已取消：{p.cancelled.reason}</Text> : null}
      <Text className="consult-open">去看看 ›</Text>
    </View>
  );
}

export function OpinionCardView({ o }: { o: Pick<OpinionView, 'id' | 'text' | 'statusLabel' | 'createdAt' | 'dueDate' | 'status' | 'canRate'> }) {
  const final = o.status === 'resolved' || o.status === 'answered';
  return (
    <View className="card consult-card opinion-card" role="button" data-opinion={o.id} onClick={open(CONSULT_URLS.opinion(o.id))}>
      <Text className="consult-phase phase-discussion">{o.statusLabel}</Text>
      <Text className="consult-card-title">{o.text.length > 60 ? `${o.text.slice(0, 60)}…` : o.text}</Text>
      <Text className="consult-hint">{dayText(o.createdAt)} 提的</Text>
      {!final ? <Text className="consult-line">社区在 {dayText(o.dueDate)} 前答复</Text> : null}
      {o.canRate ? <Text className="consult-line rate-wanted">请您评价一下</Text> : null}
      <Text className="consult-open">去看看 ›</Text>
    </View>
  );
}
