/**
 * My bookings: every booking made for me, newest market day first, with the code to show at the
 * stall and a cancel button (asks first) until the slot starts.
 */
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { marketApi } from '../../api';
import { BookingCard } from '../../components/BookingCard';
import { useBookingActions } from '../../useBookingActions';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import '../../market.css';

export default function BookingsPage() {
  const list = useRemote(marketApi.myBookings);
  useReloadOnReturn(list.reload);
  const actions = useBookingActions(list.reload);

  return (
    <Page className="bookings">
      {actions.notice ? <Text className={actions.notice.ok ? 'notice-ok' : 'notice'}>{actions.notice.text}</Text> : null}
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} onRetry={list.reload} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? (
        <EmptyState text="您还没有预约" actionText="回首页去预约" onAction={() => Taro.reLaunch({ url: '/pages/index/index' })} />
      ) : null}
      {list.state === 'ok'
        ? list.data.map((b) => (
            <BookingCard
              key={b.id}
              booking={b}
              busy={actions.busyId === b.id}
              onCancel={actions.cancel}
              confirming={actions.confirmingId === b.id}
              onConfirmCancel={actions.confirmCancel}
              onKeep={actions.keep}
            />
          ))
        : null}
    </Page>
  );
}
