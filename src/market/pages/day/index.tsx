/**
 * One market day: every service with its slots and places left. Tap an open slot to go to the
 * booking confirmation.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { marketApi, type SlotView } from '../../api';
import { ServiceCard } from '../../components/ServiceCard';
import { ErrorState, LoadingState, EmptyState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import '../../market.css';

export default function MarketDayPage() {
  const { params } = useRouter();
  const dayId = params.id ? decodeURIComponent(params.id) : '';
  const load = useCallback(() => marketApi.getMarketDay(dayId), [dayId]);
  const detail = useRemote(load, [load]);
  useReloadOnReturn(detail.reload);

  const pick = (slot: SlotView) =>
    Taro.navigateTo({ url: `/market/pages/confirm/index?day=${encodeURIComponent(dayId)}&slot=${encodeURIComponent(slot.id)}` });
  const showMine = () => Taro.navigateTo({ url: '/market/pages/bookings/index' });

  if (detail.state === 'loading') return <LoadingState />;
  if (detail.state === 'error') return <ErrorState message={detail.error.message} onRetry={detail.reload} />;
  const { day, services } = detail.data;
  return (
    <View className="page market-day">
      <View className="card">
        <Text className="title">{day.marketName} · {day.dateLabel}</Text>
        <Text className="muted">时间：{day.start}–{day.end}</Text>
        <Text className="muted">地点：{day.place}</Text>
        <Text className="muted">请选择要预约的项目和时间：</Text>
      </View>
      {services.length === 0 ? <EmptyState text="这一期还没有安排服务项目" /> : null}
      {services.map((s) => (
        <ServiceCard key={s.id} service={s} onPick={pick} onShowMine={showMine} />
      ))}
    </View>
  );
}
