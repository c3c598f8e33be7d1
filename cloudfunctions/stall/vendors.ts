/**
 * The `vendors` collection's one home (issue 19, "one store module per collection"): every read and
 * write of a vendor record by this function. A vendor record belongs to a `users` record (`userId`)
 * of role `vendor`; `status` absent means `approved` (records older than approvals). Errors:
 * VENDOR.NOT_FOUND, VENDOR.NOT_A_VENDOR, VENDOR.NOT_APPROVED, VENDOR.WRONG_STATE, as each says.
 * (The `market` function still reads vendors in `market/closures.ts`: reported, not this module's.)
 */
import crypto from 'node:crypto';
import { db } from '../shared/cloud';
import { AppError } from '../shared/errors';
import type { User, Vendor } from '../shared/model';
import { preloadOf } from '../shared/users';
import { DEFAULT_MAX_ABSENCES } from './domain/stalls';

/**
 * The vendor record's `_id` of the person whose `users._id` is `userId`: derived, not random, so
 * that finishing a registration cut short (`actions/register.ts`) can never make a second vendor
 * record — a second insert of the same id is a duplicate key. 32 hex characters, like every document id.
 */
export const vendorIdOfUser = (userId: string): string => crypto.createHash('sha256').update(`vendor|${userId}`).digest('hex').slice(0, 32);

/** Router preload of the caller's own vendor record (`vendor`: a {@link Vendor}), fetched with the caller; read it with {@link ownVendor}`(user, preloaded?.vendor)`. */
export const preloadVendor = { vendor: preloadOf<Vendor>({ from: 'vendors', match: {}, sameAsCaller: { userId: '_id' } }) };

/** The caller's vendor record (by their `users._id`), or null. One read. */
export async function vendorOfUser(user: Pick<User, '_id'>): Promise<Vendor | null> {
  const { data } = await db.collection('vendors').where({ userId: user._id }).limit(1).get();
  return (data[0] as Vendor | undefined) ?? null;
}

/** The caller's vendor record: from `known` (preloaded with the caller) when given, else one read; null for a non-vendor. */
export async function ownVendor(user: User, known?: readonly Vendor[]): Promise<Vendor | null> {
  if (user.role !== 'vendor') return null;
  return known ? (known.find((x) => x.userId === user._id) ?? null) : vendorOfUser(user);
}

/** The caller's vendor record (`known`: preloaded), approved. Errors: VENDOR.NOT_A_VENDOR, VENDOR.NOT_APPROVED. */
export async function approvedVendorOf(user: User, known?: readonly Vendor[]): Promise<Vendor> {
  const v = await ownVendor(user, known);
  if (!v) throw new AppError('VENDOR.NOT_A_VENDOR');
  if ((v.status ?? 'approved') !== 'approved') throw new AppError('VENDOR.NOT_APPROVED');
  return v;
}

/** A vendor of the admin's community. Errors: VENDOR.NOT_FOUND. */
export async function vendorOfCommunity(vendorId: string, communityId: string): Promise<Vendor> {
  const { data } = await db.collection('vendors').where({ _id: vendorId, communityId }).limit(1).get();
  const v = data[0] as Vendor | undefined;
  if (!v) throw new AppError('VENDOR.NOT_FOUND');
  return v;
}

/** A community's vendors (at most 500), unordered. */
export async function vendorsOfCommunity(communityId: string): Promise<Vendor[]> {
  const { data } = await db.collection('vendors').where({ communityId }).limit(500).get();
  return data as Vendor[];
}

/** The vendor records with these ids (at most 1000); `fields`: only those fields (and `_id`). */
export async function vendorsByIds(ids: string[], fields?: (keyof Vendor)[]): Promise<Vendor[]> {
  if (!ids.length) return [];
  const q = db.collection('vendors').where({ _id: db.command.in(ids) });
  const { data } = await (fields ? q.field(Object.fromEntries([['_id', true], ...fields.map((f) => [f, true])])) : q).limit(1000).get();
  return data as Vendor[];
}

/** Inserts a new vendor record (its `_id` from {@link vendorIdOfUser}: a second insert is a duplicate key, which the caller handles). */
export async function insertVendor(vendor: Vendor): Promise<void> {
  await db.collection('vendors').add({ data: vendor });
}

/** Approves a vendor not approved yet (one conditional write), noting who decided. Errors: VENDOR.WRONG_STATE (approved already). */
export async function approveVendor(vendorId: string, by: string): Promise<void> {
  const r = await db.collection('vendors').where({ _id: vendorId, status: db.command.neq('approved') }).update({ data: { status: 'approved', decidedBy: by, decidedAt: db.serverDate() } });
  if ((r.stats?.updated ?? 0) !== 1) throw new AppError('VENDOR.WRONG_STATE');
}

/** Does not approve a pending vendor, with the reason (conditional on still pending). */
export async function rejectVendor(vendorId: string, reason: string, by: string): Promise<void> {
  await db.collection('vendors').where({ _id: vendorId, status: 'pending' }).update({ data: { status: 'rejected', rejectReason: reason, decidedBy: by, decidedAt: db.serverDate() } });
}

/** Makes a vendor a regular with stall `stallNumber`, or (null) not a regular; absences start again from 0. */
export async function setRegularStall(vendorId: string, stallNumber: number | null): Promise<void> {
  await db.collection('vendors').where({ _id: vendorId }).update({ data: { regular: stallNumber !== null, regularStall: stallNumber, absences: 0 } });
}

/** Replaces the goods a vendor sells. */
export async function setGoods(vendorId: string, goods: string[]): Promise<void> {
  await db.collection('vendors').where({ _id: vendorId }).update({ data: { goods } });
}

/** Counts one absence; a regular who reaches `DEFAULT_MAX_ABSENCES` (3) loses regular status. 2 writes. */
export async function countAbsence(vendorId: string): Promise<void> {
  const _ = db.command;
  await db.collection('vendors').where({ _id: vendorId }).update({ data: { absences: _.inc(1) } });
  await db.collection('vendors').where({ _id: vendorId, regular: true, absences: _.gte(DEFAULT_MAX_ABSENCES) }).update({ data: { regular: false, regularStall: null } });
}
