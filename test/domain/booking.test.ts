import { activeKey, bookingBlocker, bookingCode, canCancel, remaining } from '../../cloudfunctions/market/domain/booking';
import { CODE_ALPHABET, CODE_LENGTH } from '../../cloudfunctions/shared/codes';
import { requestKey } from '../../cloudfunctions/shared/requests';

const start = new Date('2024-11-15T02:00:00Z');
const before = new Date(start.getTime() - 1);

describe('booking rules', () => {
  it('refuses a started slot before a full one, and allows an open one', () => {
    expect(bookingBlocker({ startAt: start, capacity: 2, booked: 0 }, start)).toBe('BOOKING.SLOT_CLOSED');
    expect(bookingBlocker({ startAt: start, capacity: 2, booked: 2 }, start)).toBe('BOOKING.SLOT_CLOSED');
    expect(bookingBlocker({ startAt: start, capacity: 2, booked: 2 }, before)).toBe('BOOKING.SLOT_FULL');
    expect(bookingBlocker({ startAt: start, capacity: 2, booked: 1 }, before)).toBeNull();
    expect(bookingBlocker({ startAt: start, capacity: 2, booked: 0, open: false }, before)).toBe('BOOKING.SLOT_CLOSED');
  });

  it('counts places left, never below zero', () => {
    expect(remaining({ capacity: 2, booked: 1 })).toBe(1);
    expect(remaining({ capacity: 2, booked: 3 })).toBe(0);
  });

  it('lets a booked booking be cancelled only before its slot starts', () => {
    expect(canCancel({ status: 'booked', startAt: start }, before)).toBe(true);
    expect(canCancel({ status: 'booked', startAt: start }, start)).toBe(false);
    expect(canCancel({ status: 'cancelled', startAt: start }, before)).toBe(false);
  });

  it('keys one active booking per resident, market day and service; one booking per request', () => {
    expect(activeKey('r-zhao', 'c_2024-11-15', 'svc')).toBe('r-zhao|c_2024-11-15|svc');
    expect(activeKey('r-zhao', 'c_2024-11-15', 'svc')).not.toBe(activeKey('r-zou', 'c_2024-11-15', 'svc'));
    expect(requestKey('r-zhao', 'abc12345')).toBe('r-zhao:abc12345');
  });

  it('draws codes of the unambiguous alphabet', () => {
    const seq = [0, 0.999, 0.5, 0.1, 0.9, 0.3];
    let i = 0;
    const code = bookingCode(() => seq[i++]);
    expect(code).toHaveLength(CODE_LENGTH);
    expect(code[0]).toBe(CODE_ALPHABET[0]);
    expect(code[1]).toBe(CODE_ALPHABET[CODE_ALPHABET.length - 1]);
    for (let n = 0; n < 200; n += 1) expect(bookingCode()).toMatch(new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`));
    expect(CODE_ALPHABET).not.toMatch(/[O0I1S5B8Z2]/);
  });
});
