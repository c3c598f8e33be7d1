/**
 * 疑难督办 (community admins): problems nobody owns — no grid, returned, or past their deadline —
 * overdue first. A tap opens the ticket to assign a grid worker, supervise (督办) or remind (催办).
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { TICKET_URLS } from '../../../ticket/api';
import { call } from '../../../services/call';
import { QueueCard } from '../../../ticket/components/QueueCard';
import { TicketErrorState, TicketPage } from '../../../ticket/components/TicketPage';

export default function HardCasesPage() {
  const list = useRemote(() => call('ticket', 'hardCases'));
  useReloadOnReturn(list.reload);
  return (
    <TicketPage className="desk-hard">
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <TicketErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.state === 'ok' && !list.data.length ? <EmptyState text="现在没有疑难问题。" /> : null}
      {list.state === 'ok' && list.data.length ? (
        <View>
          <Text className="title ticket-page-title">疑难问题（{list.data.length}）</Text>
          {[...list.data.filter((t) => t.overdue), ...list.data.filter((t) => !t.overdue)].map((t) => (
            <QueueCard key={t.id} item={t} onOpen={() => Taro.navigateTo({ url: TICKET_URLS.deskDetail(t.id) })} action="安排 ›" />
          ))}
        </View>
      ) : null}
    </TicketPage>
  );
}
