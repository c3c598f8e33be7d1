/**
 * 代收快递 (issue 22): logging a parcel, the staff shelf list, pickup by code or by row, 送上门, the
 * resident's own list and the reminder of parcels left too long. The rules are in `contract.ts`.
 *
 * Round trips (database requests; WeChat's own APIs not counted):
 * - `log`: the caller with the resident and an earlier parcel of the request (1); the insert, the
 *   inbox message and the send taken from the resident's WeChat count, all at once (2:
 *   `shared/consent.ts` `notifyWith`; WeChat is called only after the insert succeeded) — issue 22
 *   asks ≤ 2 round trips per parcel on a busy day. A drawn code already in use by a waiting parcel
 *   of the community fails the unique `codeKey`: the message is removed and the send given back
 *   (one more round trip, only then), and another code is drawn (at most `codeTries`, else
 *   PARCELS.CODE_BUSY, nothing written).
 * - `shelf`: the caller (1); one aggregation of the waiting parcels (the oldest `shelfMax`) joined with
 *   their residents' phones, the count of all waiting and today's two counts, at once (2).
 * - `pickUp` / `deliver`: the caller with the parcel (1, by id or by code), the conditional update (2);
 *   a volunteer's delivery then credits their hours (3: `shared/volunteering.ts` `creditHours`).
 * - `toDeliver`: the caller (1), one aggregation of the waiting parcels joined with their residents (2).
 * - `myParcels`: the caller with their parcels (1).
 */
import { db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { notify, notifyWith, type Notice } from '../../shared/consent';
import { AppError } from '../../shared/errors';
import { isStaffOf, isVolunteerOf } from '../../shared/policy';
import { creditHours } from '../../shared/volunteering';
import { newDocId } from '../../shared/ids';
import type { Parcel, ParcelEvent, User } from '../../shared/model';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler, Input, PreloadsOf } from '../../shared/router';
import { local } from '../../shared/time';
import { preloadOf, type LoadedUser } from '../../shared/users';
import { maskPhone } from '../../shared/vocabulary/phone';
import { PARCEL_CARRIER_LABELS, PARCEL_STATUS_LABELS } from '../../shared/vocabulary/parcels';
import type { actions, DoorParcel, MyParcel, ParcelView, ShelfAnswer, ToDeliverAnswer } from '../contract';
import { PARCELS_LIMITS as L } from '../limits';

const DAY_MS = 24 * 3_600_000;
const iso = (d: Date | string | undefined | null): string | null => (d ? new Date(d).toISOString() : null);

/** A fresh 6-digit pickup code (leading zeros kept). */
export function drawCode(): string {
  return String(Math.floor(Math.random() * 10 ** L.codeDigits)).padStart(L.codeDigits, '0');
}

/** Whole days parcel `p` has waited at `now`. */
const daysWaiting = (p: Pick<Parcel, 'loggedAt'>, now: Date): number => Math.max(0, Math.floor((now.getTime() - new Date(p.loggedAt).getTime()) / DAY_MS));

/** Parcel `p` as staff read it (`phone`: the resident's, when known). */
export function parcelView(p: Parcel, now: Date, phone?: string | null): ParcelView {
  const days = daysWaiting(p, now);
  return {
    id: p._id,
    residentId: p.residentId,
    residentName: p.residentName,
    phoneMasked: phone ? maskPhone(phone) : null,
    carrier: p.carrier,
    carrierLabel: PARCEL_CARRIER_LABELS[p.carrier],
    shelf: p.shelf,
    code: p.code,
    status: p.status,
    statusLabel: PARCEL_STATUS_LABELS[p.status],
    loggedByName: p.loggedByName,
    loggedAt: iso(p.loggedAt)!,
    daysWaiting: days,
    overdue: p.status === 'waiting' && now.getTime() - new Date(p.loggedAt).getTime() > L.remindAfterDays * DAY_MS,
    doneAt: iso(p.pickedUpAt ?? p.deliveredAt),
    deliveredByName: p.deliveredByName ?? null,
  };
}

