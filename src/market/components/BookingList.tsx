/**
 * A list of bookings with their actions (cancel with confirmation; check-in at the counter) and the
 * inline outcome notice, wired to `useBookingActions`. Used by "my bookings" and the counter.
 */
import { Text, View } from '@tarojs/components';
import type { BookingView } from '../api';
import { useBookingActions } from '../useBookingActions';
import { BookingCard } from './BookingCard';

export function BookingList({ bookings, reload, counter = false }: { bookings: BookingView[]; reload: () => void; counter?: boolean }) {
  const actions = useBookingActions(reload);
  return (
    <View>
      {actions.notice ? <Text className={actions.notice.ok ? 'notice-ok' : 'notice'}>{actions.notice.text}</Text> : null}
      {bookings.map((b) => (
        <BookingCard
          key={b.id}
          booking={b}
          busy={actions.busyId === b.id}
          onCancel={actions.cancel}
          confirming={actions.confirmingId === b.id}
          onConfirmCancel={actions.confirmCancel}
          onKeep={actions.keep}
          onCheckIn={counter ? actions.checkIn : undefined}
        />
      ))}
    </View>
  );
}
