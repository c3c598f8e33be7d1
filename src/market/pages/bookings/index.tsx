/**
 * My bookings: every booking made for me, newest market day first, with the code to show at the
 * stall and a cancel button (asks first) until the slot starts.
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { marketApi, type BookingView } from '../../api';
import { BookingCard } from '../../components/BookingCard';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import '../../market.css';

export default function BookingsPage() {
  const list = useRemote(marketApi.myBookings);
  useReloadOnReturn(list.reload);
  const [busyId, setBusyId] = useState<string | null>(null);

  const cancel = async (b: BookingView) => {
    const answer = await Taro.showModal({
      title: '取消预约',
      content: `确定取消 ${b.dateLabel} ${b.slotLabel} 的${b.serviceName}吗？取消后名额会让给其他居民。`,
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (!answer.confirm) return;
    setBusyId(b.id);
    const r = await marketApi.cancelBooking(b.id);
    setBusyId(null);
    if (r.ok) Taro.showToast({ title: '已取消', icon: 'success' });
    else Taro.showModal({ title: '没有取消成功', content: r.error.message, showCancel: false, confirmText: '知道了' });
    list.reload();
  };

  if (list.state === 'loading') return <LoadingState />;
  if (list.state === 'error') return <ErrorState message={list.error.message} onRetry={list.reload} />;
  if (list.data.length === 0) {
    return <EmptyState text="您还没有预约" actionText="回首页去预约" onAction={() => Taro.reLaunch({ url: '/pages/index/index' })} />;
  }
  return (
    <View className="page bookings">
      {list.data.map((b) => (
        <BookingCard key={b.id} booking={b} busy={busyId === b.id} onCancel={cancel} />
      ))}
    </View>
  );
}
