/**
 * 社区议事 · 议题 (staff): the community's topics by where they are — 待处理的提议 (proposed, and seconded
 * ones waiting to be scheduled: act on them first), 讨论中 (and not yet started), 投票中, 计票中 (paper
 * to enter, counting to finish), 已出结果 (and closed). Each card: scope, phase, voting period and the
 * turnout (households voted of the electorate, with the percentage). 新建议题 and 户数登记 at the top.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '../../../services/call';
import type { CallResult } from '../../../services/cloud';
import { Button, Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { whenText } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import type { TopicCard } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_ADMIN_URLS } from '../../labels';
import '../../../stall/stall.css';
import '../../consultAdmin.css';

interface Lists {
  proposals: TopicCard[];
  open: TopicCard[];
  past: TopicCard[];
}

async function load(): Promise<CallResult<Lists>> {
  const [proposals, open, past] = await Promise.all([call('consult', 'topics', { status: 'proposals' }), call('consult', 'topics', { status: 'open' }), call('consult', 'topics', { status: 'past' })]);
  if (!proposals.ok) return proposals;
  if (!open.ok) return open;
  if (!past.ok) return past;
  return { ok: true, data: { proposals: proposals.data.items, open: open.data.items, past: past.data.items } };
}

/** `86/120 户（72%）` or `86 户` when the electorate is unknown. */
export function turnoutText(t: TopicCard['turnout']): string {
  if (!t) return '';
  if (!t.electorate) return `已有 ${t.voted} 户投票`;
  return `已有 ${t.voted}/${t.electorate} 户投票（${Math.round((t.voted / t.electorate) * 100)}%）`;
}

export default function TopicsPage() {
  const lists = useRemote(load);
  useReloadOnReturn(lists.reload);
  const by = (phases: string[]) => (lists.state === 'ok' ? lists.data.open.filter((t) => phases.includes(t.phase)) : []);
  return (
    <Page className="vendor-page consult-admin topics-page">
      <View className="card">
        <Text className="title">议题和表决</Text>
        <Text className="muted">一户一票：微信、柜台代投、纸质票都算，同一户只算第一次进系统的那一票。</Text>
        <View className="actions">
          <Button type="primary" size="large" block className="new-topic" onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.topicEdit() })}>
            新建议题
          </Button>
          <Button size="large" block className="open-households" onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.households() })}>
            户数登记
          </Button>
        </View>
      </View>
      {lists.state === 'loading' ? <LoadingState /> : null}
      {lists.state === 'error' ? <ErrorState message={lists.error.message} code={lists.error.code} onRetry={lists.reload} /> : null}
      {lists.state === 'ok' ? (
        <>
          <Section name="proposals" title="待处理的提议" list={lists.data.proposals} empty="没有等着处理的提议。" />
          <Section name="discussion" title="讨论中" list={by(['upcoming', 'discussion'])} empty="没有在讨论的议题。" />
          <Section name="voting" title="投票中" list={by(['voting'])} empty="没有正在投票的议题。" />
          <Section name="counting" title="计票中" list={by(['counting'])} empty="没有等着计票的议题。" />
          <Section name="past" title="已出结果" list={lists.data.past} empty="还没有出结果的议题。" />
        </>
      ) : null}
    </Page>
  );
}

function Section({ name, title, list, empty }: { name: string; title: string; list: TopicCard[]; empty: string }) {
  return (
    <View className={`topics-section topics-${name}`}>
      <Text className="ca-section">
        {title}（{list.length}）
      </Text>
      {list.length ? list.map((t) => <TopicRow key={t.id} t={t} />) : <Text className="muted ca-block">{empty}</Text>}
    </View>
  );
}

function TopicRow({ t }: { t: TopicCard }) {
  return (
    <View className="card tap-row ca-row topic-row" data-topic={t.title} onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.topicEdit(t.id) })}>
      <View className="ca-row-body">
        <View className="name-line">
          <Text className="subtitle">{t.title}</Text>
          <Tag type={t.phase === 'voting' ? 'success' : t.phase === 'seconded' || t.phase === 'counting' ? 'danger' : 'primary'}>{t.phaseLabel}</Tag>
        </View>
        <Text className="muted ca-block">{t.scopeLabel}</Text>
        {t.phase === 'proposed' || t.phase === 'seconded' ? <Text className="ca-facts">附议 {t.seconds.count}/{t.seconds.needed} 户</Text> : null}
        {t.voteFrom && t.voteUntil && t.phase !== 'proposed' && t.phase !== 'seconded' ? <Text className="muted ca-block">投票 {whenText(t.voteFrom)} 至 {whenText(t.voteUntil)}</Text> : null}
        {t.turnout ? <Text className="ca-turnout">{turnoutText(t.turnout)}</Text> : null}
        {t.outcomeLabel ? <Text className="ca-facts">结果：{t.outcomeLabel}{t.publishedAt ? '（已公布）' : ''}</Text> : null}
      </View>
      <Text className="v-link">{t.phase === 'seconded' ? '去安排 ›' : t.phase === 'counting' ? '去计票 ›' : '打开 ›'}</Text>
    </View>
  );
}
