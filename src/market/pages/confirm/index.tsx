/**
 * Booking confirmation: shows what will be booked (service, day, time, place), books on one tap
 * and shows the booking code. A repeated tap or a retry after a network error reuses the same
 * requestId, so it can never make two bookings.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { marketApi, type BookingView } from '../../api';
import { newRequestId, type CallError } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import '../../market.css';

type Submit = { state: 'idle' } | { state: 'sending' } | { state: 'done'; booking: BookingView } | { state: 'failed'; error: CallError };

export default function ConfirmPage() {
  const { params } = useRouter();
  const dayId = decodeURIComponent(params.day ?? '');
  const slotId = decodeURIComponent(params.slot ?? '');
  const load = useCallback(() => marketApi.getMarketDay(dayId), [dayId]);
  const detail = useRemote(load, [load]);
  const requestId = useRef(newRequestId());
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });

  const confirm = async () => {
    if (submit.state === 'sending') return;
    setSubmit({ state: 'sending' });
    const r = await marketApi.book(slotId, requestId.current);
    setSubmit(r.ok ? { state: 'done', booking: r.data } : { state: 'failed', error: r.error });
  };

  if (detail.state === 'loading') return <LoadingState />;
  if (detail.state === 'error') return <ErrorState message={detail.error.message} onRetry={detail.reload} />;
  const service = detail.data.services.find((s) => s.slots.some((sl) => sl.id === slotId));
  const slot = service?.slots.find((sl) => sl.id === slotId);
  const { day } = detail.data;

  if (submit.state === 'done') {
    const b = submit.booking;
    return (
      <View className="page confirm-done">
        <View className="card">
          <Text className="title">预约成功</Text>
          <Text className="confirm-line">{b.serviceName}</Text>
          <Text className="confirm-line">{b.dateLabel} {b.slotLabel}</Text>
          <Text className="confirm-line">地点：{b.place}</Text>
          <Text className="muted">您的预约码（到场时给工作人员看）</Text>
          <Text className="big-code booking-code">{b.code}</Text>
          <View className="actions">
            <Button type="primary" size="large" block onClick={() => Taro.redirectTo({ url: '/market/pages/bookings/index' })}>
              查看我的预约
            </Button>
            <Button size="large" block onClick={() => Taro.navigateBack()}>
              继续预约其他项目
            </Button>
          </View>
        </View>
      </View>
    );
  }

  if (!service || !slot) {
    return (
      <View className="page">
        <ErrorState message="没有找到这个时段，请返回重新选择" onRetry={() => Taro.navigateBack()} />
      </View>
    );
  }

  return (
    <View className="page confirm">
      <View className="card">
        <Text className="title">请确认预约信息</Text>
        <Text className="confirm-line">项目：{service.name}</Text>
        <Text className="confirm-line">日期：{day.dateLabel}</Text>
        <Text className="confirm-line">时间：{service.bookingMode === 'queue' ? `${slot.label}（排队取号）` : slot.label}</Text>
        <Text className="confirm-line">地点：{day.place}</Text>
        <Text className="confirm-line">剩余名额：{slot.remaining}</Text>
        {submit.state === 'failed' ? (
          <Text className="notice" aria-live="assertive">
            {submit.error.message}
          </Text>
        ) : null}
        <View className="actions">
          <Button type="primary" size="large" block loading={submit.state === 'sending'} disabled={submit.state === 'sending'} onClick={confirm}>
            {submit.state === 'failed' && submit.error.code === 'CLIENT.NETWORK' ? '再试一次' : '确认预约'}
          </Button>
          <Button size="large" block onClick={() => Taro.navigateBack()}>
            返回重新选择
          </Button>
        </View>
        <Text className="muted">开始前都可以在“我的预约”里取消。</Text>
      </View>
    </View>
  );
}
