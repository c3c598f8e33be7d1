/**
 * One place in line (候补) under 我的预约: the service, day and time, the place in line, and 不排了
 * (leave the line). Leaving asks first, inside the card (no pop-up, in every mode: elder mode has
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
}

export function WaitlistCard({ entry, busy, confirming, onLeave, onConfirmLeave, onKeep, whom = '您' }: WaitlistCardProps) {
  return (
    <View className="card booking-card waitlist-card" data-waitlist={entry.id}>
      <View className="row">
        <Text className="subtitle">{entry.serviceName}</Text>
        <Tag type="warning">候补中</Tag>
      </View>
      <Text className="muted">
        {entry.dateLabel} {entry.slotLabel}
      </Text>
      <Text className="wait-position">{`${whom}排在候补第 ${entry.position} 位`}</Text>
      <Text className="muted">{`有人取消时按先后自动为${whom}预约，并发消息告诉${whom}。`}</Text>
      {confirming ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">{`确定不排了吗？不排以后，有名额也不会再为${whom}预约。`}</Text>
          <View className="actions">
            <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={() => onConfirmLeave(entry)}>
              确定不排了
            </Button>
            <Button size="large" block disabled={busy} onClick={onKeep}>
              继续排队
            </Button>
          </View>
        </View>
      ) : (
        <View className="actions">
          <Button className="wait-leave" size="large" block disabled={busy} onClick={() => onLeave(entry)}>
            不排了
          </Button>
        </View>
      )}
    </View>
  );
}
