/**
 * The link between a home visit (入户走访, `visits`) or a patrol (巡查, `patrols`) and the tickets
 * filed for the problems found on it (issue 21; docs/case-loop-design.md §4) — the only writes the
 * `ticket` function makes to `visits` and `patrols`, so no function imports another's files. Both
 * functions bundle it (as `shared/consultation/opinionLink.ts` does for opinions).
 *
 * - {@link preloadRoundRecord}: the visit or patrol, read with the caller (`sameAsCaller: workerId`).
 * - {@link linkableRecord}: before `ticket.fileCase` with `visitId`/`patrolId` inserts: the record
 *   must be the caller's own (`shared/policy.ts` `isOwnRoundRecord`) in their community, else
 *   `ROUNDS.LINK_NOT_FOUND` (the same whether it exists for someone else or not at all).
 * - {@link appendTicket}: after the ticket insert, `$addToSet` of the ticket's id on the record's
 *   `ticketIds` — one update, harmless when run twice (a retry of the same request lists it once).
 */
import { db } from '../cloud';
import { AppError } from '../errors';
import type { Patrol, Visit } from '../model';
import { isOwnRoundRecord } from '../policy';
import { preloadOf, type Preload } from '../users';

/** Which record a ticket was found on. */
export type RoundLink = { kind: 'visit'; id: string } | { kind: 'patrol'; id: string };

const COLLECTION = { visit: 'visits', patrol: 'patrols' } as const;

/** The link an input names (`visitId` or `patrolId`), or null. */
export function roundLinkOf(input: { visitId?: string; patrolId?: string }): RoundLink | null {
  if (input.visitId) return { kind: 'visit', id: input.visitId };
  if (input.patrolId) return { kind: 'patrol', id: input.patrolId };
  return null;
}

/** Preload of the caller's own visit or patrol `link` (nothing when it is someone else's). */
export function preloadRoundRecord(link: RoundLink): Preload<Visit | Patrol> {
  return preloadOf<Visit | Patrol>({ from: COLLECTION[link.kind], match: { _id: link.id }, sameAsCaller: { workerId: '_id' } });
}

/**
 * The record `link` names, checked: the caller's own, in their community. Uses `preloaded` when
 * given (the router's preload), else one read. Errors: ROUNDS.LINK_NOT_FOUND.
 */
export async function linkableRecord(link: RoundLink, user: { _id: string; communityId: string }, preloaded?: readonly (Visit | Patrol)[] | null): Promise<Visit | Patrol> {
  const list = preloaded ?? ((await db.collection(COLLECTION[link.kind]).where({ _id: link.id, workerId: user._id }).limit(1).get()).data as (Visit | Patrol)[]);
  const r = list.find((x) => x._id === link.id);
  if (!r || !isOwnRoundRecord(user, r)) throw new AppError('ROUNDS.LINK_NOT_FOUND');
  return r;
}

/** Lists ticket `ticketId` on the record `link` (`$addToSet`: once, however often it runs). One round trip. */
export async function appendTicket(link: RoundLink, ticketId: string, communityId: string): Promise<void> {
  await db
    .collection(COLLECTION[link.kind])
    .where({ _id: link.id, communityId })
    .update({ data: { ticketIds: db.command.addToSet(ticketId) } });
}
