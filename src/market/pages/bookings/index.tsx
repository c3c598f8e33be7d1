/**
 * My bookings: coming bookings first (soonest first; cancelled and past ones folded), with the code to show at the
 * stall and a cancel button (asks first) until the slot starts.
 */
import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { marketApi } from '../../api';
import { BookingList } from '../../components/BookingList';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import '../../market.css';

export default function BookingsPage() {
  const list = useRemote(marketApi.myBookings);
  useReloadOnReturn(list.reload);

  return (
    <Page className="bookings">
      <Text className="title bookings-title">我的预约</Text>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? (
        <EmptyState text="您还没有预约" actionText="回首页去预约" onAction={() => Taro.reLaunch({ url: '/pages/index/index' })} />
      ) : null}
      {list.state === 'ok' ? <BookingList bookings={list.data} reload={list.reload} split /> : null}
    </Page>
  );
}
