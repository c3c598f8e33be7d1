/**
 * 问题挂牌 (every resident of the community): the community's open problems — broken roads, lights,
 * rubbish, hazards; never disputes between neighbours — with where each stands and the steps taken,
 * and those finished in the last 30 days. Nobody's name or words are shown (`ticket.board`).
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
