/**
 * One market service with its slots and places left. Tapping an open slot calls `onPick(slot)`;
 * full and started slots are shown but cannot be tapped. A service the resident already booked
 * that day shows "您已预约" instead of the slots.
 */
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '../../ui/nutui';
import { useElderMode } from '../../ui/elder';
import type { ServiceView, SlotView } from '../api';

export interface ServiceCardProps {
  service: ServiceView;
  onPick: (slot: SlotView) => void;
  onShowMine: () => void;
}

function slotText(slot: SlotView, queue: boolean): string {
  if (slot.state === 'closed') return `${queue ? '排队' : slot.label} 已开始`;
  if (slot.state === 'full') return `${queue ? '排队' : slot.label} 已约满`;
  return queue ? `排队取号 · 还剩 ${slot.remaining} 个号` : `${slot.label} · 剩 ${slot.remaining} 位`;
}

export function ServiceCard({ service, onPick, onShowMine }: ServiceCardProps) {
  const queue = service.bookingMode === 'queue';
  // elder mode: one primary action per screen, so slots are plain large buttons
  const elder = useElderMode();
  return (
    <View className="card service-card" data-service={service.name}>
      <View className="row">
        <Text className="subtitle">{service.name}</Text>
        {service.myBookingId ? <Tag type="success">您已预约</Tag> : null}
      </View>
      <Text className="muted">{service.description}</Text>
      {service.provider ? <Text className="muted">服务方：{service.provider}</Text> : null}
      {service.bookingMode === 'none' ? (
        <Text className="muted service-walkin">不用预约，集市当天直接来就行</Text>
      ) : service.myBookingId ? (
        <View className="actions">
          <Button size="large" onClick={onShowMine}>
            查看我的预约
          </Button>
        </View>
      ) : (
        <View className="slot-grid">
          {service.slots.map((slot) => (
            <Button
              key={slot.id}
              className={`slot slot-${slot.state}`}
              size="large"
              type={slot.state === 'open' && !elder ? 'primary' : 'default'}
              fill={slot.state === 'open' && !elder ? 'outline' : 'solid'}
              disabled={slot.state !== 'open'}
              onClick={() => slot.state === 'open' && onPick(slot)}
            >
              {slotText(slot, queue)}
            </Button>
          ))}
        </View>
      )}
    </View>
  );
}
