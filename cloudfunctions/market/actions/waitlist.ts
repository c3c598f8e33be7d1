/**
 * The waitlist (候补): as a resident uses it — `joinWaitlist`, `leaveWaitlist`, `myWaitlist` — and at
 * the counter for a resident, with their spoken consent — `joinWaitlistFor`, `waitlistFor`,
 * `leaveWaitlistFor` (the line's rules and promotion are in `../waitlist.ts`; contract.ts has what
 * each answers).
 */
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { local } from '../../shared/time';
import { first } from '../bookings';
import type { actions, WaitlistView } from '../contract';
import { dateLabel } from '../../shared/calendar';
import { recordSpokenConsent } from '../../shared/spokenConsent';
import { preloadResident, residentOf } from '../../shared/staff';
import { preloadOf } from '../../shared/users';
import { entriesOf, joinWaitlist as join, leaveWaitlist as leave, positionsOf, preloadEntry, preloadJoin, preloadMyEntries, type WaitlistEntry } from '../waitlist';
import { actorOf, type Handler, type PreloadsOf } from '../../shared/router';

/** A place in line as the app shows it. */
function waitlistView(e: WaitlistEntry, position: number): WaitlistView {
  return {
    id: e._id,
    slotId: e.slotId,
    marketDayId: e.marketDayId,
    eventId: e.eventId ?? null,
    serviceName: e.serviceName,
    slotLabel: e.slotLabel,
    date: e.date,
    dateLabel: dateLabel(e.date),
    position,
    assisted: !!e.actorId && e.actorId !== e.residentId,
    actorName: e.actorName ?? e.residentName,
  };
}

/** Today's local date (China), from which a resident's bookings still hold a place. */
const today = () => local(clockNow()).format('YYYY-MM-DD');

/** Preload (joinWaitlist): the slot, its line and the caller's bookings of the day (`preloadJoin`). */
export const preloadJoinFor = ({ slotId }: { slotId: string }) => preloadJoin(slotId, today());

/**
 * `joinWaitlist`: a place in line for a full slot of the caller's community. A linked family member
 * acting for the elder (router `proxy`) is recorded on the entry as who put them in line.
 */
export const joinWaitlist: Handler<typeof actions.joinWaitlist, PreloadsOf<typeof preloadJoinFor>> = async (_input, { user, preloaded, proxy }) => {
  const slot = first(preloaded?.slot);
  if (!slot) throw new AppError('BOOKING.SLOT_NOT_FOUND');
  if (slot.communityId !== user.communityId) throw new AppError('COMMON.FORBIDDEN');
  const known = preloaded ? { line: preloaded.line, mine: preloaded.mine } : undefined;
  const { entry, position } = await join(slot, user, clockNow(), known, proxy ? { actor: actorOf(user, proxy) } : undefined);
  return waitlistView(entry, position);
};

/** Preload (leaveWaitlist): the caller's entry. */
export const preloadLeave = ({ entryId }: { entryId: string }) => preloadEntry(entryId);

/** `leaveWaitlist`: gives up the caller's own place (a family member: recorded as `leftBy`). */
export const leaveWaitlist: Handler<typeof actions.leaveWaitlist, PreloadsOf<typeof preloadLeave>> = async ({ entryId }, { user, preloaded, proxy }) => {
  await leave(entryId, user._id, first(preloaded?.entry), proxy?.actorId);
  return { id: entryId, left: true };
};

/** Preload (myWaitlist): the caller's waiting entries. */
export const preloadMine = () => preloadMyEntries;

/** `myWaitlist`: the caller's places in line with their positions. */
export const myWaitlist: Handler<typeof actions.myWaitlist, PreloadsOf<typeof preloadMine>> = async (_input, { user, preloaded }) => {
  // the entries came with the caller: 2 round trips with the places in line (issue 18)
  const entries = preloaded?.entries ?? (await entriesOf(user._id));
  const positions = await positionsOf(entries);
  return entries.map((e) => waitlistView(e, positions.get(e._id) ?? 1));
};

// ——— at the counter (代办) ———

/**
 * Preload (joinWaitlistFor): the resident (of the caller's community), the slot, its line and the
 * resident's coming bookings that hold a place — all with the caller (a write ≤ 3 round trips).
 */
export const preloadJoinForResident = (input: { residentId: string; slotId: string }) => ({ ...preloadResident(input), ...preloadJoin(input.slotId, today(), input.residentId) });

/** `joinWaitlistFor`: the resident in line for a full slot, put there by the caller with the resident's spoken consent. */
export const joinWaitlistFor: Handler<typeof actions.joinWaitlistFor, PreloadsOf<typeof preloadJoinForResident>> = async ({ residentId, consent }, { user: staff, preloaded }) => {
  const recorded = recordSpokenConsent(consent, staff);
  const resident = await residentOf(staff, residentId, preloaded);
  const slot = first(preloaded?.slot);
  if (!slot) throw new AppError('BOOKING.SLOT_NOT_FOUND');
  if (slot.communityId !== resident.communityId) throw new AppError('COMMON.FORBIDDEN');
  const known = preloaded ? { line: preloaded.line, mine: preloaded.mine } : undefined;
  const { entry, position } = await join(slot, resident, clockNow(), known, { actor: staff, consent: recorded });
  return waitlistView(entry, position);
};

/** Preload (waitlistFor): the resident and their waiting entries (of the caller's community), oldest first. */
export const preloadWaitlistFor = (input: { residentId: string }) => ({
  ...preloadResident(input),
  entries: preloadOf<WaitlistEntry>({ from: 'waitlist', match: { residentId: input.residentId, status: 'waiting' }, sameAsCaller: { communityId: 'communityId' }, sort: { createdAt: 1 }, limit: 50 }),
});

/** `waitlistFor`: the resident's places in line with their positions. */
export const waitlistFor: Handler<typeof actions.waitlistFor, PreloadsOf<typeof preloadWaitlistFor>> = async ({ residentId }, { user: staff, preloaded }) => {
  const resident = await residentOf(staff, residentId, preloaded);
  const entries = preloaded?.entries ?? (await entriesOf(resident._id));
  const positions = await positionsOf(entries);
  return entries.map((e) => waitlistView(e, positions.get(e._id) ?? 1));
};

/** Preload (leaveWaitlistFor): the resident and their entry `entryId` (of the caller's community). */
export const preloadLeaveFor = (input: { residentId: string; entryId: string }) => ({
  ...preloadResident(input),
  entry: preloadOf<WaitlistEntry>({ from: 'waitlist', match: { _id: input.entryId, residentId: input.residentId }, sameAsCaller: { communityId: 'communityId' } }),
});

/** `leaveWaitlistFor`: 取消候补 — the resident's place given up at the counter (`leftBy` = the staff member). */
export const leaveWaitlistFor: Handler<typeof actions.leaveWaitlistFor, PreloadsOf<typeof preloadLeaveFor>> = async ({ residentId, entryId }, { user: staff, preloaded }) => {
  const resident = await residentOf(staff, residentId, preloaded);
  await leave(entryId, resident._id, first(preloaded?.entry), staff._id);
  return { id: entryId, left: true };
};
