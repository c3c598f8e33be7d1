/**
 * The contract of the `parcels` function (代收快递 at the kiosk, issue 22): each action's caller kind,
 * record rule, input schema (built from `limits.ts`), answer type, errors and summary. The router
 * declares them (`index.ts`), the pages type `call('parcels', …)` from this file (type-only),
 * docs/api.md is generated from it. Pure: zod and shared schemas, no SDK. Instants are ISO strings.
 *
 * - A parcel is logged by staff for a resident of their community; it gets a 6-digit pickup code
 *   unique among the community's waiting parcels (a unique index on `codeKey`), and the resident is
 *   told in the message centre (消息) and on WeChat where they allowed it (template `parcelArrived`).
 * - It leaves the shelf once: picked up at the counter (by code or by picking it) or taken to the
 *   door (送上门, who delivered recorded). Both are conditional updates on `status: 'waiting'`.
 * - Left more than `remindAfterDays` days: one reminder (the timer), and 超期未取 on the staff list.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { ParcelCarrier, ParcelStatus } from '../shared/model';
import { id, noFields, requestId, text } from '../shared/schemas';
import { PARCELS_LIMITS as L } from './limits';

export type { ParcelCarrier, ParcelStatus };

/** One parcel as staff read it (the shelf list, an answer of log / pickUp / deliver). */
export interface ParcelView {
  id: string;
  residentId: string;
  residentName: string;
  /** the resident's phone masked (`138****1234`), null when none recorded */
  phoneMasked: string | null;
  carrier: ParcelCarrier;
  carrierLabel: string;
  shelf: string;
  code: string;
  status: ParcelStatus;
  statusLabel: string;
  loggedByName: string;
  loggedAt: string;
  /** days on the shelf (whole days since it was logged) */
  daysWaiting: number;
  /** waiting more than the reminder days (超期未取) */
  overdue: boolean;
  doneAt: string | null;
  deliveredByName: string | null;
}

/** The staff shelf list (`shelf`). */
export interface ShelfAnswer {
  /** waiting parcels, oldest first (at most `PARCELS_LIMITS.shelfMax`) */
  waiting: ParcelView[];
  /** all the community's waiting parcels (more than `waiting` holds when the shelf is over the list's most) */
  waitingTotal: number;
  /** of which 超期未取 */
  overdue: number;
  /** parcels logged today (China time) and picked up or delivered today */
  today: { logged: number; done: number };
}

/** One parcel as its resident reads it (no staff names but who brought it to the door). */
export interface MyParcel {
  id: string;
  carrierLabel: string;
  shelf: string;
  code: string;
  status: ParcelStatus;
  statusLabel: string;
  loggedAt: string;
  doneAt: string | null;
}

/**
 * One parcel to take to a door, as a volunteer reads it (`toDeliver`): whose it is and where they
 * live, the shelf spot — never the pickup code or a phone.
 */
export interface DoorParcel {
  id: string;
  residentName: string;
  /** the resident's home (楼栋 / 单元 / 房号); null when none is recorded */
  home: { building: string; unit: string; room: string } | null;
  shelf: string;
  carrierLabel: string;
  loggedAt: string;
  /** why it goes to the door: the resident asked at the counter, or is an elder (≥ `elderAge`) */
  why: 'asked' | 'elder';
}

/** The door-delivery list (`toDeliver`). */
export interface ToDeliverAnswer {
  /** oldest first */
  parcels: DoorParcel[];
}

/** The resident's parcels (`myParcels`). */
export interface MyParcelsAnswer {
  /** waiting, oldest first, with code and shelf */
  waiting: MyParcel[];
  /** the last `recentDone` done, newest first */
  done: MyParcel[];
}

/** A pickup code: exactly 6 digits. */
export const pickupCode = z.string().regex(new RegExp(`^\\d{${L.codeDigits}}$`)).describe('code');
const carrier = z.enum(['sf', 'zto', 'yto', 'yunda', 'jd', 'ems', 'other']);
const GROUP = '代收快递 (parcels)';
const STAFF_RULE = "a grid worker or admin of the caller's community (the resident's community)";
const DOOR_RULE = "staff of the parcel's community, or an active volunteer (解忧智囊团, any role) of it";

