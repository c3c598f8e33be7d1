/**
 * What every action of `ticket` needs to answer: the caller as the workflow sees them, the ticket
 * the router preloaded, and the views of a ticket for a resident or for staff (each derived from the
 * one privacy table, `shared/tickets/audience.ts`), plus the content-security check of what people write.
 */
import { callerOpenid, db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import { AppError } from '../../shared/errors';
import { tempFileUrls } from '../../shared/files';
import type { Grid, Ticket, User } from '../../shared/model';
import { checkText } from '../../shared/security';
import type { LoadedUser } from '../../shared/users';
import type { ResidentTicketView, StaffTicketView } from '../contract';
import { facetsFor } from '../../shared/tickets/audience';
import { residentView, staffAudience, staffView } from '../domain/views';
import { seesStaffView, type Actor } from '../domain/workflow';
import { volunteerRolesOf } from '../../shared/policy';
import { gridWorkerNames, preloadTicket, toTicket, type PreloadedTicket } from '../tickets';

/** The caller as the workflow sees them (with their active volunteer roles, issue 22). */
export function actorOf(user: LoadedUser): Actor {
  const volunteerRoles = volunteerRolesOf(user);
  return { id: user._id, name: user.name, role: user.role, communityId: user.communityId, gridIds: user.gridIds ?? [], ...(volunteerRoles.length ? { volunteerRoles } : {}) };
}

/** The preload of an action on one ticket (`{ ticketId }`): `ticket`, the ticket with its reporter (`tickets.ts` {@link preloadTicket}). */
export const ticketPreload = ({ ticketId }: { ticketId: string }) => ({ ticket: preloadTicket(ticketId) });

/**
 * The ticket `preloaded.ticket` brought (with its reporter when the preload joined it, else
 * `reporter: null`), as {@link toTicket} reads it: null if the preload found none; undefined if
 * nothing was preloaded (`preloaded` null, or no `ticket` asked for): the caller reads it itself.
 */
export function preloadedTicket(preloaded: { ticket?: readonly PreloadedTicket[] } | null): { ticket: Ticket | null; reporter: User | null } | undefined {
  if (!preloaded?.ticket) return undefined;
  const raw = preloaded.ticket[0];
  if (!raw) return { ticket: null, reporter: null };
  const { reporterDoc, ...rest } = raw;
  return { ticket: toTicket(rest), reporter: reporterDoc?.[0] ?? null };
}

/** Temporary URLs of a ticket's photos (one storage call; none without photos), in the ticket's order. */
async function photoUrls(t: Ticket): Promise<string[]> {
  return fileUrls(t.photos);
}

/** Temporary URLs of cloud files (one storage call; none for none), in their order. */
async function fileUrls(files: string[]): Promise<string[]> {
  if (!files.length) return [];
  const urls = await tempFileUrls(files);
  return files.map((f) => urls[f]).filter((u): u is string => !!u);
}

/**
 * The resident view of `t` for `user`, with who will help (one read while nobody accepted it,
 * none when `knownHelpers` gives them) and, for the reporter, the photos. TICKET.NOT_FOUND when
 * `user` may not see it.
 */
export async function residentViewOf(t: Ticket, user: User, knownHelpers?: string[]): Promise<ResidentTicketView> {
  const [helpers, photos] = await Promise.all([
    knownHelpers ? Promise.resolve(knownHelpers) : !t.assigneeId && t.gridId ? gridWorkerNames([t.gridId]).then((m) => m.get(t.gridId!)?.names ?? []) : Promise.resolve([]),
    t.reporterId === user._id ? photoUrls(t) : Promise.resolve([]),
  ]);
  const view = residentView(t, user._id, helpers, photos);
  if (!view) throw new AppError('TICKET.NOT_FOUND');
  return view;
}

/**
 * The staff view of `t` for `user`: grid code (one read) and the reporter's phone. `justChangedIt`:
 * the caller has just changed or filed it (a worker's return, a find that went to the hard-case
 * list), so they get the view of what they did even if the ticket has now left their grid.
 * TICKET.NOT_FOUND when `user` may not see it as staff.
 */
export async function staffViewOf(t: Ticket, user: LoadedUser, reporter?: User | null, justChangedIt = false): Promise<StaffTicketView> {
  const actor = actorOf(user);
  // an invited mediator (issue 22) reads the assignee's view (audience `mediator`)
  if (!justChangedIt && !seesStaffView(t, actor) && staffAudience(t, actor) !== 'mediator') throw new AppError('TICKET.NOT_FOUND');
  const gridCode = t.gridId ? ((await db.collection('grids').where({ _id: t.gridId }).field({ code: true }).limit(1).get()).data[0] as Grid | undefined)?.code ?? null : null;
  // the reporter's phone and photos are read only for a reader who may see them (shared/tickets/audience.ts)
  const may = facetsFor(t, staffAudience(t, actor));
  let phone: string | null = null;
  if (t.reporterId && may.has('reporterPhone')) {
    const r = reporter !== undefined ? reporter : (((await db.collection('users').where({ _id: t.reporterId }).limit(1).get()).data[0] as User | undefined) ?? null);
    phone = r?.phone ?? null;
  }
  const checkPhotos = t.verification?.photos ?? [];
  const [photos, verifyPhotos] = await Promise.all([may.has('reporterPhotos') ? photoUrls(t) : Promise.resolve([]), checkPhotos.length ? fileUrls(checkPhotos) : Promise.resolve([])]);
  return staffView(t, actor, { gridCode, reporterPhone: phone, photos, verifyPhotos }, clockNow());
}

/**
 * Content security (DESIGN.md; issue 9): every text a person writes passes `security.msgSecCheck`
 * (v2, as the caller) before anything is stored. Errors: COMMON.TEXT_REJECTED, COMMON.INTERNAL.
 */
export async function checkTexts(...texts: (string | undefined)[]): Promise<void> {
  const openid = callerOpenid();
  await Promise.all(texts.filter((t): t is string => !!t && !!t.trim()).map((t) => checkText(t, openid)));
}
