/**
 * One market service: its name, what it is, who provides it and the places left (or "不用预约" for a
 * walk-in service). A resident chooses the service first: `open` unfolds its slots (one column, so a
 * slot's text never wraps or clips), and `onToggle` opens or folds it. Tapping an open slot calls
 * `onPick(slot)`; finished (已结束) slots are shown but cannot be tapped; a full one (已约满) can be tapped
 * to wait in line (候补, `onWait`; at the counter the staff member puts the resident in line with
 * their consent on the confirmation page), and one the resident already waits for says their place (`waiting`: slot id → place in line). A service
 * the resident already booked that day shows "您已预约" and a way to that booking instead of slots
 * (at the counter, `whose`: "已预约" and 查看赵建国的预约).
 */
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '../../ui/nutui';
import type { ServiceView, SlotView } from '../api';

export interface ServiceCardProps {
  service: ServiceView;
  onPick: (slot: SlotView) => void;
  onShowMine: () => void;
  /** The slots are unfolded (default: true, when the card stands alone). */
  open?: boolean;
  /** Opens or folds the slots; without it the card has no fold button. */
  onToggle?: () => void;
  /**
   * At the counter: the name of the resident served (his booking is "已预约", not "您已预约"); a family
   * member acting for an elder (家人代办): the elder's name, likewise.
   */
  whose?: string;
  /** Tapping a full slot: wait in line for it (候补). Absent: full slots cannot be tapped. */
  onWait?: (slot: SlotView) => void;
  /** The slots the resident already waits for: slot id → place in line (1 = next). */
  waiting?: Map<string, number>;
}

/** A slot's button text; `who`: whom a place in line is for (「您」, or the elder a family member acts for). */
export function slotText(slot: SlotView, queue: boolean, wait?: { can: boolean; position?: number }, who = '您'): string {
  if (slot.state === 'closed') return `${queue ? '排队' : slot.label} 已结束`;
  if (slot.state === 'full' && wait?.position) return `${queue ? '排队' : slot.label} ${who}候补第 ${wait.position} 位`;
  if (slot.state === 'full') return `${queue ? '排队' : slot.label} ${wait?.can ? '已满 · 去候补' : '已约满'}`;
  return queue ? `排队取号 · 还剩 ${slot.remaining} 个号` : `${slot.label} · 剩 ${slot.remaining} 位`;
}

/** What the folded card says about places: how many are left, or why none can be booked. */
export function placesText(service: ServiceView, canWait = false): string {
  const open = service.slots.filter((s) => s.state === 'open');
  if (open.length > 0) {
    const left = open.reduce((n, s) => n + s.remaining, 0);
    return service.bookingMode === 'queue' ? `排队取号，还剩 ${left} 个号` : `还剩 ${left} 个名额`;
  }
  if (service.slots.some((s) => s.state === 'full')) return canWait ? '已约满，可以排队候补' : '已约满';
  return service.slots.length > 0 ? '已结束' : '暂时没有可预约的时间';
}

export function ServiceCard({ service, onPick, onShowMine, open = true, onToggle, whose, onWait, waiting }: ServiceCardProps) {
  const queue = service.bookingMode === 'queue';
  const walkIn = service.bookingMode === 'none';
  const booked = !!service.myBookingId;
  const bookable = !walkIn && !booked && service.slots.some((s) => s.state === 'open');
  return (
    <View className={`card service-card${open ? ' service-open' : ''}`} data-service={service.name}>
      <View className="row service-head">
        <Text className="subtitle service-name">{service.name}</Text>
        {booked ? <Tag type="success">{whose ? '已预约' : '您已预约'}</Tag> : null}
      </View>
      {service.description ? <Text className="muted">{service.description}</Text> : null}
      {service.capacityText ? <Text className="muted service-capacity">{service.capacityText}</Text> : null}
      {service.provider ? <Text className="muted">服务方：{service.provider}</Text> : null}
      {walkIn ? (
        <Text className="service-walkin">不用预约，集市当天直接来就行</Text>
      ) : booked ? (
        <View className="actions">
          <Button size="large" block onClick={onShowMine}>
            {whose ? `查看${whose}的预约` : '查看我的预约'}
          </Button>
        </View>
      ) : (
        <View>
          <Text className={`service-places${bookable ? '' : ' service-places-none'}`}>{placesText(service, !!onWait)}</Text>
          {onToggle ? (
            <View className="actions">
              <Button className={`service-toggle${open ? ' service-toggle-open' : ''}`} size="large" block onClick={onToggle}>
                {open ? '收起时间' : queue ? '看看排队取号' : '选这个项目，看时间'}
              </Button>
            </View>
          ) : null}
          {open ? (
            <View className="slot-list">
              {onToggle ? <Text className="slot-hint">{queue ? '到场后按号排队：' : '请选一个时间：'}</Text> : null}
              {service.slots.map((slot) => {
                const waitable = slot.state === 'full' && !!onWait;
                const tappable = slot.state === 'open' || waitable;
                const position = waiting?.get(slot.id);
                return (
                  <Button
                    key={slot.id}
                    className={`slot slot-${slot.state}${waitable ? ' slot-waitable' : ''}`}
                    size="large"
                    block
                    type={tappable ? 'primary' : 'default'}
                    fill={tappable ? 'outline' : 'solid'}
                    disabled={!tappable}
                    onClick={() => (slot.state === 'open' ? onPick(slot) : waitable ? onWait!(slot) : undefined)}
                  >
                    {slotText(slot, queue, { can: waitable, position }, whose)}
                  </Button>
                );
              })}
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}
