/**
 * A list of bookings with their actions (cancel with confirmation; check-in at the counter) and the
 * inline outcome notice, wired to `useBookingActions`. Used by "my bookings" and the counter.
 *
 * With `split` (my bookings): coming bookings first, soonest first; cancelled and past ones folded
 * under "以前的和已取消的预约（N）", newest first, unfolded on tap.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useProxyWords } from '../../services/family';
import { Button } from '../../ui/nutui';
import { localDate } from '../../ui/time';
import type { BookingView } from '../api';
import { useBookingActions } from '../useBookingActions';
import { BookingCard } from './BookingCard';

/** Today's date (YYYY-MM-DD) in China, as market days are dated. */
function todayInChina(now = Date.now()): string {
  return localDate(0, now);
}

/** Coming bookings (still booked, on a market day from today on) soonest first; the rest newest first. */
export function splitBookings(bookings: BookingView[], today = todayInChina()): { coming: BookingView[]; earlier: BookingView[] } {
  const isComing = (b: BookingView) => b.status === 'booked' && b.date >= today;
  const coming = bookings.filter(isComing).sort((a, b) => a.startAt.localeCompare(b.startAt));
  const earlier = bookings.filter((b) => !isComing(b)).sort((a, b) => b.startAt.localeCompare(a.startAt));
  return { coming, earlier };
}

export function BookingList({
  bookings,
  reload,
  counter = false,
  split = false,
  onGoBook,
}: {
  bookings: BookingView[];
  reload: () => void;
  counter?: boolean;
  split?: boolean;
  /** With `split`: when nothing is coming, the way to book (去预约) under "您现在没有要去的预约". */
  onGoBook?: () => void;
}) {
  const actions = useBookingActions(reload, counter);
  const w = useProxyWords(counter);
  const [showEarlier, setShowEarlier] = useState(false);
  const card = (b: BookingView) => (
    <BookingCard
      key={b.id}
      booking={b}
      busy={actions.busyId === b.id}
      onCancel={actions.cancel}
      confirming={actions.confirmingId === b.id}
      onConfirmCancel={actions.confirmCancel}
      onKeep={actions.keep}
      onCheckIn={counter ? actions.checkIn : undefined}
      whom={w.you}
    />
  );
  const notice = actions.notice ? <Text className={actions.notice.ok ? 'notice-ok' : 'notice'}>{actions.notice.text}</Text> : null;
  if (!split) {
    return (
      <View>
        {notice}
        {bookings.map(card)}
      </View>
    );
  }
  const { coming, earlier } = splitBookings(bookings);
  return (
    <View>
      {notice}
      {coming.length === 0 && bookings.length > 0 ? (
        <View className="bookings-none">
          <Text className="bookings-none-coming">{w.you}现在没有要去的预约</Text>
          {onGoBook ? (
            <Button className="bookings-go" type="primary" size="large" block onClick={onGoBook}>
              去预约
            </Button>
          ) : null}
        </View>
      ) : null}
      {coming.map(card)}
      {earlier.length > 0 ? (
        <View className="bookings-earlier">
          <Button className="bookings-earlier-toggle" size="large" block onClick={() => setShowEarlier(!showEarlier)}>
            {showEarlier ? '收起以前的和已取消的预约' : `以前的和已取消的预约（${earlier.length}）`}
          </Button>
          {showEarlier ? <View className="bookings-earlier-list">{earlier.map(card)}</View> : null}
        </View>
      ) : null}
    </View>
  );
}
