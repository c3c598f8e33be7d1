/**
 * One market day: the services first (name, what it is, places left, or "不用预约" for walk-in ones);
 * a service unfolds its slots on tap, one service at a time (the first one that can be booked is open
 * when the page opens). Tap an open slot to go to the booking confirmation, a full one to wait in line
 * for it (候补, on the same confirmation page); a slot the resident waits for shows their place. At the counter
 * (`for`=residentId), it books for that resident, loaded by id (the name shown is the record's), and a
 * full slot leads to 帮TA排候补 (the resident's places in line: `waitlistFor`).
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { SlotView } from '../../api';
import { loadDayFor } from '../../loadDayFor';
import { useProxyWords } from '../../../services/family';
import { ServiceCard } from '../../components/ServiceCard';
import { Page, backToPage } from '../../../ui/Page';
import { ErrorState, LoadingState, EmptyState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import '../../market.css';

export default function MarketDayPage() {
  const { params } = useRouter();
  const dayId = params.id ? decodeURIComponent(params.id) : '';
  const forId = params.for ? decodeURIComponent(params.for) : '';
  const load = useCallback(() => loadDayFor(dayId, forId), [dayId, forId]);
  const detail = useRemote(load, [load]);
  // 家人代办: his booking and place in line read as his (「查看邹建庄的预约」)
  const w = useProxyWords(!!forId);
  useReloadOnReturn(detail.reload);
  // undefined: nothing chosen yet (the first bookable service is open); null: all folded
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);

  const assist = forId ? `&for=${encodeURIComponent(forId)}` : '';
  const pick = (slot: SlotView) =>
    Taro.navigateTo({ url: `/market/pages/confirm/index?day=${encodeURIComponent(dayId)}&slot=${encodeURIComponent(slot.id)}${assist}` });
  const showMine = () =>
    forId ? backToPage('counter/pages/resident/index', `/counter/pages/resident/index?id=${encodeURIComponent(forId)}`) : Taro.navigateTo({ url: '/market/pages/bookings/index' });

  if (detail.state === 'loading') return <Page proxy><LoadingState /></Page>;
  if (detail.state === 'error') return <Page proxy><ErrorState message={detail.error.message} code={detail.error.code} onRetry={detail.reload} /></Page>;
  const { detail: { day, services }, resident, waitlist } = detail.data;
  const waiting = new Map(waitlist.map((w) => [w.slotId, w.position]));
  const firstBookable = services.find((s) => s.bookingMode !== 'none' && !s.myBookingId && s.slots.some((sl) => sl.state === 'open'));
  const openId = chosen === undefined ? (firstBookable?.id ?? null) : chosen;
  return (
    <Page proxy className="market-day">
      <View className="card">
        {resident ? <Text className="notice assist-banner">正在为 {resident.name} 代为预约</Text> : null}
        <Text className="title">
          {day.marketName} · <Text className="nowrap">{day.dateLabel}</Text>
        </Text>
        <Text className="muted">时间：{day.start}–{day.end}</Text>
        <Text className="muted">地点：{day.place}</Text>
        <Text className="muted">先选项目，再选时间：</Text>
      </View>
      {services.length === 0 ? <EmptyState text="这一期还没有安排服务项目" /> : null}
      {services.map((s) => (
        <ServiceCard key={s.id} service={s} whose={resident?.name ?? w.elder ?? undefined} onPick={pick} onWait={pick} waiting={waiting} onShowMine={showMine} open={openId === s.id} onToggle={() => setChosen(openId === s.id ? null : s.id)} />
      ))}
    </Page>
  );
}
