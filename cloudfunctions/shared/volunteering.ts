/**
 * Volunteer hours (解忧智囊团, issue 22; docs/everyday-services-design.md §4): the one writer of the
 * `volunteerHours` collection and the one table of how many minutes each act counts.
 *
 * Every act a volunteer does in the product — a parcel taken to the door (`parcels.deliver`), a
 * patrol (`rounds`), a mediation joined (`ticket`), a 核查 (`ticket.verify`), a duty marked done
 * (`volunteers.markDuty`), an entry by staff (`volunteers.addHours`) — is credited by
 * {@link creditHours} once its own write has succeeded. The entry's `_id` is
 * `<source>:<refId>:<userId>`, so the same act never counts twice: crediting again (a retried call,
 * two workers at once) meets the duplicate `_id` (-502001, `cloud.ts isDuplicateKey`), which is
 * success (`credited: false`) and changes nothing. One round trip.
 *
 * Standard minutes (the community's own rule of thumb, set in the design, one table here):
 * a parcel delivered 20, a verification 30, a mediation 60, a duty its slot (180: half a day at
 * the kiosk), a patrol its own length capped at 240, staff-entered as typed (1–600).
 */
import { db, isDuplicateKey } from './cloud';
import { now } from './clock';
import type { DutySlot, VolunteerHours, VolunteerHoursSource, VolunteerRole } from './model';
import { local } from './time';

/** The `volunteerHours` collection. */
export const VOLUNTEER_HOURS = 'volunteerHours';

/** Minutes of a duty slot (上午, 下午, 晚上): each is half a day at the kiosk. */
export const DUTY_SLOT_MINUTES: Readonly<Record<DutySlot, number>> = { am: 180, pm: 180, eve: 180 };

/**
 * The one table of standard minutes per act: `fixed` minutes, or `max` for acts whose length is
 * measured (a patrol) or typed (staff); and the role the act is done in, where it has one.
 */
export const STANDARD_MINUTES: Readonly<Record<VolunteerHoursSource, { fixed?: number; max?: number; role?: VolunteerRole }>> = {
  parcelDelivered: { fixed: 20 },
  verification: { fixed: 30, role: 'informant' },
  mediation: { fixed: 60, role: 'mediator' },
  duty: { fixed: DUTY_SLOT_MINUTES.am },
  patrol: { max: 240, role: 'patroller' },
  staff: { max: 600 },
};

/**
 * The minutes an act counts: the table's fixed minutes (any `measured` value is ignored), or for a
 * patrol / a staff entry the measured or typed whole minutes, capped at the table's `max`.
 * Throws `Error` (a programming error, never a user's) when a measured act has no positive minutes.
 */
export function minutesFor(source: VolunteerHoursSource, measured?: number): number {
  const rule = STANDARD_MINUTES[source];
  if (rule.fixed !== undefined) return rule.fixed;
  const m = Math.round(measured ?? 0);
  if (!(m > 0)) throw new Error(`minutesFor(${source}): no positive minutes (${String(measured)})`);
  return Math.min(m, rule.max ?? m);
}

/** The `_id` of an act's hours: `<source>:<refId>:<userId>`. */
export function hoursId(source: VolunteerHoursSource, refId: string, userId: string): string {
  return `${source}:${refId}:${userId}`;
}

/** What a caller credits: the act and the volunteer; minutes, date, role and time are derived when not given. */
export interface HoursEntry {
  communityId: string;
  userId: string;
  /** the volunteer's name (shown on the team list) */
  name: string;
  source: VolunteerHoursSource;
  /** the act's record id (parcel, patrol, ticket, duty; a staff entry's request id) */
  refId: string;
  /** measured or typed minutes, for `patrol` and `staff` (others use the table) */
  minutes?: number;
  /** local date `YYYY-MM-DD` of the act; default: today's (Asia/Shanghai) */
  date?: string;
  /** default: the table's role of the source */
  role?: VolunteerRole;
  note?: string;
  byId?: string;
  byName?: string;
  /** default: now */
  at?: Date;
}

/**
 * Credits one act's hours: inserts the `volunteerHours` entry with `_id` `<source>:<refId>:<userId>`
 * (one round trip). Answers `{ id, minutes, credited: true }`, or `credited: false` when that act
 * was credited already (a duplicate `_id`: nothing is changed, the first entry stands). Other
 * database failures are thrown. Minutes by {@link minutesFor}.
 */
export async function creditHours(entry: HoursEntry): Promise<{ id: string; minutes: number; credited: boolean }> {
  const at = entry.at ?? now();
  const minutes = minutesFor(entry.source, entry.minutes);
  const role = entry.role ?? STANDARD_MINUTES[entry.source].role;
  const doc: VolunteerHours = {
    _id: hoursId(entry.source, entry.refId, entry.userId),
    communityId: entry.communityId,
    userId: entry.userId,
    name: entry.name,
    ...(role ? { role } : {}),
    source: entry.source,
    refId: entry.refId,
    minutes,
    date: entry.date ?? local(at).format('YYYY-MM-DD'),
    ...(entry.note ? { note: entry.note } : {}),
    ...(entry.byId ? { byId: entry.byId } : {}),
    ...(entry.byName ? { byName: entry.byName } : {}),
    at,
  };
  try {
    await db.collection(VOLUNTEER_HOURS).add({ data: doc });
    return { id: doc._id, minutes, credited: true };
  } catch (e) {
    if (isDuplicateKey(e)) return { id: doc._id, minutes, credited: false };
    throw e;
  }
}
