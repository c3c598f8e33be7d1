/**
 * The pure rules of the scheduled jobs (issue 11): when a booking is reminded
 * (market/domain/reminders.ts), when the timer closes a handled ticket (ticket/domain/autoClose.ts)
 * and when a reporter is asked for a rating (ticket/domain/ratingAsk.ts) — at their boundaries.
 */
import { remindedDate, reminderDue } from '../../cloudfunctions/market/domain/reminders';
import { autoCloseDue, decideAutoClose, FOLLOW_UP_WINDOW_DAYS } from '../../cloudfunctions/ticket/domain/autoClose';
import { RATING_ASK_HOURS, ratingAskDue } from '../../cloudfunctions/ticket/domain/ratingAsk';
import { decide } from '../../cloudfunctions/ticket/domain/workflow';
import type { Ticket } from '../../cloudfunctions/shared/model';

const at = (s: string) => new Date(`${s}+08:00`);
const H = 3600_000;
const D = 24 * H;

describe('booking reminders: the day before, 10:00–20:00 local, once', () => {
  it.each([
    ['2026-12-03T09:59:59', null],
    ['2026-12-03T10:00:00', '2026-12-04'],
    ['2026-12-03T19:59:59', '2026-12-04'],
    ['2026-12-03T20:00:00', null],
    ['2026-12-31T12:00:00', '2027-01-01'],
  ])('at %s local → %s', (now, date) => expect(remindedDate(at(now))).toBe(date));

  it('only booked, not yet reminded bookings for tomorrow', () => {
    const now = at('2026-12-03T10:00:00');
    expect(reminderDue({ status: 'booked', date: '2026-12-04' }, now)).toBe(true);
    expect(reminderDue({ status: 'cancelled', date: '2026-12-04' }, now)).toBe(false);
    expect(reminderDue({ status: 'booked', date: '2026-12-04', remindedAt: now }, now)).toBe(false);
    expect(reminderDue({ status: 'booked', date: '2026-12-05' }, now)).toBe(false);
    expect(reminderDue({ status: 'booked', date: '2026-12-03' }, now)).toBe(false);
  });
});

const handledAt = at('2026-12-01T15:00:00');
const base = {
  _id: 't1', communityId: 'c', gridId: 'g', category: 'sanitation', text: 'x', where: { estateId: null, building: null, spot: 'x' }, source: 'residentReport',
  status: 'handled', hardCase: false, reporterId: 'r', reporterName: 'R', anonymous: true, followerIds: [], actorId: 'r', actorName: 'R', photos: [],
  assigneeId: 'w', assigneeName: 'W', handledAt, handledOnTime: true, dueAt: null, handleDays: 7, overdue: false, reworks: 0, ratings: [], followUps: 1,
  requestKey: 'k', version: 3, events: [], createdAt: handledAt, updatedAt: handledAt,
  // a community problem (环境卫生) closes only once checked on site (核查, issue 21)
  verification: { passed: true, note: '', photos: [], byId: 'a', byName: 'A', at: handledAt },
} as unknown as Ticket;
const timer = { id: 'timer', name: '系统', role: 'timer' as const, communityId: 'c', gridIds: [] };

