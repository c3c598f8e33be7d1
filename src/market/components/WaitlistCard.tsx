/**
 * One place in line (候补) under 我的预约, or at the counter under a resident's bookings: the service
 * (or 活动：<event title>), day and time, the place in line, who put them in line when it was someone
 * else (代为排候补), and a way out — 不排了 for the resident, 取消候补 at the counter (`forName`: the
 * resident served). Leaving asks first, inside the card (no pop-up, in every mode: elder mode has
 * none, and one way is easier to learn). `busy` while the leave call runs.
 */
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '../../ui/nutui';
import type { WaitlistView } from '../api';

export interface WaitlistCardProps {
  entry: WaitlistView;
  busy: boolean;
  /** The card is asking "确定不排了吗？". */
  confirming: boolean;
  onLeave: (e: WaitlistView) => void;
  onConfirmLeave: (e: WaitlistView) => void;
  onKeep: () => void;
  /** Whom the place serves, as the page addresses them: 「您」 (default), or the elder a family member acts for (「邹建庄」). */
  whom?: string;
  /** At the counter: the name of the resident whose place it is (the words say 赵建国, not 您). */
  forName?: string;
}

export function WaitlistCard({ entry, busy, confirming, onLeave, onConfirmLeave, onKeep, whom = '您', forName }: WaitlistCardProps) {
  const who = forName ?? whom;
  const book = entry.eventId ? '报名' : '预约';
  return (
    <View className="card booking-card waitlist-card" data-waitlist={entry.id}>
      <View className="row">
        <Text className="subtitle">
          {entry.eventId ? '活动：' : ''}
          {entry.serviceName}
        </Text>
        <Tag type="warning">候补中</Tag>
      </View>
      <Text className="muted">
        {entry.dateLabel} {entry.slotLabel}
      </Text>
      <Text className="wait-position">{`${who}排在候补第 ${entry.position} 位`}</Text>
      {entry.assisted ? <Text className="muted waitlist-assisted">由 {entry.actorName} 代为排候补</Text> : null}
      <Text className="muted">{`有人取消时按先后自动为${who}${book}，并发消息告诉${who}。`}</Text>
      {confirming ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">{forName ? `确定为${forName}取消候补吗？取消以后，有名额也不会再为${forName}${book}。` : `确定不排了吗？不排以后，有名额也不会再为${who}${book}。`}</Text>
          <View className="actions">
            <Button className="wait-leave-yes" type="primary" size="large" block loading={busy} disabled={busy} onClick={() => onConfirmLeave(entry)}>
              {forName ? '确定取消候补' : '确定不排了'}
            </Button>
            <Button size="large" block disabled={busy} onClick={onKeep}>
              继续排队
            </Button>
          </View>
        </View>
      ) : (
        <View className="actions">
          <Button className="wait-leave" size="large" block disabled={busy} onClick={() => onLeave(entry)}>
            {forName ? '取消候补' : '不排了'}
          </Button>
        </View>
      )}
    </View>
  );
}
