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
import '../../counter.css';
import '../../../market/market.css';

interface ResidentData {
  bookings: BookingView[];
  days: MarketDaySummary[];
}

export default function CounterResidentPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const name = decodeURIComponent(params.name ?? '');
  const address = decodeURIComponent(params.address ?? '');
  const hasPhone = params.phone === '1';
  const load = useCallback(async (): Promise<CallResult<ResidentData>> => {
    const [bookings, days] = await Promise.all([marketApi.bookingsFor(id), marketApi.listMarketDays()]);
    if (!bookings.ok) return bookings;
    if (!days.ok) return days;
    return { ok: true, data: { bookings: bookings.data, days: days.data.days } };
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
          <Text className="subtitle counter-section">{name}的预约</Text>
          {data.data.bookings.length === 0 ? <Text className="muted">还没有预约</Text> : null}
          <BookingList bookings={data.data.bookings} reload={data.reload} counter />
        </View>
      ) : null}
    </Page>
  );
}