describe('auto-close after the follow-up window', () => {
  it(`closes a handled ticket exactly ${FOLLOW_UP_WINDOW_DAYS} days after handling, not a millisecond before`, () => {
    const end = new Date(handledAt.getTime() + FOLLOW_UP_WINDOW_DAYS * D);
    expect(autoCloseDue(base, new Date(end.getTime() - 1))).toBe(false);
    expect(autoCloseDue(base, end)).toBe(true);
    const change = decide(base, timer, { type: 'autoClose' }, end);
    expect(change.set).toMatchObject({ status: 'closed', closedAt: end, closedOnTime: true });
    expect(change.events).toEqual([expect.objectContaining({ type: 'closed', actorRole: 'timer', from: 'handled', to: 'closed', public: true, detail: { auto: true, followUps: 1 } })]);
  });

  it('refuses other states, early calls and anyone but the timer', () => {
    const late = new Date(handledAt.getTime() + 30 * D);
    expect(() => decideAutoClose({ ...base, status: 'closed' }, timer, late)).toThrow(expect.objectContaining({ code: 'TICKET.WRONG_STATE' }));
    expect(() => decideAutoClose({ ...base, status: 'inProgress' }, timer, late)).toThrow(expect.objectContaining({ code: 'TICKET.WRONG_STATE' }));
    expect(() => decideAutoClose(base, timer, handledAt)).toThrow(expect.objectContaining({ code: 'TICKET.WRONG_STATE' }));
    expect(() => decide(base, { ...timer, role: 'communityAdmin' }, { type: 'autoClose' }, late)).toThrow(expect.objectContaining({ code: 'COMMON.FORBIDDEN' }));
  });

  it('leaves a community problem nobody has checked (核查) open; a dispute closes unchecked', () => {
    const late = new Date(handledAt.getTime() + 8 * D);
    expect(() => decide({ ...base, verification: null }, timer, { type: 'autoClose' }, late)).toThrow(expect.objectContaining({ code: 'TICKET.WRONG_STATE' }));
    expect(decide({ ...base, category: 'noise', verification: null } as Ticket, timer, { type: 'autoClose' }, late).to).toBe('closed');
  });

  it('keeps a late handling late', () => {
    const late = new Date(handledAt.getTime() + 8 * D);
    expect(decide({ ...base, handledOnTime: false }, timer, { type: 'autoClose' }, late).set.closedOnTime).toBe(false);
  });
});

describe('rating asks', () => {
  const closedAt = at('2026-12-01T10:00:00');
  const closed = { ...base, status: 'closed', closedAt } as Ticket;
  it(`asks ${RATING_ASK_HOURS} hours after closing, in daytime, once per closing, not after a rating`, () => {
    expect(ratingAskDue(closed, new Date(closedAt.getTime() + RATING_ASK_HOURS * H - 1))).toBe(false);
    expect(ratingAskDue(closed, new Date(closedAt.getTime() + RATING_ASK_HOURS * H))).toBe(true);
    expect(ratingAskDue({ ...closed, ratingAskedAt: new Date(closedAt.getTime() + 5 * H) }, at('2026-12-01T16:00:00'))).toBe(false);
    expect(ratingAskDue({ ...closed, ratings: [{ rating: 'satisfied', comment: '', at: closedAt }] }, at('2026-12-01T16:00:00'))).toBe(false);
    expect(ratingAskDue({ ...closed, reporterId: null }, at('2026-12-01T16:00:00'))).toBe(false);
    expect(ratingAskDue(closed, at('2026-12-01T20:00:00'))).toBe(false);
    expect(ratingAskDue(closed, at('2026-12-02T08:59:59'))).toBe(false);
    expect(ratingAskDue(closed, at('2026-12-02T09:00:00'))).toBe(true);
    expect(ratingAskDue(closed, at('2026-12-08T12:00:00'))).toBe(false); // over a week ago
  });

  it('an unsatisfied rating that reopens the ticket clears the ask, so the next closing is asked about', () => {
    const asked = { ...closed, ratingAskedAt: at('2026-12-01T14:00:00') };
    const change = decide(asked, { id: 'r', name: 'R', role: 'resident', communityId: 'c', gridIds: [] }, { type: 'rate', rating: 'unsatisfied', comment: '' }, at('2026-12-01T15:00:00'));
    expect(change.set).toMatchObject({ status: 'inProgress', ratingAskedAt: null });
  });

  it('a ticket reworked and closed again is asked again', () => {
    const again = at('2026-12-05T10:00:00');
    const reclosed = { ...closed, closedAt: again, reworks: 1, ratings: [{ rating: 'unsatisfied' as const, comment: '', at: closedAt }], ratingAskedAt: at('2026-12-01T14:00:00') };
    expect(ratingAskDue(reclosed, at('2026-12-05T14:00:00'))).toBe(true);
  });
});
