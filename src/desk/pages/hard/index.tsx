/**
 * 疑难督办 (community admins): problems nobody owns — no grid, returned, or past their deadline —
 * overdue first. A tap opens the ticket to assign a grid worker, supervise (督办) or remind (催办).
 * Below them (issue 20), the opinions (意见建议) past their reply deadline and not yet resolved,
 * ticketed or answered (`consult.overdueOpinions`); a tap opens the staff opinion page.
 * At the top, 待我处理（N）: extension requests and checks waiting on the admin (issue 21).
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { TICKET_URLS } from '../../../ticket/api';
import { call } from '../../../services/call';
import { whenText } from '../../../ticket/when';
import { QueueCard } from '../../../ticket/components/QueueCard';
import { TicketErrorState, TicketPage } from '../../../ticket/components/TicketPage';
import { DecisionsEntry } from '../../components/DecisionsEntry';

/** The staff page of one opinion (src/consultAdmin, issue 20; `OPINION_DETAIL_PAGE` of consult/contracts/opinions.ts). */
const OPINION_DETAIL_PAGE = '/consultAdmin/pages/opinionDetail/index';

export default function HardCasesPage() {
  const list = useRemote(() => call('ticket', 'hardCases'));
  const opinions = useRemote(() => call('consult', 'overdueOpinions'));
  // a grid worker may not list hard cases (admins assign them) but does work overdue opinions: show those alone
  const staffOnlyOpinions = list.state === 'error' && list.error.code === 'COMMON.FORBIDDEN';
  useReloadOnReturn(() => {
    list.reload();
    opinions.reload();
  });
  return (
    <TicketPage className="desk-hard">
      <DecisionsEntry />
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' && !(staffOnlyOpinions && opinions.state === 'ok') ? <TicketErrorState error={list.error} onRetry={list.reload} /> : null}
      {staffOnlyOpinions && opinions.state === 'ok' ? <Text className="hint">疑难问题由社区管理员安排；这里是超期还没答复的意见建议。</Text> : null}
      {staffOnlyOpinions && opinions.state === 'ok' && !opinions.data.length ? <EmptyState text="现在没有超期的意见建议。" /> : null}
      {list.state === 'ok' && !list.data.length ? <EmptyState text="现在没有疑难问题。" /> : null}
      {list.state === 'ok' && list.data.length ? (
        <View>
          <Text className="title ticket-page-title">疑难问题（{list.data.length}）</Text>
          {[...list.data.filter((t) => t.overdue), ...list.data.filter((t) => !t.overdue)].map((t) => (
            <QueueCard key={t.id} item={t} onOpen={() => Taro.navigateTo({ url: TICKET_URLS.deskDetail(t.id) })} action="安排 ›" />
          ))}
        </View>
      ) : null}
      {opinions.state === 'error' ? <TicketErrorState error={opinions.error} onRetry={opinions.reload} /> : null}
      {opinions.state === 'ok' && opinions.data.length ? (
        <View className="desk-hard-opinions">
          <Text className="title ticket-page-title">超期未答复的意见建议（{opinions.data.length}）</Text>
          {opinions.data.map((o) => (
            <View key={o.id} className="card queue-card queue-overdue" data-opinion={o.id} onClick={() => Taro.navigateTo({ url: `${OPINION_DETAIL_PAGE}?id=${o.id}` })}>
              <Text className="overdue-band">已超期</Text>
              <View className="queue-head">
                <Text className="queue-category">{o.sourceLabel}</Text>
                <Text className="queue-status">{o.statusLabel}</Text>
              </View>
              <Text className="queue-summary">{o.text}</Text>
              {o.place ? <Text className="queue-line">地点：{o.place}</Text> : null}
              <Text className="queue-line">提出人：{o.giverName}</Text>
              <Text className="queue-line queue-due-over">应在 {whenText(o.dueAt)} 前答复</Text>
              <Text className="queue-open">办理 ›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </TicketPage>
  );
}
