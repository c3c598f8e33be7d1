/**
 * One of "my bookings": service, day, time, place, the booking code, its status, and a cancel
 * button while it can still be cancelled (the page asks for confirmation first).
 */
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '../../ui/nutui';
import type { BookingView } from '../api';

const STATUS: Record<BookingView['status'], { text: string; type: 'success' | 'default' | 'warning' | 'primary' }> = {
  booked: { text: '已预约', type: 'success' },
  cancelled: { text: '已取消', type: 'default' },
  checkedIn: { text: '已签到', type: 'primary' },
  noShow: { text: '未到场', type: 'warning' },
};

export function BookingCard({ booking, busy, onCancel }: { booking: BookingView; busy: boolean; onCancel: (b: BookingView) => void }) {
  const status = STATUS[booking.status];
  return (
    <View className={`card booking-card booking-${booking.status}`}>
      <View className="row">
        <Text className="subtitle">{booking.serviceName}</Text>
        <Tag type={status.type}>{status.text}</Tag>
      </View>
      <Text className="muted">
        {booking.dateLabel} {booking.mode === 'queue' ? `${booking.slotLabel}（排队）` : booking.slotLabel}
      </Text>
      <Text className="muted">地点：{booking.place}</Text>
      {booking.assisted ? (
        <Text className="muted booking-assisted">
          由 {booking.actorName} 在解忧铺代为预约{booking.consentRecorded ? '（居民已口头同意）' : ''}
        </Text>
      ) : null}
      {booking.status === 'booked' ? (
        <View>
          <Text className="muted">预约码（到场时出示）</Text>
          <Text className="big-code">{booking.code}</Text>
        </View>
      ) : null}
      {booking.cancellable ? (
        <View className="actions">
          <Button size="large" loading={busy} disabled={busy} onClick={() => onCancel(booking)}>
            取消这个预约
          </Button>
        </View>
      ) : null}
    </View>
  );
}
