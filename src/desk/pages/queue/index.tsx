/**
 * 我的工单 (grid workers): the problems waiting in the caller's grids — overdue first, marked
 * 已超时 in words — and the ones they are handling. A tap opens the ticket to accept or work it.
 * 登记我发现的问题 at the top opens the form for a problem they found themselves (`desk/pages/file`);
 * 待我处理（N） under it, the problems waiting for their check (核查) or, for admins, decision (issue 21).
 *
 * Fair per reporter (issue 16): the list shows at most a few waiting problems of one resident; under
 * the last one shown, "同一位居民还反映了 N 个问题" and 看这些问题 open this page with `?sameAs=<ticket id>`,
 * which lists every waiting problem of that resident (loaded by the ticket's id; no name in the URL).
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { TICKET_URLS, type QueueItem, type QueueRow } from '../../../ticket/api';
import { call } from '../../../services/call';
import { QueueCard } from '../../../ticket/components/QueueCard';
import { TicketErrorState, TicketPage } from '../../../ticket/components/TicketPage';
import { ConsultEntry } from '../../../consultAdmin/components/ConsultEntry';
import { DecisionsEntry } from '../../components/DecisionsEntry';
import { RoundsEntry } from '../../../rounds/components/RoundsEntry';

/** Overdue first; otherwise the function's order (soonest deadline, then oldest). */
const overdueFirst = <T extends QueueItem>(list: T[]) => [...list.filter((t) => t.overdue), ...list.filter((t) => !t.overdue)];

/** A waiting ticket, and under it the way to the same resident's other waiting ones. */
function WaitingRow({ item, onOpen }: { item: QueueRow; onOpen: () => void }) {
  return (
    <View className="queue-row">
      <QueueCard item={item} onOpen={onOpen} action="查看并受理 ›" />
      {item.moreFromSameReporter > 0 ? (
        <View className="queue-more" data-more-for={item.id}>
          <Text className="queue-more-text">同一位居民还反映了 {item.moreFromSameReporter} 个问题</Text>
          <Button size="large" block onClick={() => Taro.navigateTo({ url: TICKET_URLS.queueSameReporter(item.id) })}>
            看这些问题 ›
          </Button>
        </View>
      ) : null}
    </View>
  );
}

export default function QueuePage() {
  const params = useRouter().params;
  const returned = params.returned === '1';
  const sameAs = params.sameAs || undefined;
  const q = useRemote(() => call('ticket', 'queue', sameAs ? { sameReporterAs: sameAs } : {}), [sameAs]);
  useReloadOnReturn(q.reload);
  const open = (id: string) => () => Taro.navigateTo({ url: TICKET_URLS.deskDetail(id) });
  if (sameAs) {
    return (
      <TicketPage className="desk-queue desk-queue-same">
        {q.state === 'loading' ? <LoadingState /> : null}
        {q.state === 'error' ? <TicketErrorState error={q.error} onRetry={q.reload} /> : null}
        {q.state === 'ok' ? (
          <View>
            <Text className="title ticket-page-title queue-same-title">同一位居民反映的问题（{q.data.waiting.length}）</Text>
            <Text className="ticket-hint">都在等您受理。内容相同的可以合并，由社区统一处理。</Text>
            {q.data.waitingLimited ? <Text className="notice queue-limited">这里只列出最急的 {q.data.limit} 条。</Text> : null}
            {overdueFirst(q.data.waiting).map((t) => (
              <QueueCard key={t.id} item={t} onOpen={open(t.id)} action="查看并受理 ›" />
            ))}
          </View>
        ) : null}
        <View className="actions">
          <Button size="large" block onClick={() => Taro.redirectTo({ url: TICKET_URLS.queue })}>
            回到全部等待受理的问题
          </Button>
        </View>
      </TicketPage>
    );
  }
  return (
    <TicketPage className="desk-queue">
      {q.state === 'loading' ? <LoadingState /> : null}
      {q.state === 'error' ? <TicketErrorState error={q.error} onRetry={q.reload} /> : null}
      {returned ? (
        <Text className="notice-ok" aria-live="polite">
          已退单：这个问题退回社区，由社区重新安排。
        </Text>
      ) : null}
      <View className="actions queue-file">
        <Button size="large" block className="to-file-case" onClick={() => Taro.navigateTo({ url: TICKET_URLS.fileCase })}>
          登记我发现的问题
        </Button>
      </View>
      <DecisionsEntry />
      {q.state === 'ok' ? (
        <View>
          <Text className="title ticket-page-title queue-waiting-title">等您受理（{q.data.waiting.length}）</Text>
          {q.data.waitingLimited ? (
            <Text className="notice queue-limited">等待受理的问题很多，这里只列出最急的 {q.data.limit} 条。受理几条以后再刷新，会看到后面的。</Text>
          ) : null}
          {q.data.waiting.length ? (
            overdueFirst(q.data.waiting).map((t) => <WaitingRow key={t.id} item={t} onOpen={open(t.id)} />)
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
      {/* the queue answers only to staff: 社区议事 beside their tickets */}
      {q.state === 'ok' ? <RoundsEntry staff compact /> : null}
      {q.state === 'ok' ? <ConsultEntry staff compact /> : null}
    </TicketPage>
  );
}
