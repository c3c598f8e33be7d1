import { planSlots } from '../../cloudfunctions/market/domain/slots';
import type { Service } from '../../cloudfunctions/shared/model';
import { localInstant } from '../../cloudfunctions/shared/time';

const day = {
  place: "壁山丽景小区 石榴籽“解忧铺”门前",
  _id: 'c-1_2024-11-15',
  communityId: 'c-1',
  date: '2024-11-15',
  startAt: localInstant('2024-11-15', '10:00'),
  endAt: localInstant('2024-11-15', '13:00'),
};
const service = (over: Partial<Service>): Service => ({
  _id: 'svc',
  communityId: 'c-1',
  name: '爱心义剪',
  kind: 'service',
  bookingMode: 'slots',
  slotMinutes: 20,
  capacity: 2,
  description: '',
  order: 1,
  active: true,
  ...over,
});

describe('planSlots', () => {
  it('cuts a slots service into windows from opening to closing (爱心义剪: 20 minutes, 2 chairs)', () => {
    const slots = planSlots(day, service({}));
    expect(slots).toHaveLength(9);
    expect(slots[0]).toMatchObject({ label: '10:00–10:20', capacity: 2, booked: 0, holds: [], open: true, place: day.place, mode: 'slots', _id: 'c-1_2024-11-15_svc_1000' });
    expect(slots[8].label).toBe('12:40–13:00');
    expect(slots[0].startAt.toISOString()).toBe('2024-11-15T02:00:00.000Z');
  });

  it('drops a last window that would run past closing', () => {
    expect(planSlots(day, service({ slotMinutes: 40 })).map((s) => s.label)).toEqual(['10:00–10:40', '10:40–11:20', '11:20–12:00', '12:00–12:40']);
  });

  it('gives a queue service one window for the whole market (磨刀)', () => {
    const slots = planSlots(day, service({ bookingMode: 'queue', capacity: 30, slotMinutes: undefined }));
    expect(slots).toHaveLength(1);
    expect(slots[0]).toMatchObject({ mode: 'queue', label: '10:00–13:00', capacity: 30 });
  });

  it('gives walk-in services and services without capacity no slots', () => {
    expect(planSlots(day, service({ bookingMode: 'none' }))).toEqual([]);
    expect(planSlots(day, service({ capacity: 0 }))).toEqual([]);
  });
});
