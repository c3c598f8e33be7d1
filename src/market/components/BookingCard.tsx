/**
 * One booking: service, day, time, place, the booking code, its status, who made it (代预约), and
 * the actions that apply: cancel (until the slot starts) and, at the counter, check in — offered only
 * when it can succeed (`checkInOpen`: booked, on its market day, its slot not over).
 * A booking made from the waitlist says so (候补成功): the resident learns it in the app, not only
 * from WeChat's message. Cancelling asks first — in elder mode inside the card (no pop-up), else through the page's dialog.
 */
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '../../ui/nutui';
import { BOOKING_STATUS_LABELS } from '../../../cloudfunctions/shared/vocabulary/statuses';
import type { BookingView } from '../api';

/** The tag's colour of each status (its words: `BOOKING_STATUS_LABELS`). */
const TAG_TYPE: Record<BookingView['status'], 'success' | 'default' | 'warning' | 'primary'> = { booked: 'success', cancelled: 'default', checkedIn: 'primary', noShow: 'warning' };

export interface BookingCardProps {
  booking: BookingView;
  busy: boolean;
  onCancel: (b: BookingView) => void;
  /** Elder mode: the card is asking "确定取消吗？" inline. */
  confirming?: boolean;
  onConfirmCancel?: (b: BookingView) => void;
  onKeep?: () => void;
  /** At the counter: check the resident in. */
  onCheckIn?: (b: BookingView) => void;
  /** Whom the booking serves, as the page addresses them: 「您」 (default), or the elder a family member acts for (「邹建庄」). */
  whom?: string;
}

export function BookingCard({ booking, busy, onCancel, confirming, onConfirmCancel, onKeep, onCheckIn, whom = '您' }: BookingCardProps) {
  const status = { text: BOOKING_STATUS_LABELS[booking.status], type: TAG_TYPE[booking.status] };
  return (
    <View className={`card booking-card booking-${booking.status}`}>
      <View className="row">
        <Text className="subtitle">
          {booking.eventId ? '活动：' : ''}
          {booking.serviceName}
        </Text>
        <Tag type={status.type}>{status.text}</Tag>
      </View>
      <Text className="muted">
        {booking.dateLabel} {booking.mode === 'queue' ? `${booking.slotLabel}（排队）` : booking.slotLabel}
      </Text>
      <Text className="muted">地点：{booking.place}</Text>
      {booking.fromWaitlist && booking.status === 'booked' ? <Text className="notice-ok booking-from-waitlist">{`候补成功：有人取消了，这个名额已为${whom}预约好`}</Text> : null}
      {booking.assisted ? (
        <Text className="muted booking-assisted">
          {booking.byFamily ? `由家人 ${booking.actorName} 代为预约` : `由 ${booking.actorName} 在解忧铺代为预约${booking.consentRecorded ? '（居民已口头同意）' : ''}`}
        </Text>
      ) : null}
      {booking.status === 'booked' ? (
        <View>
          <Text className="muted">预约码（到场时出示）</Text>
          <Text className="big-code">{booking.code}</Text>
        </View>
      ) : null}
      {confirming ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">确定取消这个预约吗？取消后名额会让给其他居民。</Text>
          <View className="actions">
            <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={() => onConfirmCancel?.(booking)}>
              确定取消
            </Button>
            <Button size="large" block disabled={busy} onClick={() => onKeep?.()}>
              不取消
            </Button>
          </View>
        </View>
      ) : (
        <View className="actions">
          {onCheckIn && booking.checkInOpen ? (
            <Button size="large" block disabled={busy} onClick={() => onCheckIn(booking)}>
              签到
            </Button>
          ) : null}
          {booking.cancellable ? (
            <Button size="large" block loading={busy} disabled={busy} onClick={() => onCancel(booking)}>
              取消这个预约
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