/** Parcel `p` as its resident reads it. */
function myParcel(p: Parcel): MyParcel {
  return { id: p._id, carrierLabel: PARCEL_CARRIER_LABELS[p.carrier], shelf: p.shelf, code: p.code, status: p.status, statusLabel: PARCEL_STATUS_LABELS[p.status], loggedAt: iso(p.loggedAt)!, doneAt: iso(p.pickedUpAt ?? p.deliveredAt) };
}

/** The inbox/WeChat notice of parcel `p` to its resident (`reminder`: the one reminder; its inbox id is stable per parcel). */
function parcelNotice(p: Parcel, resident: Pick<User, '_id' | 'openid'>, reminder = false): Notice & { messageId: string } {
  const carrier = PARCEL_CARRIER_LABELS[p.carrier];
  return {
    userId: resident._id,
    openid: resident.openid,
    key: 'parcelArrived',
    title: reminder ? `您的快递已放了${L.remindAfterDays}天以上，请尽快来取` : '您有快递到了解忧铺',
    lines: [`快递：${carrier}`, `取件码：${p.code}`, `货架：${p.shelf}`, '请带上取件码到解忧铺取件；行动不便的，可以请工作人员送上门'],
    page: 'parcels/pages/mine/index',
    data: { thing1: `${carrier}快递`, character_string2: p.code, thing3: `解忧铺 货架${p.shelf}` },
    messageId: reminder ? `parcel-remind-${p._id}` : `parcel-${p._id}`,
  };
}

/** Tells the resident of parcel `p` (`reminder`: the one reminder) in 消息 and WeChat where allowed. Never throws. */
export async function tellResident(p: Parcel, resident: Pick<User, '_id' | 'openid'>, reminder = false): Promise<void> {
  await notify(parcelNotice(p, resident, reminder)).catch((e) => console.warn(`[parcels] notice failed: ${String(e)}`));
}

/** What `log` reads with the caller: the resident (same community) and a parcel of the same request. */
export const logPreload = (i: Input<typeof actions.log>) => ({
  resident: preloadOf<User>({ from: 'users', match: { _id: i.residentId, role: 'resident' }, sameAsCaller: { communityId: 'communityId' } }),
  earlier: preloadOf<Parcel>({ from: 'parcels', match: { requestId: i.requestId }, sameAsCaller: { loggedById: '_id' } }),
});

export const log: Handler<typeof actions.log, PreloadsOf<typeof logPreload>> = async (input, { user, preloaded }) => {
  const resident = (preloaded?.resident ?? ((await db.collection('users').where({ _id: input.residentId, role: 'resident', communityId: user.communityId }).limit(1).get()).data as User[]))[0];
  if (!resident || resident.communityId !== user.communityId || resident.role !== 'resident') throw new AppError('PARCELS.RESIDENT_NOT_FOUND');
  const key = requestKey(user._id, input.requestId);
  const hash = requestHash({ residentId: input.residentId, carrier: input.carrier, shelf: input.shelf, ...(input.toDoor ? { toDoor: true } : {}) });
  const earlier = (preloaded?.earlier ?? ((await db.collection('parcels').where({ requestKey: key }).limit(1).get()).data as Parcel[])).find((p) => p.requestKey === key);
  if (earlier) return parcelView(sameRequest(earlier, hash), clockNow(), resident.phone);
  const now = clockNow();
  const event: ParcelEvent = { kind: 'logged', byId: user._id, byName: user.name, at: now };
  for (let i = 0; i < L.codeTries; i++) {
    const code = drawCode();
    const parcel: Parcel = {
      _id: newDocId(),
      communityId: user.communityId,
      residentId: resident._id,
      residentName: resident.name,
      ...(resident.householdKey ? { householdKey: resident.householdKey } : {}),
      carrier: input.carrier,
      shelf: input.shelf,
      ...(input.toDoor ? { toDoor: true } : {}),
      code,
      codeKey: `${user.communityId}|${code}`,
      status: 'waiting',
      loggedById: user._id,
      loggedByName: user.name,
      loggedAt: now,
      requestKey: key,
      requestHash: hash,
      events: [event],
    };
    try {
      // the insert and the resident's message at once (module notes): the message goes only with the parcel
      await notifyWith(parcelNotice(parcel, resident), () => db.collection('parcels').add({ data: { ...parcel, requestId: input.requestId } }));
    } catch (e) {
      if (isDuplicateKey(e, 'codeKey')) continue;
      if (!isDuplicateKey(e, 'requestKey')) throw e;
      const again = (await db.collection('parcels').where({ requestKey: key }).limit(1).get()).data[0] as Parcel | undefined;
      if (!again) throw e;
      return parcelView(sameRequest(again, hash), now, resident.phone);
    }
    return parcelView(parcel, now, resident.phone);
  }
  throw new AppError('PARCELS.CODE_BUSY');
};

