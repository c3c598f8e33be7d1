/**
 * The everyday services' words the console's figures and the stats page read (issue 22,
 * docs/everyday-services-design.md §6), gathered from their one definitions: the volunteers' roles and
 * the sources of their hours (`./volunteers`), errands' kinds and states (`./errands`), referrals'
 * states (`./providers`), and the stored shapes the console reads (`../model`). Nothing is defined
 * twice here: these are the same names, re-exported, plus the list of hour sources in display order
 * and the parcels' 超期未取 threshold the console needs.
 */
import type { CommunityEvent, Errand, Referral, VolunteerHours, VolunteerHoursSource } from '../model';
import { HOURS_SOURCE_LABELS } from './volunteers';

export type { ErrandKind, ErrandStatus, ReferralStatus, VolunteerHoursSource, VolunteerRole } from '../model';
export { VOLUNTEER_ROLES, VOLUNTEER_ROLE_LABELS } from './volunteers';
export { ERRAND_KIND_LABELS, ERRAND_STATUS_LABELS } from './errands';
export { REFERRAL_STATUS_LABELS } from './providers';

/** What a volunteer's hours were credited for, in display order (`volunteerHours.source`). */
export const VOLUNTEER_SOURCES = Object.keys(HOURS_SOURCE_LABELS) as VolunteerHoursSource[];
/** Their labels: `./volunteers` `HOURS_SOURCE_LABELS`. */
export const VOLUNTEER_SOURCE_LABELS = HOURS_SOURCE_LABELS;

/** An errand as stored (`errands`). */
export type ErrandDoc = Errand;
/** A referral as stored (`referrals`). */
export type ReferralDoc = Referral;
/** An event as stored (`events`). */
export type EventDoc = CommunityEvent;
/** One credit of volunteer time (`volunteerHours`). */
export type VolunteerHoursDoc = VolunteerHours;

/**
 * Days a parcel may wait before it is 超期未取 — the parcels function's `PARCELS_LIMITS.remindAfterDays`
 * (`cloudfunctions/parcels/limits.ts`; the console function never imports another function's files,
 * so the number is repeated here and `test/functions/console-everyday.test.ts` holds the two equal).
 */
export const UNCLAIMED_AFTER_DAYS = 3;