/** The actions of `parcels`: action name → contract. */
export const actions = {
  log: contract<ParcelView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.object({ residentId: id, carrier, shelf: text(L.shelf.min, L.shelf.max), toDoor: z.boolean().optional(), requestId }).strict(),
    group: GROUP,
    summary: `登记快递: a parcel for a resident of the caller's community (found as the counter finds them, \`account.searchResidents\`), its carrier and shelf spot (≤ ${L.shelf.max} characters). A ${L.codeDigits}-digit pickup code is drawn, unique among the community's waiting parcels. The resident is told in 消息 (with the code and shelf) and on WeChat when they allowed \`parcelArrived\`. \`toDoor\`: the resident asked for it to be taken to their door (it is then listed for volunteers, \`toDeliver\`). A repeated \`requestId\` returns the first parcel (another payload with it: \`COMMON.REQUEST_REUSED\`). 2 database round trips for the parcel (the caller with the resident and an earlier parcel of the request; the insert), + 1 for the message.`,
    errors: ['PARCELS.RESIDENT_NOT_FOUND', 'PARCELS.CODE_BUSY', 'COMMON.REQUEST_REUSED'],
  }),
  shelf: contract<ShelfAnswer>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: noFields,
    group: GROUP,
    summary: `货架: the community's waiting parcels oldest first (≤ ${L.shelfMax}) with code, shelf, resident's name and masked phone, days waiting and 超期未取 (more than ${L.remindAfterDays} days); \`waitingTotal\`: all waiting (more than the list holds when over ${L.shelfMax}); today's counts.`,
    errors: [],
  }),
  pickUp: contract<ParcelView>()({
    who: 'staff',
    rule: STAFF_RULE,
    input: z.union([z.object({ parcelId: id }).strict(), z.object({ code: pickupCode }).strict()]),
    group: GROUP,
    summary: '取件: at the counter, by the resident\'s pickup code or by the parcel picked on the list. A conditional update on `waiting`: two taps at once pick it up once (the second: `PARCELS.NOT_WAITING`). An unknown code: `PARCELS.CODE_NOT_FOUND`.',
    errors: ['PARCELS.NOT_FOUND', 'PARCELS.CODE_NOT_FOUND', 'PARCELS.NOT_WAITING'],
  }),
  deliver: contract<ParcelView>()({
    who: 'registered',
    rule: DOOR_RULE,
    input: z.object({ parcelId: id }).strict(),
    group: GROUP,
    summary: '送上门: an elder\'s parcel taken to the door, by staff or by a volunteer of the community (解忧智囊团, any role, active); who delivered it and when are recorded. A conditional update on `waiting` (once only: `PARCELS.NOT_WAITING`). A volunteer is credited 20 minutes of service (`volunteerHours` `parcelDelivered:<parcelId>:<userId>`: once, however often it is tried) and reads the answer without the pickup code (`code: ""`) or phone. Anyone else of the community: `COMMON.FORBIDDEN`; a parcel of another community: `PARCELS.NOT_FOUND`. 2 database round trips (+ 1 for a volunteer\'s hours).',
    errors: ['PARCELS.NOT_FOUND', 'PARCELS.NOT_WAITING', 'COMMON.FORBIDDEN'],
  }),
  toDeliver: contract<ToDeliverAnswer>()({
    who: 'registered',
    rule: "staff, or an active volunteer (any role), of the caller's community",
    input: noFields,
    group: GROUP,
    summary: `送快递上门: the community's waiting parcels that go to the door, oldest first (≤ ${L.toDeliverMax}) — those the resident asked for at the counter (\`toDoor\`) and those of a resident aged ${L.elderAge} or more (the age on their record). Each with the resident's name, home (楼栋/单元/房号), shelf spot and carrier: never the pickup code or a phone. Anyone else: \`COMMON.FORBIDDEN\`. 2 database round trips with the caller (one aggregation joining the residents).`,
    errors: ['COMMON.FORBIDDEN'],
  }),
  myParcels: contract<MyParcelsAnswer>()({
    who: 'registered',
    familyProxy: true,
    rule: 'the caller\'s own parcels',
    input: noFields,
    group: GROUP,
    summary: `我的快递: the caller's waiting parcels (code and shelf) oldest first, and the last ${L.recentDone} picked up or delivered. One database round trip after the caller's record.`,
    errors: [],
  }),
} satisfies Contracts;

export const about = `
代收快递 at the kiosk (issue 22): staff log a parcel for a resident (carrier, shelf spot), a 6-digit
pickup code is drawn and the resident is told (消息, WeChat where allowed); pickup at the counter by
code or by name, or 送上门 for an elder (who delivered recorded); left more than
${L.remindAfterDays} days: one reminder (timer \`parcelJobs\`) and 超期未取 on the staff list.
Types: \`cloudfunctions/parcels/contract.ts\`; limits: \`cloudfunctions/parcels/limits.ts\`.
`;
