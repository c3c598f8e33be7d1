/**
 * 问题挂牌 (every resident of the community): the community's open problems — broken roads, lights,
 * rubbish, hazards; never disputes between neighbours — with where each stands and the steps taken,
 * and those finished in the last 30 days. Nobody's name or words are shown (`ticket.board`).
 * Below, 社区议事结果 (issue 20): topics decided and published by the community (`consult.topics`
 * `past`, those with `publishedAt`), each with its outcome and households voted, per channel (微信 · 柜台 · 纸质) — counts only.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tag } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { call } from '../../../services/call';
import { TICKET_URLS, type BoardItem } from '../../api';
import { TicketErrorState, TicketPage } from '../../components/TicketPage';
import { dayText } from '../../when';

/** 社区议事结果: the community's published topic results (a failed load shows nothing: the board is about problems first). */
function PublishedResults() {
  const past = useRemote(() => call('consult', 'topics', { status: 'past' }));
  const published = past.state === 'ok' ? past.data.items.filter((t) => t.publishedAt) : [];
  if (!published.length) return null;
  return (
    <View className="board-results">
      <Text className="subtitle board-section">社区议事结果（{published.length}）</Text>
      {published.map((t) => (
        <View key={t.id} className="card board-item board-topic" data-topic={t.id} onClick={() => Taro.navigateTo({ url: `/consult/pages/topic/index?id=${encodeURIComponent(t.id)}` })}>
          <Text className="subtitle">{t.title}</Text>
          <Text className="board-line">范围：{t.scopeLabel}</Text>
          {t.outcomeLabel ? <Text className="board-line">结果：{t.outcomeLabel}</Text> : null}
          {t.turnout ? <Text className="board-line board-turnout">{t.turnout.voted} 户参加表决{t.turnout.electorate ? `，共 ${t.turnout.electorate} 户` : ''}</Text> : null}
          {t.turnout?.byChannel ? <Text className="board-line board-channels">微信 {t.turnout.byChannel.wechat} 户 · 柜台 {t.turnout.byChannel.counter} 户 · 纸质 {t.turnout.byChannel.paper} 户</Text> : null}
          {t.publishedAt ? <Text className="board-line">{dayText(t.publishedAt)} 公布</Text> : null}
        </View>
      ))}
    </View>
  );
}

export default function BoardPage() {
  const board = useRemote(() => call('ticket', 'board'));
  useReloadOnReturn(board.reload);
  const open = board.state === 'ok' ? board.data.items.filter((i) => i.status !== 'closed') : [];
  const done = board.state === 'ok' ? board.data.items.filter((i) => i.status === 'closed') : [];
  return (
    <TicketPage className="ticket-board">
      <View className="card">
        <Text className="title">问题挂牌</Text>
        <Text className="muted">社区里大家反映的公共问题，正在怎么办。不显示是谁反映的；邻里之间的事不在这里公开。</Text>
      </View>
      {board.state === 'loading' ? <LoadingState /> : null}
      {board.state === 'error' ? <TicketErrorState error={board.error} onRetry={board.reload} /> : null}
      {board.state === 'ok' && board.data.items.length === 0 ? <EmptyState text="现在没有挂牌的问题。" actionText="我要反映问题" onAction={() => Taro.navigateTo({ url: TICKET_URLS.report })} /> : null}
      {open.length ? <Text className="subtitle board-section">正在办（{open.length}）</Text> : null}
      {open.map((i) => <BoardCard key={i.id} item={i} />)}
      {done.length ? <Text className="subtitle board-section">最近 {board.state === 'ok' ? board.data.closedDays : 30} 天办好的（{done.length}）</Text> : null}
      {done.map((i) => <BoardCard key={i.id} item={i} />)}
      <PublishedResults />
      {board.state === 'ok' && board.data.items.length ? (
        <View className="actions">
          <Button size="large" block onClick={() => Taro.navigateTo({ url: TICKET_URLS.report })}>
            我也要反映问题
          </Button>
        </View>
      ) : null}
    </TicketPage>
  );
}

function BoardCard({ item }: { item: BoardItem }) {
  return (
    <View className="card board-item" data-board={item.id}>
      <View className="board-head">
        <Text className="subtitle">{item.categoryLabel}</Text>
        <Tag type={item.status === 'closed' ? 'success' : item.overdue ? 'danger' : 'warning'}>{item.statusLabel}</Tag>
        {item.supervised ? <Tag type="danger">社区督办</Tag> : null}
        {item.overdue ? <Tag type="danger">已超时</Tag> : null}
      </View>
      <Text className="board-line">地点：{item.placeText}</Text>
      <View className="board-steps">
        {item.steps.map((s, n) => (
          <Text key={n} className="board-line">
            {dayText(s.on)} {s.label}
          </Text>
        ))}
      </View>
    </View>
  );
}
