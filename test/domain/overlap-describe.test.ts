/**
 * Issue 17 rules (pure): overlapping bookings (义剪 10:20–10:40 and 小补小修 10:30–11:00) and service
 * descriptions whose places come from the slots, never from free text ("两把椅子").
 */
import { overlappingBooking, slotsOverlap, type TimedSlot } from '../../cloudfunctions/market/domain/overlap';
import { capacityText, withoutCapacityClauses } from '../../cloudfunctions/market/domain/describe';

const at = (hhmm: string) => new Date(`2026-12-11T${hhmm}:00+08:00`);
function slot(id: string, serviceId: string, from: string, to: string, mode: 'slots' | 'queue' = 'slots'): TimedSlot {
  return { _id: id, serviceId, serviceName: serviceId === 'hair' ? '爱心义剪' : serviceId === 'repair' ? '小补小修' : '磨刀', label: `${from}–${to}`, mode, startAt: at(from), endAt: at(to) };
}

describe('overlapping bookings', () => {
  const hair = slot('h1020', 'hair', '10:20', '10:40');
  const repair = slot('r1030', 'repair', '10:30', '11:00');
  it('义剪 10:20–10:40 overlaps 小补小修 10:30–11:00, both ways; touching slots do not', () => {
    expect(slotsOverlap(hair, repair)).toBe(true);
    expect(slotsOverlap(repair, hair)).toBe(true);
    expect(slotsOverlap(slot('h1000', 'hair', '10:00', '10:20'), slot('r1020', 'repair', '10:20', '10:50'))).toBe(false);
    expect(slotsOverlap(hair, slot('r1100', 'repair', '11:00', '11:30'))).toBe(false);
  });
  it('a queue (排队取号) overlaps nothing; nor does the same slot or the same service', () => {
    expect(slotsOverlap(hair, slot('k', 'knife', '10:00', '13:00', 'queue'))).toBe(false);
    expect(slotsOverlap(hair, hair)).toBe(false);
    expect(slotsOverlap(hair, slot('h1030', 'hair', '10:30', '10:50'))).toBe(false);
  });
  it('names the resident’s own overlapping booking, earliest first, and nobody else’s', () => {
    const held = [
      { ...repair, holds: [{ id: 'b-other', r: 'r-zou' }] },
      { ...slot('r1000', 'repair', '10:00', '10:30'), holds: [] },
      { ...slot('x', 'legal', '10:10', '10:40'), serviceName: '法律咨询', holds: [{ id: 'b-legal', r: 'r-zhao' }] },
    ];
    expect(overlappingBooking(hair, 'r-zou', held)).toEqual({ bookingId: 'b-other', serviceName: '小补小修', slotLabel: '10:30–11:00' });
    expect(overlappingBooking(hair, 'r-zhao', held)).toEqual({ bookingId: 'b-legal', serviceName: '法律咨询', slotLabel: '10:10–10:40' });
    expect(overlappingBooking(hair, 'r-li', held)).toBeNull();
  });
});

describe('service descriptions and places', () => {
  it('drops clauses that state places or slot length, keeps what the service is', () => {
    expect(withoutCapacityClauses('志愿者免费理发，每 20 分钟一档，两把椅子')).toBe('志愿者免费理发');
    expect(withoutCapacityClauses('缝补衣服、修雨伞、修小家电')).toBe('缝补衣服、修雨伞、修小家电');
    expect(withoutCapacityClauses('律师面对面解答法律问题；每档限 1 人')).toBe('律师面对面解答法律问题');
    expect(withoutCapacityClauses('3个座位，量血压。名额40')).toBe('量血压');
    expect(withoutCapacityClauses('带上两件旧衣服来换')).toBe('带上两件旧衣服来换');
    expect(withoutCapacityClauses('')).toBe('');
  });
  it('composes the places line from the slots: 每 20 分钟一档，每档 3 位 once the admin set 3', () => {
    const s = (cap: number, from = '10:00', to = '10:20') => ({ mode: 'slots' as const, capacity: cap, startAt: at(from), endAt: at(to) });
    expect(capacityText([s(2), s(2)])).toBe('每 20 分钟一档，每档 2 位');
    expect(capacityText([s(3), s(3)])).toBe('每 20 分钟一档，每档 3 位');
    expect(capacityText([s(3), s(3), s(2)])).toBe('每 20 分钟一档，多数时段每档 3 位');
    expect(capacityText([{ mode: 'queue', capacity: 30, startAt: at('10:00'), endAt: at('13:00') }])).toBe('排队取号，共 30 个号');
    expect(capacityText([])).toBe('');
  });
});