/** The start of today in China time. */
const startOfToday = (now: Date): Date => local(now).startOf('day').toDate();

export const shelf: Handler<typeof actions.shelf> = async (_input, { user }) => {
  const now = clockNow();
  const _ = db.command;
  const today = startOfToday(now);
  const [waitingRes, totalRes, loggedRes, doneRes] = await Promise.all([
    db
      .collection('parcels')
      .aggregate()
      .match({ communityId: user.communityId, status: 'waiting' })
      .sort({ loggedAt: 1 })
      .limit(L.shelfMax)
      .lookup({ from: 'users', localField: 'residentId', foreignField: '_id', as: 'who' })
      .end(),
    db.collection('parcels').where({ communityId: user.communityId, status: 'waiting' }).count(),
    db.collection('parcels').where({ communityId: user.communityId, loggedAt: _.gte(today) }).count(),
    db.collection('parcels').where(_.or([{ communityId: user.communityId, pickedUpAt: _.gte(today) }, { communityId: user.communityId, deliveredAt: _.gte(today) }])).count(),
  ]);
  const rows = waitingRes.list as (Parcel & { who?: Pick<User, 'phone' | 'communityId'>[] })[];
  const waiting = rows.map(({ who, ...p }) => parcelView(p as Parcel, now, who?.find((u) => u.communityId === user.communityId)?.phone ?? null));
  const answer: ShelfAnswer = { waiting, waitingTotal: Math.max(totalRes.total, waiting.length), overdue: waiting.filter((p) => p.overdue).length, today: { logged: loggedRes.total, done: doneRes.total } };
  return answer;
};

/** What `pickUp` / `deliver` read with the caller: the parcel of their community, by id or by waiting code. */
export const parcelPreload = (i: { parcelId: string } | { code: string }) => ({
  parcel: 'parcelId' in i ? preloadOf<Parcel>({ from: 'parcels', match: { _id: i.parcelId }, sameAsCaller: { communityId: 'communityId' } }) : preloadOf<Parcel>({ from: 'parcels', match: { code: i.code, status: 'waiting' }, sameAsCaller: { communityId: 'communityId' } }),
});

/** The parcel asked for, of the caller's community (else PARCELS.NOT_FOUND / CODE_NOT_FOUND). */
async function parcelOf(user: LoadedUser, i: { parcelId: string } | { code: string }, preloaded: readonly Parcel[] | undefined): Promise<Parcel> {
  const byId = 'parcelId' in i;
  const list = preloaded ?? ((await db.collection('parcels').where(byId ? { _id: i.parcelId, communityId: user.communityId } : { code: i.code, status: 'waiting', communityId: user.communityId }).limit(1).get()).data as Parcel[]);
  const p = list.find((x) => x.communityId === user.communityId);
  if (!p) throw new AppError(byId ? 'PARCELS.NOT_FOUND' : 'PARCELS.CODE_NOT_FOUND');
  return p;
}

