/**
 * 社区议事 (every registered person of the community): four tabs —
 * 表决和讨论 (正在表决, 讨论中 and 计票中 topics, then proposals waiting for 附议), 近期会议 (我报名的会议 —
 * `consult.mySignUps` —, then planned meetings), 往期结果 (decided topics and held meetings with minutes), 我的意见和提议 (my opinions,
 * my proposals). Each tab loads when first shown; loading, empty and error states each. On top, the
 * two things a resident starts: 提意见建议 and 我要提议. `?tab=` opens a tab (links from home).
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { call } from '../../../services/call';
import type { CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { CONSULT_TABS, CONSULT_URLS, type ConsultTab, type MeetingCard, type MySignUpCard, type OpinionView, type ProposalView, type TopicCard } from '../../api';
import { ConsultErrorState, ConsultPage } from '../../components/ConsultPage';
import { MeetingCardView, OpinionCardView, ProposalCardView, TopicCardView } from '../../components/Cards';

const isTab = (s: string | undefined): s is ConsultTab => CONSULT_TABS.some((t) => t.value === s);

export default function ConsultIndexPage() {
  const asked = useRouter().params.tab;
  const [tab, setTab] = useState<ConsultTab>(isTab(asked) ? asked : 'topics');
  return (
    <ConsultPage className="consult-index">
      <View className="card consult-head">
        <Text className="title">社区议事</Text>
        <Text className="muted">小区里的事，大家商量着办：一户一票表决，开会商量，提意见建议。</Text>
        <View className="actions">
          <Button size="large" block className="open-opinion" onClick={() => Taro.navigateTo({ url: CONSULT_URLS.opinion() })}>
            提意见建议
          </Button>
          <Button size="large" block className="open-propose" onClick={() => Taro.navigateTo({ url: CONSULT_URLS.propose })}>
            我要提议
          </Button>
        </View>
      </View>
      <ChoiceButtons className="consult-tabs" itemClassName="consult-tab" options={CONSULT_TABS} selected={tab} onSelect={(v) => setTab(v as ConsultTab)} />
      {tab === 'topics' ? <TopicsTab /> : null}
      {tab === 'meetings' ? <MeetingsTab /> : null}
      {tab === 'past' ? <PastTab /> : null}
      {tab === 'mine' ? <MineTab /> : null}
    </ConsultPage>
  );
}

/** Loads two lists at once; fails if either fails. */
async function both<A, B>(a: Promise<CallResult<A>>, b: Promise<CallResult<B>>): Promise<CallResult<[A, B]>> {
  const [x, y] = await Promise.all([a, b]);
  if (!x.ok) return x;
  if (!y.ok) return y;
  return { ok: true, data: [x.data, y.data] };
}

function TopicsTab() {
  const load = useCallback(() => both(call('consult', 'topics', { status: 'open' }), call('consult', 'topics', { status: 'proposals' })), []);
  const got = useRemote(load, [load]);
  useReloadOnReturn(got.reload);
  if (got.state === 'loading') return <LoadingState />;
  if (got.state === 'error') return <ConsultErrorState error={got.error} onRetry={got.reload} />;
  const [open, proposals] = got.data;
  const voting = open.items.filter((t) => t.phase === 'voting');
  const discussing = open.items.filter((t) => t.phase === 'discussion' || t.phase === 'upcoming');
  const counting = open.items.filter((t) => t.phase === 'counting');
  return (
    <View className="consult-topics">
      <Section title="正在表决" items={voting} empty="现在没有要表决的事。" />
      <Section title="讨论中" items={discussing} empty="现在没有在讨论的事。" />
      {counting.length ? <Section title="计票中" items={counting} empty="" /> : null}
      <Section title="居民提议，征集附议" items={proposals.items} empty="现在没有等附议的提议。" />
    </View>
  );
}

function Section({ title, items, empty }: { title: string; items: TopicCard[]; empty: string }) {
  return (
    <View>
      <Text className="subtitle consult-section">
        {title}
        {items.length ? `（${items.length}）` : ''}
      </Text>
      {items.length === 0 ? <Text className="consult-empty">{empty}</Text> : null}
      {items.map((t) => (
        <TopicCardView key={t.id} t={t} />
      ))}
    </View>
  );
}

