/**
 * 代缴 / 代办 (issue 22): a resident's request, the counter's 代提交 with spoken consent, 接单, 办好了
 * with receipt photos, cancelling, the resident's list and the staff list. The rules are in
 * `contract.ts`.
 *
 * Round trips (database requests; WeChat's own APIs and temp URLs not counted):
 * - `request` / `requestFor`: the caller (router), the resident (`requestFor`) with an earlier errand
 *   of the request (1), the insert (2). A duplicate `requestKey` (two taps at once) answers the first.
 * - `accept` / `done` / `cancel`: the errand (1), the conditional update on its state (2); `done`
 *   then tells the resident (3: the inbox message, with a stable id).
 * - `mine` / `list`: one query.
 */
import { db, isDuplicateKey } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { notify } from '../../shared/consent';
import { AppError } from '../../shared/errors';
import { assertOwnPhotos, tempFileUrls } from '../../shared/files';
import { newDocId } from '../../shared/ids';
import type { Errand, ErrandEvent, ErrandStatus, User } from '../../shared/model';
import { isResident, isStaffOf } from '../../shared/policy';
import { requestHash, requestKey, sameRequest } from '../../shared/requests';
import type { Handler } from '../../shared/router';
import { recordSpokenConsent } from '../../shared/spokenConsent';
import type { LoadedUser } from '../../shared/users';
import { ERRAND_KIND_LABELS, ERRAND_STATUS_LABELS } from '../../shared/vocabulary/errands';
import type { actions, ErrandView } from '../contract';
import { ERRANDS_LIMITS as L } from '../limits';

const COLL = 'errands';
const iso = (d: Date | string | undefined | null): string | null => (d ? new Date(d).toISOString() : null);

/** Errand `e` as people read it; `urls`: fileID → temp URL of its receipt photos. */
export function errandView(e: Errand, urls: Record<string, string> = {}): ErrandView {
  return {
    id: e._id,
    residentId: e.residentId,
    residentName: e.residentName,
    kind: e.kind,
    kindLabel: ERRAND_KIND_LABELS[e.kind],
    what: e.what,
    status: e.status,
    statusLabel: ERRAND_STATUS_LABELS[e.status],
    requestedAt: iso(e.requestedAt)!,
    requestedByName: e.requestedBy.name,
    byCounter: e.requestedBy.id !== e.residentId,
    assigneeName: e.assigneeName ?? null,
    acceptedAt: iso(e.acceptedAt),
    doneAt: iso(e.doneAt),
    doneNote: e.doneNote ?? null,
    receiptUrls: (e.receiptPhotos ?? []).map((f) => urls[f]).filter((u): u is string => !!u),
    cancelReason: e.cancelReason ?? null,
  };
}

/** Views of `list` with the receipt photos' temp URLs (one call for all). */
async function viewsOf(list: Errand[]): Promise<ErrandView[]> {
  const files = list.flatMap((e) => e.receiptPhotos ?? []);
  const urls = files.length ? await tempFileUrls(files).catch(() => ({})) : {};
  return list.map((e) => errandView(e, urls));
}

/** Inserts errand `e` once per request key; a repeat (or two taps at once) answers the first. */
async function insertOnce(e: Errand): Promise<Errand> {
  const earlier = (await db.collection(COLL).where({ requestKey: e.requestKey }).limit(1).get()).data[0] as Errand | undefined;
  if (earlier) return sameRequest(earlier, e.requestHash!);
  try {
    await db.collection(COLL).add({ data: e });
    return e;
  } catch (err) {
    if (!isDuplicateKey(err, 'requestKey')) throw err;
    const again = (await db.collection(COLL).where({ requestKey: e.requestKey }).limit(1).get()).data[0] as Errand | undefined;
    if (!again) throw err;
    return sameRequest(again, e.requestHash!);
  }
}

/** A new errand for `resident`, asked by `by` (the resident or the counter). */
function newErrand(resident: Pick<User, '_id' | 'name' | 'communityId'>, by: Pick<User, '_id' | 'name'>, input: { kind: Errand['kind']; what: string; requestId: string }, extra: Partial<Errand> = {}): Errand {
  const now = clockNow();
  const event: ErrandEvent = { kind: 'requested', byId: by._id, byName: by.name, at: now };
  return {
    _id: newDocId(),
    communityId: resident.communityId,
    residentId: resident._id,
    residentName: resident.name,
    kind: input.kind,
    what: input.what,
    status: 'requested',
    requestedAt: now,
    requestedBy: { id: by._id, name: by.name },
    receiptPhotos: [],
    events: [event],
    requestKey: requestKey(by._id, input.requestId),
    requestHash: requestHash({ residentId: resident._id, kind: input.kind, what: input.what }),
    ...extra,
  };
}

export const request: Handler<typeof actions.request> = async (input, { user }) => {
  if (!isResident(user)) throw new AppError('COMMON.FORBIDDEN');
  return errandView(await insertOnce(newErrand(user, user, input)));
};

export const requestFor: Handler<typeof actions.requestFor> = async (input, { user }) => {
  const consent = recordSpokenConsent(input.consent, user);
  const resident = (await db.collection('users').where({ _id: input.residentId, role: 'resident', communityId: user.communityId }).limit(1).get()).data[0] as User | undefined;
  if (!resident || resident.communityId !== user.communityId || resident.role !== 'resident') throw new AppError('ERRANDS.RESIDENT_NOT_FOUND');
  return errandView(await insertOnce(newErrand(resident, user, input, { consent })));
};

