/**
 * One market day: every service with its slots and places left. Tap an open slot to go to the
 * booking confirmation. At the counter (`for`=residentId, `forName`), it books for that resident.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { marketApi, type SlotView } from '../../api';
import { ServiceCard } from '../../components/ServiceCard';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState, EmptyState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import '../../market.css';

export default function MarketDayPage() {
  const { params } = useRouter();
  const dayId = params.id ? decodeURIComponent(params.id) : '';
  const forId = params.for ? decodeURIComponent(params.for) : '';
  const forName = params.forName ? decodeURIComponent(params.forName) : '';
  const load = useCallback(() => marketApi.getMarketDay(dayId, forId || undefined), [dayId, forId]);
  const detail = useRemote(load, [load]);
  useReloadOnReturn(detail.reload);

  const assist = forId ? `&for=${encodeURIComponent(forId)}&forName=${encodeURIComponent(forName)}` : '';
  const pick = (slot: SlotView) =>
    Taro.navigateTo({ url: `/market/pages/confirm/index?day=${encodeURIComponent(dayId)}&slot=${encodeURIComponent(slot.id)}${assist}` });
  const showMine = () => (forId ? Taro.navigateBack() : Taro.navigateTo({ url: '/market/pages/bookings/index' }));

  if (detail.state === 'loading') return <Page><LoadingState /></Page>;
  if (detail.state === 'error') return <Page><ErrorState message={detail.error.message} onRetry={detail.reload} /></Page>;
  const { day, services } = detail.data;
  return (
    <Page className="market-day">
      <View className="card">
        {forId ? <Text className="notice assist-banner">正在为 {forName} 代为预约</Text> : null}
        <Text className="title">{day.marketName} · {day.dateLabel}</Text>
        <Text className="muted">时间：{day.start}–{day.end}</Text>
        <Text className="muted">地点：{day.place}</Text>
        <Text className="muted">请选择要预约的项目和时间：</Text>
      </View>
      {services.length === 0 ? <EmptyState text="这一期还没有安排服务项目" /> : null}
      {services.map((s) => (
        <ServiceCard key={s.id} service={s} onPick={pick} onShowMine={showMine} />
      ))}
    </Page>
  );
}
