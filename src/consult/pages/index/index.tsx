/**
 * 社区议事 (every registered person of the community): four tabs —
 * 表决和讨论 (正在表决, 讨论中 and 计票中 topics, then proposals waiting for 附议), 近期会议 (planned
 * meetings), 往期结果 (decided topics and held meetings with minutes), 我的意见和提议 (my opinions,
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
import { CONSULT_TABS, CONSULT_URLS, type ConsultTab, type MeetingCard, type OpinionView, type ProposalView, type TopicCard } from '../../api';
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
  const load = useCallback(() => call('consult', 'meetings', { filter: 'coming' }), []);
  const got = useRemote(load, [load]);
  useReloadOnReturn(got.reload);
  if (got.state === 'loading') return <LoadingState />;
  if (got.state === 'error') return <ConsultErrorState error={got.error} onRetry={got.reload} />;
  return (
    <View className="consult-meetings">
      <Text className="subtitle consult-section">近期会议</Text>
      {got.data.length === 0 ? <Text className="consult-empty">最近没有安排会议。</Text> : null}
      {got.data.map((m: MeetingCard) => (
        <MeetingCardView key={m.id} m={m} />
      ))}
    </View>
  );
}

function PastTab() {
  const load = useCallback(() => both(call('consult', 'topics', { status: 'past' }), call('consult', 'meetings', { filter: 'past' })), []);
  const got = useRemote(load, [load]);
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
