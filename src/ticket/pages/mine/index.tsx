/**
 * 我反映的问题: the problems this resident reported, and the ones they joined (我也遇到了), newest
 * first, each with where it stands and who helps; a tap opens its progress.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { call } from '../../../services/call';
import { useProxyWords } from '../../../services/family';
import type { ProxyWords } from '../../../services/familyActions';
import { TICKET_URLS, type ResidentTicketView } from '../../api';
import { TicketErrorState, TicketPage } from '../../components/TicketPage';
import { whenText } from '../../when';

export default function MyTicketsPage() {
  const list = useRemote(() => call('ticket', 'myTickets'));
  // 家人代办: while acting for an elder the list is his (「邹建庄反映的问题」)
  const w = useProxyWords();
  useReloadOnReturn(list.reload);
  return (
    <TicketPage proxy className="ticket-mine">
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <TicketErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? (
        <EmptyState text={w.say('还没有反映过问题', '{name}还没有反映过问题')} actionText={w.say('反映问题', '为{name}反映问题')} onAction={() => Taro.redirectTo({ url: TICKET_URLS.report })} />
      ) : null}
      {list.state === 'ok' && list.data.length ? (
        <View>
          <Text className="title ticket-page-title">{w.say('我反映的问题', '{name}反映的问题')}（{list.data.length}）</Text>
          {list.data.map((t) => (
            <MyTicketCard key={t.id} t={t} w={w} />
          ))}
          <View className="actions">
            <Button size="large" block onClick={() => Taro.navigateTo({ url: TICKET_URLS.report })}>
              再反映一个问题
            </Button>
          </View>
        </View>
      ) : null}
    </TicketPage>
  );
}

function MyTicketCard({ t, w }: { t: ResidentTicketView; w: ProxyWords }) {
  const open = () => Taro.navigateTo({ url: TICKET_URLS.detail(t.id) });
  return (
    <View className="card my-ticket" data-ticket={t.id} onClick={open}>
      <View className="queue-head">
        <Text className="queue-category">{t.categoryLabel}</Text>
        <Text className={`queue-status status-${t.status}`}>{t.statusLabel}</Text>
      </View>
      {t.relation === 'mine' ? <Text className="queue-summary">{t.text}</Text> : <Text className="queue-summary">我也遇到了（和邻居反映的是同一件事）</Text>}
      <Text className="queue-line">地点：{t.place.text}</Text>
      <Text className="queue-line">{t.relation === 'mine' ? '反映时间' : '开始时间'}：{whenText(t.createdAt)}</Text>
      <Text className="queue-line">帮{w.you}处理：{t.helper}</Text>
      {t.canRate ? <Text className="queue-line rate-wanted">{w.say('已办结，请您评价', '已办结，请{name}本人评价')}</Text> : null}
      <Text className="queue-open">看进展 ›</Text>
    </View>
  );
}
