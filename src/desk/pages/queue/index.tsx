/**
 * 我的工单 (grid workers): the problems waiting in the caller's grids — overdue first, marked
 * 已超时 in words — and the ones they are handling. A tap opens the ticket to accept or work it.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { TICKET_URLS, ticketApi, type QueueItem } from '../../../ticket/api';
import { QueueCard } from '../../../ticket/components/QueueCard';
import { TicketErrorState, TicketPage } from '../../../ticket/components/TicketPage';

/** Overdue first; otherwise the function's order (soonest deadline, then oldest). */
const overdueFirst = (list: QueueItem[]) => [...list.filter((t) => t.overdue), ...list.filter((t) => !t.overdue)];

export default function QueuePage() {
  const returned = useRouter().params.returned === '1';
  const q = useRemote(ticketApi.queue);
  useReloadOnReturn(q.reload);
  const open = (id: string) => () => Taro.navigateTo({ url: TICKET_URLS.deskDetail(id) });
  return (
    <TicketPage className="desk-queue">
      {q.state === 'loading' ? <LoadingState /> : null}
      {q.state === 'error' ? <TicketErrorState error={q.error} onRetry={q.reload} /> : null}
      {returned ? (
        <Text className="notice-ok" aria-live="polite">
          已退单：这个问题退回社区，由社区重新安排。
        </Text>
      ) : null}
      {q.state === 'ok' ? (
        <View>
          <Text className="title ticket-page-title queue-waiting-title">等您受理（{q.data.waiting.length}）</Text>
          {q.data.waitingLimited ? (
            <Text className="notice queue-limited">等待受理的问题很多，这里只列出最急的 {q.data.limit} 条。受理几条以后再刷新，会看到后面的。</Text>
          ) : null}
          {q.data.waiting.length ? (
            overdueFirst(q.data.waiting).map((t) => <QueueCard key={t.id} item={t} onOpen={open(t.id)} action="查看并受理 ›" />)
          ) : (
            <Text className="ticket-empty">现在没有等待受理的问题。</Text>
          )}
          <Text className="title ticket-page-title queue-mine-title">我正在办的（{q.data.mine.length}）</Text>
          {q.data.mine.length ? (
            overdueFirst(q.data.mine).map((t) => <QueueCard key={t.id} item={t} onOpen={open(t.id)} action="去办理 ›" showAssignee={false} />)
          ) : (
            <Text className="ticket-empty">您手上没有正在办的问题。</Text>
          )}
        </View>
      ) : null}
    </TicketPage>
  );
}