/** The errand `errandId` of the caller's community (else ERRANDS.NOT_FOUND). */
async function errandOf(user: LoadedUser, errandId: string): Promise<Errand> {
  const e = (await db.collection(COLL).where({ _id: errandId, communityId: user.communityId }).limit(1).get()).data[0] as Errand | undefined;
  if (!e || e.communityId !== user.communityId) throw new AppError('ERRANDS.NOT_FOUND');
  return e;
}

/** Moves `e` from one of `from` to the fields `set`, once (a conditional update); the errand as it now is. */
async function move(e: Errand, from: ErrandStatus[], set: Partial<Errand>, event: ErrandEvent): Promise<Errand> {
  if (!from.includes(e.status)) throw new AppError('ERRANDS.WRONG_STATE');
  const _ = db.command;
  const r = await db
    .collection(COLL)
    .where({ _id: e._id, communityId: e.communityId, status: _.in(from) })
    .update({ data: { ...set, events: _.push([event]) } });
  if (!r.stats.updated) throw new AppError('ERRANDS.WRONG_STATE');
  return { ...e, ...set, events: [...e.events, event] };
}

export const accept: Handler<typeof actions.accept> = async (input, { user }) => {
  const e = await errandOf(user, input.errandId);
  const now = clockNow();
  return errandView(await move(e, ['requested'], { status: 'accepted', assigneeId: user._id, assigneeName: user.name, acceptedAt: now }, { kind: 'accepted', byId: user._id, byName: user.name, at: now }));
};

export const done: Handler<typeof actions.done> = async (input, { user }) => {
  assertOwnPhotos(input.receiptPhotos, user);
  const e = await errandOf(user, input.errandId);
  if (e.kind === 'utilities' && !input.receiptPhotos.length) throw new AppError('ERRANDS.RECEIPT_REQUIRED');
  const now = clockNow();
  const set: Partial<Errand> = {
    status: 'done',
    doneAt: now,
    receiptPhotos: [...input.receiptPhotos],
    ...(input.note ? { doneNote: input.note } : {}),
    ...(e.assigneeId ? {} : { assigneeId: user._id, assigneeName: user.name }),
  };
  const after = await move(e, ['requested', 'accepted'], set, { kind: 'done', byId: user._id, byName: user.name, at: now });
  await tellDone(after);
  return (await viewsOf([after]))[0];
};

/** The resident's 消息 (and WeChat where allowed) that errand `e` is done. Never throws. */
async function tellDone(e: Errand): Promise<void> {
  const who = (await db.collection('users').where({ _id: e.residentId }).limit(1).get().catch(() => ({ data: [] }))).data[0] as User | undefined;
  const kind = ERRAND_KIND_LABELS[e.kind];
  await notify({
    userId: e.residentId,
    openid: who?.openid ?? null,
    key: 'errandDone',
    title: `您托办的「${kind}」已经办好了`,
    lines: [`事项：${e.what}`, ...(e.doneNote ? [`说明：${e.doneNote}`] : []), `经办人：${e.assigneeName ?? ''}`, ...(e.receiptPhotos.length ? ['缴费凭证的照片可以在「我的代办」里查看'] : [])],
    page: 'errands/pages/mine/index',
    data: { thing1: e.what, phrase2: '已办好', thing3: e.doneNote ?? '凭证可在我的代办查看' },
    messageId: `errand-done-${e._id}`,
  }).catch((err) => console.warn(`[errands] notice failed: ${String(err)}`));
}

export const cancel: Handler<typeof actions.cancel> = async (input, { user }) => {
  const e = (await db.collection(COLL).where({ _id: input.errandId }).limit(1).get()).data[0] as Errand | undefined;
  const staff = !!e && isStaffOf(user, e.communityId);
  const own = !!e && e.residentId === user._id;
  if (!e || (!staff && !own)) throw new AppError('ERRANDS.NOT_FOUND');
  const now = clockNow();
  const from: ErrandStatus[] = staff ? ['requested', 'accepted'] : ['requested'];
  const set: Partial<Errand> = { status: 'cancelled', cancelledAt: now, ...(input.reason ? { cancelReason: input.reason } : {}) };
  return errandView(await move(e, from, set, { kind: 'cancelled', byId: user._id, byName: user.name, at: now }));
};

export const mine: Handler<typeof actions.mine> = async (_input, { user }) => {
  const { data } = await db.collection(COLL).where({ residentId: user._id }).orderBy('requestedAt', 'desc').limit(L.mineMax).get();
  return viewsOf((data as Errand[]).filter((e) => e.residentId === user._id));
};

export const list: Handler<typeof actions.list> = async (input, { user }) => {
  const open = input.status === 'requested' || input.status === 'accepted';
  const { data } = await db
    .collection(COLL)
    .where({ communityId: user.communityId, status: input.status })
    .orderBy('requestedAt', open ? 'asc' : 'desc')
    .limit(L.listMax)
    .get();
  return viewsOf((data as Errand[]).filter((e) => e.communityId === user.communityId));
};