function MeetingsTab() {
  const load = useCallback(() => both(call('consult', 'meetings', { filter: 'coming' }), call('consult', 'mySignUps')), []);
  const got = useRemote(load, [load]);
  useReloadOnReturn(got.reload);
  if (got.state === 'loading') return <LoadingState />;
  if (got.state === 'error') return <ConsultErrorState error={got.error} onRetry={got.reload} />;
  const [coming, mine] = got.data;
  return (
    <View className="consult-meetings">
      <MySignUps items={mine} />
      <Text className="subtitle consult-section">近期会议</Text>
      {coming.length === 0 ? <Text className="consult-empty">最近没有安排会议。</Text> : null}
      {coming.map((m: MeetingCard) => (
        <MeetingCardView key={m.id} m={m} />
      ))}
    </View>
  );
}

/**
 * 我报名的会议 (`consult.mySignUps`): one card per meeting with what the person signed up for
 * (参加, 发言 or both), when and where; a cancelled meeting says so. A tap opens the meeting (to
 * cancel there). Nothing signed up: a sentence saying how.
 */
function MySignUps({ items }: { items: MySignUpCard[] }) {
  const byMeeting = new Map<string, { meeting: MeetingCard; kinds: string[] }>();
  for (const s of items) {
    const entry = byMeeting.get(s.meetingId) ?? { meeting: s.meeting, kinds: [] };
    entry.kinds.push(s.kindLabel);
    byMeeting.set(s.meetingId, entry);
  }
  const list = [...byMeeting.values()];
  return (
    <View className="my-signups">
      <Text className="subtitle consult-section">我报名的会议{list.length ? `（${list.length}）` : ''}</Text>
      {list.length === 0 ? <Text className="consult-empty">您还没有报名。点开下面的会议，可以报名参加或发言。</Text> : null}
      {list.map(({ meeting: m, kinds }) => (
        <View key={m.id} className="card consult-card my-signup" role="button" data-meeting={m.id} onClick={() => Taro.navigateTo({ url: CONSULT_URLS.meeting(m.id) })}>
          <Text className={`consult-phase phase-${m.status === 'cancelled' ? 'closed' : 'decided'}`}>已报名{kinds.join('、')}</Text>
          {m.status === 'cancelled' ? <Text className="consult-phase phase-voting">会议已取消</Text> : null}
          <Text className="consult-card-title">{m.title}</Text>
          <Text className="consult-line">
            时间：<Text className="nowrap">{m.dateLabel}</Text> <Text className="nowrap">{m.timeLabel}</Text>
          </Text>
          <Text className="consult-line">地点：{m.place}</Text>
          <Text className="consult-open">去看看 ›</Text>
        </View>
      ))}
    </View>
  );
}

function PastTab() {
  const load = useCallback(() => both(call('consult', 'topics', { status: 'past' }), call('consult', 'meetings', { filter: 'past' })), []);
  const got = useRemote(load, [load]);
  useReloadOnReturn(got.reload);
  if (got.state === 'loading') return <LoadingState />;
  if (got.state === 'error') return <ConsultErrorState error={got.error} onRetry={got.reload} />;
  const [topics, meetings] = got.data;
  return (
    <View className="consult-past">
      <Text className="subtitle consult-section">表决结果</Text>
      {topics.items.length === 0 ? <Text className="consult-empty">还没有表决过的事。</Text> : null}
      {topics.items.map((t) => (
        <TopicCardView key={t.id} t={t} />
      ))}
      <Text className="subtitle consult-section">开过的会</Text>
      {meetings.length === 0 ? <Text className="consult-empty">还没有开过的会。</Text> : null}
      {meetings.map((m) => (
        <MeetingCardView key={m.id} m={m} />
      ))}
    </View>
  );
}

function MineTab() {
  const load = useCallback(() => both(call('consult', 'myOpinions'), call('consult', 'myProposals')), []);
  const got = useRemote(load, [load]);
  useReloadOnReturn(got.reload);
  if (got.state === 'loading') return <LoadingState />;
  if (got.state === 'error') return <ConsultErrorState error={got.error} onRetry={got.reload} />;
  const [opinions, proposals] = got.data;
  return (
    <View className="consult-mine">
      <Text className="subtitle consult-section">我的意见</Text>
      {opinions.length === 0 ? <Text className="consult-empty">您还没有提过意见建议。</Text> : null}
      {opinions.map((o: OpinionView) => (
        <OpinionCardView key={o.id} o={o} />
      ))}
      <Text className="subtitle consult-section">我的提议</Text>
      {proposals.length === 0 ? <Text className="consult-empty">您还没有提议过。</Text> : null}
      {proposals.map((p: ProposalView) => (
        <ProposalCardView key={p.topicId} p={p} />
      ))}
    </View>
  );
}
