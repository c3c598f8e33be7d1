/**
 * Booking confirmation: shows what will be booked (service, day, time, place), books on one tap
 * and shows the booking code large. A repeated tap or a retry after a network error reuses the same
 * requestId, so it can never make two bookings. At the counter (`for`, `forName`) it books for that
 * resident and first asks the staff member to confirm the resident's spoken consent.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { marketApi, type BookingView } from '../../api';
import { newRequestId, type CallError } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import '../../market.css';

type Submit = { state: 'idle' } | { state: 'sending' } | { state: 'done'; booking: BookingView } | { state: 'failed'; error: CallError };

export default function ConfirmPage() {
  const { params } = useRouter();
  const dayId = decodeURIComponent(params.day ?? '');
  const slotId = decodeURIComponent(params.slot ?? '');
  const forId = params.for ? decodeURIComponent(params.for) : '';
  const forName = params.forName ? decodeURIComponent(params.forName) : '';
  const load = useCallback(() => marketApi.getMarketDay(dayId, forId || undefined), [dayId, forId]);
  const detail = useRemote(load, [load]);
  const requestId = useRef(newRequestId());
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });
  const [consent, setConsent] = useState(false);

  const confirm = async () => {
    if (submit.state === 'sending') return;
    if (forId && !consent) {
      setSubmit({ state: 'failed', error: { code: 'COUNTER.CONSENT_REQUIRED', message: '请先问居民是否同意由您代为预约，同意后点上面的按钮确认' } });
      return;
    }
    setSubmit({ state: 'sending' });
    const r = forId ? await marketApi.bookFor(forId, slotId, requestId.current) : await marketApi.book(slotId, requestId.current);
    setSubmit(r.ok ? { state: 'done', booking: r.data } : { state: 'failed', error: r.error });
  };

  if (detail.state === 'loading') return <Page><LoadingState /></Page>;
  if (detail.state === 'error') return <Page><ErrorState message={detail.error.message} onRetry={detail.reload} /></Page>;
  const service = detail.data.services.find((s) => s.slots.some((sl) => sl.id === slotId));
  const slot = service?.slots.find((sl) => sl.id === slotId);
  const { day } = detail.data;

  if (submit.state === 'done') {
    const b = submit.booking;
    return (
      <Page className="confirm-done">
        <View className="card">
          <Text className="title">{forId ? `已为 ${b.residentName} 预约成功` : '预约成功'}</Text>
          <Text className="confirm-line">{b.serviceName}</Text>
          <Text className="confirm-line">{b.dateLabel} {b.slotLabel}</Text>
          <Text className="confirm-line">地点：{b.place}</Text>
          <Text className="muted">{forId ? '预约码（请念给居民听，或抄在小票上交给他）' : '您的预约码（到场时给工作人员看）'}</Text>
          <Text className="big-code booking-code slip-code">{b.code}</Text>
          <View className="actions">
            {forId ? (
              <Button type="primary" size="large" block onClick={() => Taro.navigateBack({ delta: 2 })}>
                回到 {b.residentName} 的预约
              </Button>
            ) : (
              <Button type="primary" size="large" block onClick={() => Taro.redirectTo({ url: '/market/pages/bookings/index' })}>
                查看我的预约
              </Button>
            )}
            <Button size="large" block onClick={() => Taro.navigateBack()}>
              继续预约其他项目
            </Button>
          </View>
        </View>
      </Page>
    );
  }

  if (!service || !slot) {
    return (
      <Page>
        <ErrorState message="没有找到这个时段，请返回重新选择" onRetry={() => Taro.navigateBack()} />
      </Page>
    );
  }

  return (
    <Page className="confirm">
      <View className="card">
        <Text className="title">{forId ? `为 ${forName} 代为预约` : '请确认预约信息'}</Text>
        <Text className="confirm-line">项目：{service.name}</Text>
        <Text className="confirm-line">日期：{day.dateLabel}</Text>
        <Text className="confirm-line">时间：{service.bookingMode === 'queue' ? `${slot.label}（排队取号）` : slot.label}</Text>
        <Text className="confirm-line">地点：{day.place}</Text>
        <Text className="confirm-line">剩余名额：{slot.remaining}</Text>
        {forId ? (
          <View className="actions consent">
            <Button className={`consent-choice${consent ? ' consent-on' : ''}`} size="large" block type={consent ? 'success' : 'default'} onClick={() => setConsent(!consent)}>
              {consent ? '☑ 居民已口头同意由我代为预约' : '☐ 已问过居民，他同意由我代为预约'}
            </Button>
          </View>
        ) : null}
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
        {/* at the counter the resident may have no phone: cancelling is done at the counter, not in "my bookings" */}
        {forId ? <Text className="muted">居民要取消时，请他来解忧铺找工作人员办理。</Text> : <Text className="muted">开始前都可以在“我的预约”里取消。</Text>}
      </View>
    </Page>
  );
}
