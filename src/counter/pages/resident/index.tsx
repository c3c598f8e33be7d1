/**
 * One resident at the counter: their bookings (with the code shown large to read out or copy onto
 * a slip), check-in and cancel on their behalf, and the entry to book a market place for them.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { marketApi, type MarketDaySummary } from '../../../market/api';
import { BookingList } from '../../../market/components/BookingList';
import type { CallResult } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import type { BookingView } from '../../../market/api';
import { ticketApi, type TicketView } from '../../../ticket/api';
import '../../counter.css';
import '../../../market/market.css';

interface ResidentData {
  bookings: BookingView[];
  days: MarketDaySummary[];
  tickets: TicketView[];
}

export default function CounterResidentPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const name = decodeURIComponent(params.name ?? '');
  const address = decodeURIComponent(params.address ?? '');
  const hasPhone = params.phone === '1';
  const load = useCallback(async (): Promise<CallResult<ResidentData>> => {
    const [bookings, days, tickets] = await Promise.all([marketApi.bookingsFor(id), marketApi.listMarketDays(), ticketApi.ticketsFor(id)]);
    if (!bookings.ok) return bookings;
    if (!days.ok) return days;
    if (!tickets.ok) return tickets;
    return { ok: true, data: { bookings: bookings.data, days: days.data.days, tickets: tickets.data } };
  }, [id]);
  const data = useRemote(load, [load]);
  useReloadOnReturn(data.reload);

  const bookFor = (day: MarketDaySummary) =>
    Taro.navigateTo({ url: `/market/pages/day/index?id=${encodeURIComponent(day.id)}&for=${encodeURIComponent(id)}&forName=${encodeURIComponent(name)}` });

  return (
    <Page className="counter-resident">
      <View className="card">
        <Text className="title">{name}</Text>
        <Text className="muted">{address}</Text>
        <Text className="muted">{hasPhone ? '有手机' : '没有手机：由工作人员代办，预约码请抄给居民'}</Text>
      </View>
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <ErrorState message={data.error.message} onRetry={data.reload} /> : null}
      {data.state === 'ok' ? (
        <View>
          <View className="card">
            <Text className="subtitle">代为预约集市服务</Text>
            {data.data.days.length === 0 ? <Text className="muted">暂时没有可以预约的集市</Text> : null}
            <View className="actions">
              {data.data.days.slice(0, 2).map((d, i) => (
                <Button key={d.id} type={i === 0 ? 'primary' : 'default'} size="large" block onClick={() => bookFor(d)}>
                  为{name}预约 {d.dateLabel}
                </Button>
              ))}
            </View>
          </View>
          <View className="card">
            <Text className="subtitle">代为反映问题</Text>
            <Text className="muted">邻里纠纷、楼道杂物、设施损坏……转给网格员处理</Text>
            <View className="actions">
              <Button size="large" block onClick={() => Taro.navigateTo({ url: `/counter/pages/report/index?for=${encodeURIComponent(id)}&forName=${encodeURIComponent(name)}` })}>
                为{name}反映问题
              </Button>
            </View>
            {data.data.tickets.map((t) => (
              <View key={t.id} className="ticket-card">
                <Text className="confirm-line">
                  {t.categoryLabel} · {t.statusLabel}
                </Text>
                <Text className="muted">{t.text}</Text>
                <Text className="muted">
                  {t.gridCode ? `${t.gridCode} 网格` : '社区'}
                  {t.assisted ? ` · 由 ${t.actorName} 代为反映` : ''}
                </Text>
              </View>
            ))}
          </View>
          <Text className="subtitle counter-section">{name}的预约</Text>
          {data.data.bookings.length === 0 ? <Text className="muted">还没有预约</Text> : null}
          <BookingList bookings={data.data.bookings} reload={data.reload} counter />
        </View>
      ) : null}
    </Page>
  );
}
