/**
 * Pure rules of the admin's market settings (`cloudfunctions/market/domain/admin.ts`): slot lengths
 * that fit the market's hours, the first slot a lower capacity would overbook, places a raise frees
 * for the waitlist, which created days keep old settings, which stalls a plan turns off.
 */
import { firstOverBooked, keepsOldSettings, marketMinutes, misfits, placesFreed, slotFits, stallsTurnedOff } from '../../cloudfunctions/market/domain/admin';

const hours = { start: '10:00', end: '13:00' };
const settings = { name: '解忧集市', weekday: 5, start: '10:00', end: '13:00', place: '门前', horizonWeeks: 4 };

it('a slot length fits when it divides the market hours exactly', () => {
  expect(marketMinutes(hours)).toBe(180);
  expect([20, 30, 45, 60, 90, 180].every((m) => slotFits(m, hours))).toBe(true);
  expect([50, 40, 200, 0].some((m) => slotFits(m, hours))).toBe(false);
  expect(misfits([{ name: '爱心义剪', bookingMode: 'slots', slotMinutes: 20, active: true }, { name: '磨刀', bookingMode: 'queue', active: true }, { name: '停了', bookingMode: 'slots', slotMinutes: 20, active: false }], { start: '10:00', end: '12:50' })).toEqual(['爱心义剪']);
});

it('names the earliest slot with more bookings than a new capacity', () => {
  const at = (h: number) => new Date(Date.UTC(2026, 10, 27, h));
  const slots = [
    { _id: 'b', date: '2026-11-27', label: '11:00–11:20', booked: 3, startAt: at(3) },
    { _id: 'a', date: '2026-11-27', label: '10:00–10:20', booked: 3, startAt: at(2) },
    { _id: 'c', date: '2026-11-27', label: '12:00–12:20', booked: 1, startAt: at(4) },
  ];
  expect(firstOverBooked(slots, 2)).toEqual({ slotId: 'a', date: '2026-11-27', slotLabel: '10:00–10:20', booked: 3 });
  expect(firstOverBooked(slots, 3)).toBeNull();
});

it('a raise frees for the waitlist at most the new places and at most the people waiting', () => {
  expect(placesFreed({ booked: 2, waiting: 5 }, 5)).toBe(3);
  expect(placesFreed({ booked: 2, waiting: 1 }, 5)).toBe(1);
  expect(placesFreed({ booked: 2 }, 5)).toBe(0);
  expect(placesFreed({ booked: 4, waiting: 3 }, 3)).toBe(0);
});

it('a created day keeps old settings when its weekday, time, place or name differ', () => {
  const friday = { date: '2026-11-27', start: '10:00', end: '13:00', place: '门前', marketName: '解忧集市' };
  expect(keepsOldSettings(friday, settings)).toBe(false);
  expect(keepsOldSettings(friday, { ...settings, place: '广场' })).toBe(true);
  expect(keepsOldSettings(friday, { ...settings, weekday: 3 })).toBe(true);
  expect(keepsOldSettings(friday, { ...settings, end: '12:00' })).toBe(true);
  expect(keepsOldSettings({ ...friday, date: '2026-11-29' }, { ...settings, weekday: 7 })).toBe(false); // Sunday is 7
});

it('a plan turns off the active stalls it marks inactive or leaves out', () => {
  const current = [1, 2, 3, 4].map((n) => ({ number: n, active: n !== 4 }));
  expect(stallsTurnedOff(current, [{ number: 1, label: '1', active: true }, { number: 2, label: '2', active: false }, { number: 4, label: '4', active: false }])).toEqual([2, 3]);
  expect(stallsTurnedOff(current, [1, 2, 3, 5].map((n) => ({ number: n, label: `${n}`, active: true })))).toEqual([]);
});