/** Moves waiting parcel `p` off the shelf as `kind`, once (a conditional update); the parcel as it now is. */
async function takeOff(p: Parcel, user: LoadedUser, kind: 'pickedUp' | 'delivered'): Promise<Parcel> {
  if (p.status !== 'waiting') throw new AppError('PARCELS.NOT_WAITING');
  const now = clockNow();
  const event: ParcelEvent = { kind, byId: user._id, byName: user.name, at: now };
  const set: Partial<Parcel> =
    kind === 'pickedUp' ? { status: 'pickedUp', pickedUpAt: now, pickedUpById: user._id, pickedUpByName: user.name } : { status: 'delivered', deliveredAt: now, deliveredById: user._id, deliveredByName: user.name };
  const r = await db
    .collection('parcels')
    .where({ _id: p._id, communityId: user.communityId, status: 'waiting' })
    .update({ data: { ...set, codeKey: p._id, events: db.command.push([event]) } });
  if (!r.stats.updated) throw new AppError('PARCELS.NOT_WAITING');
  return { ...p, ...set, codeKey: p._id, events: [...p.events, event] };
}

export const pickUp: Handler<typeof actions.pickUp, PreloadsOf<typeof parcelPreload>> = async (input, { user, preloaded }) => {
  const p = await parcelOf(user, input, preloaded?.parcel);
  return parcelView(await takeOff(p, user, 'pickedUp'), clockNow());
};

/**
 * 送上门 by staff or by an active volunteer of the parcel's community (any role; anyone else:
 * COMMON.FORBIDDEN — checked before the parcel is looked at, so nothing of it is revealed). A
 * volunteer's delivery credits `parcelDelivered` hours once (`creditHours`: `_id`
 * `parcelDelivered:<parcelId>:<userId>`; the conditional update lets only one delivery through, and
 * a repeated credit is a no-op) and answers without the pickup code or phone.
 */
export const deliver: Handler<typeof actions.deliver, PreloadsOf<typeof parcelPreload>> = async (input, { user, preloaded }) => {
  const staff = isStaffOf(user, user.communityId);
  if (!staff && !isVolunteerOf(user, user.communityId)) throw new AppError('COMMON.FORBIDDEN');
  const p = await parcelOf(user, input, preloaded?.parcel);
  const done = await takeOff(p, user, 'delivered');
  if (staff) return parcelView(done, clockNow());
  await creditHours({ communityId: user.communityId, userId: user._id, name: user.name, source: 'parcelDelivered', refId: done._id, at: done.deliveredAt });
  return { ...parcelView(done, clockNow()), code: '' };
};

/** May `user` see the door-delivery list and deliver: staff or an active volunteer of their own community. */
export function mayDeliver(user: LoadedUser): boolean {
  return isStaffOf(user, user.communityId) || isVolunteerOf(user, user.communityId);
}

/**
 * Why waiting parcel `p` of resident `who` goes to the door, or null: the resident asked at the
 * counter (`toDoor`), or is an elder (`age` ≥ `elderAge` on their record). The one rule of the list.
 */
export function doorReason(p: Pick<Parcel, 'toDoor'>, who: Pick<User, 'age'> | undefined): DoorParcel['why'] | null {
  if (p.toDoor) return 'asked';
  return who?.age !== undefined && who.age >= L.elderAge ? 'elder' : null;
}

