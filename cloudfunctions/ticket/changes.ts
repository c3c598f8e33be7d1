/**
 * Writing ticket changes (platform code): each change decided by `domain/workflow.ts` is one
 * conditional update of the ticket document — `where({ _id, version })` → the new fields,
 * `version + 1` and the change's events pushed onto `events` — so a change and its event land
 * together or not at all, with no transaction (DESIGN.md "Capacity and claims are single atomic
 * operations"; "Every ticket change is an event"). When another change landed first (0 documents
 * updated) the ticket is read again and the command decided again on what is there now: for two
 * workers accepting at once, exactly one update matches and the other is refused by the rule
 * (TICKET.ALREADY_ACCEPTED, with the holder's name).
 */
import { db } from '../shared/cloud';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Ticket } from '../shared/model';
import type { Taken } from '../shared/quotas';
import { withTransaction } from '../shared/transactions';
import { applyChange as applied } from './domain/draft';
import { decide, decideMerge, type Actor, type Change, type Command } from './domain/workflow';
import { readTicket, toTicket } from './tickets';

/** How many times a command is decided again after losing a race before answering COMMON.BUSY. */
const ATTEMPTS = 4;

/**
 * The update data of a change: the events and `updatedAt` at server time, or at `at` (the
 * function's clock) for a write inside a transaction, where CloudBase refuses `db.serverDate()`
 * (docs/database.md, "Transactions").
 */
function updateData(t: Ticket, change: Change, at?: Date): Record<string, unknown> {
  const _ = db.command;
  const when = () => at ?? db.serverDate();
  return {
    ...change.set,
    version: t.version + 1,
    updatedAt: when(),
    events: _.push(change.events.map((e) => ({ ...e, at: when() }))),
    ...(change.follow ? { followerIds: _.addToSet(change.follow) } : {}),
  };
}

/** Writes `change` if the ticket is still at the version `t` was read at; false when another change came first. */
async function write(t: Ticket, change: Change): Promise<boolean> {
  // tickets written before versions existed have none: match a missing field as null
  const version = t.version === 0 ? db.command.in([0, null]) : t.version;
  const r = await db.collection('tickets').where({ _id: t._id, version }).update({ data: updateData(t, change) });
  return (r.stats?.updated ?? 0) === 1;
}

/**
 * Decides `command` on ticket `ticketId` for `actor` and writes it. `first` is the ticket as
 * already read (preloaded with the caller), or undefined to read it. `reserve` (optional) is
 * called once, after the first decision allowed the command and before its write: it takes the
 * actor's daily quota (`shared/quotas.ts`; a refused command never takes any) and is released when
 * the command ends up not written. Returns the ticket after the change and the change.
 * Round trips: 1 (preloaded, no race), +1 read per lost race, + what `reserve` costs.
 * Errors: those of `decide`; TICKET.NOT_FOUND (no such ticket, or another community's);
 * COMMON.BUSY after {@link ATTEMPTS} lost races; COMMON.TOO_MANY from `reserve`.
 */
export async function runCommand(ticketId: string, actor: Actor, command: Command, first?: Ticket | null, reserve?: () => Promise<Taken>): Promise<{ ticket: Ticket; change: Change }> {
  let t = first === undefined ? await readTicket(ticketId) : first;
  let taken: Taken | null = null;
  try {
    for (let i = 0; i < ATTEMPTS; i += 1) {
      if (!t || t.communityId !== actor.communityId) throw new AppError('TICKET.NOT_FOUND');
      const now = clockNow();
      const change = decide(t, actor, command, now);
      if (reserve && !taken) taken = await reserve();
      if (await write(t, change)) return { ticket: applied(t, change, now), change };
      t = await readTicket(ticketId);
    }
    throw new AppError('COMMON.BUSY');
  } catch (e) {
    await taken?.release();
    throw e;
  }
}

/**
 * Merges duplicate `dupId` into `intoId` (并单) in one transaction: the duplicate becomes `merged`
 * (pointing at the original) and its reporter and followers follow the original; both get an
 * event, both stamped with the function's clock (no server date inside a transaction). Errors:
 * TICKET.NOT_FOUND, TICKET.MERGE_INVALID, COMMON.BUSY.
 */
export async function mergeTickets(dupId: string, intoId: string, actor: Actor): Promise<{ dup: Ticket; into: Ticket; newFollowers: string[] }> {
  if (dupId === intoId) throw new AppError('TICKET.MERGE_INVALID');
  return withTransaction(async (tx) => {
    const read = async (id: string): Promise<Ticket> => {
      const { data } = await tx.collection('tickets').doc(id).get();
      if (!data || (data as Ticket).communityId !== actor.communityId) throw new AppError('TICKET.NOT_FOUND');
      return toTicket(data);
    };
    const dup = await read(dupId);
    const into = await read(intoId);
    const now = clockNow();
    const decided = decideMerge(dup, into, actor, now);
    const _ = db.command;
    // inside a transaction: the function's clock, never db.serverDate() (CloudBase refuses it there)
    await tx.collection('tickets').doc(dupId).update({ data: updateData(dup, decided.dup, now) });
    await tx
      .collection('tickets')
      .doc(intoId)
      .update({ data: { ...updateData(into, decided.into, now), ...(decided.newFollowers.length ? { followerIds: _.addToSet({ $each: decided.newFollowers }) } : {}) } });
    const intoAfter = applied(into, decided.into, now);
    return { dup: applied(dup, decided.dup, now), into: { ...intoAfter, followerIds: [...into.followerIds, ...decided.newFollowers] }, newFollowers: decided.newFollowers };
  });
}