/** 送快递上门: the community's waiting parcels that go to the door (see the contract), no codes, no phones. */
export const toDeliver: Handler<typeof actions.toDeliver> = async (_input, { user }) => {
  if (!mayDeliver(user)) throw new AppError('COMMON.FORBIDDEN');
  const { list } = await db
    .collection('parcels')
    .aggregate()
    .match({ communityId: user.communityId, status: 'waiting' })
    .sort({ loggedAt: 1 })
    .limit(L.shelfMax)
    .lookup({ from: 'users', localField: 'residentId', foreignField: '_id', as: 'who' })
    .project({ events: 0, code: 0, codeKey: 0 })
    .end();
  const parcels: DoorParcel[] = [];
  for (const row of list as (Parcel & { who?: User[] })[]) {
    const who = row.who?.find((u) => u.communityId === user.communityId);
    const why = doorReason(row, who);
    if (!why || parcels.length >= L.toDeliverMax) continue;
    const h = who?.home;
    parcels.push({ id: row._id, residentName: row.residentName, home: h ? { building: h.building, unit: h.unit, room: h.room } : null, shelf: row.shelf, carrierLabel: PARCEL_CARRIER_LABELS[row.carrier], loggedAt: iso(row.loggedAt)!, why });
  }
  const answer: ToDeliverAnswer = { parcels };
  return answer;
};

/** What `myParcels` reads with the caller: their waiting parcels and their latest done ones. */
export const myParcelsPreload = () => ({
  waiting: preloadOf<Parcel>({ from: 'parcels', match: { status: 'waiting' }, sameAsCaller: { residentId: '_id', communityId: 'communityId' }, sort: { loggedAt: 1 }, limit: 50, exclude: ['events'] }),
  done: preloadOf<Parcel>({ from: 'parcels', match: { status: { $in: ['pickedUp', 'delivered', 'returned'] } }, sameAsCaller: { residentId: '_id' }, sort: { loggedAt: -1 }, limit: L.recentDone, exclude: ['events'] }),
});

export const myParcels: Handler<typeof actions.myParcels, PreloadsOf<typeof myParcelsPreload>> = async (_input, { user, preloaded }) => {
  const _ = db.command;
  const waiting = preloaded?.waiting ?? ((await db.collection('parcels').where({ residentId: user._id, status: 'waiting' }).orderBy('loggedAt', 'asc').limit(50).get()).data as Parcel[]);
  const done = preloaded?.done ?? ((await db.collection('parcels').where({ residentId: user._id, status: _.in(['pickedUp', 'delivered', 'returned']) }).orderBy('loggedAt', 'desc').limit(L.recentDone).get()).data as Parcel[]);
  return { waiting: waiting.filter((p) => p.residentId === user._id).map(myParcel), done: done.filter((p) => p.residentId === user._id).map(myParcel) };
};

/**
 * The timer job: every waiting parcel logged more than `remindAfterDays` days ago and not yet
 * reminded gets ONE reminder (message centre, WeChat where allowed). The mark is a conditional
 * update (`remindedAt` absent) made before the notice, so two runs at once remind once. At most
 * `remindBatch` a run. Answers `{ reminded }`.
 */
export async function remindParcels(): Promise<{ reminded: number }> {
  const now = clockNow();
  const _ = db.command;
  const cutoff = new Date(now.getTime() - L.remindAfterDays * DAY_MS);
  const { data } = await db.collection('parcels').where({ status: 'waiting', loggedAt: _.lt(cutoff), remindedAt: _.exists(false) }).orderBy('loggedAt', 'asc').limit(L.remindBatch).get();
  const due = data as Parcel[];
  if (!due.length) return { reminded: 0 };
  const ids = [...new Set(due.map((p) => p.residentId))];
  const people = (await db.collection('users').where({ _id: _.in(ids) }).limit(ids.length).get()).data as User[];
  let reminded = 0;
  for (const p of due) {
    const event: ParcelEvent = { kind: 'reminded', byId: null, byName: '系统', at: now };
    const r = await db
      .collection('parcels')
      .where({ _id: p._id, status: 'waiting', remindedAt: _.exists(false) })
      .update({ data: { remindedAt: now, events: _.push([event]) } });
    if (!r.stats.updated) continue;
    const who = people.find((u) => u._id === p.residentId);
    if (who) await tellResident(p, who, true);
    reminded++;
  }
  return { reminded };
}
