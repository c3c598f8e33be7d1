/**
 * The workflow steps staff take on one ticket (accept, note, coordinate, returnTicket, handle,
 * followUp, close; admins: assign, supervise, remind): each checks the words it carries, runs one
 * command of `domain/workflow.ts` on the preloaded ticket (`changes.ts`: one conditional update on
 * its version), notifies the reporter and followers (`notify.ts`), and answers the caller's view of
 * what they did. Errors: those of `domain/workflow.ts` (TICKET.NOT_FOUND, WRONG_STATE, NOT_ASSIGNEE,
 * ALREADY_ACCEPTED, DEADLINE_INVALID, FOLLOW_UP_REQUIRED; COMMON.FORBIDDEN), COMMON.TEXT_REJECTED,
 * COMMON.BUSY; assign also TICKET.WORKER_NOT_FOUND.
 */
import { db } from '../../shared/cloud';
import { resolveFromTicket } from '../../shared/consultation/opinionLink';
import { AppError } from '../../shared/errors';
import type { User } from '../../shared/model';
import type { LoadedUser, Preloaded } from '../../shared/users';
import { runCommand } from '../changes';
import type { actions, StaffTicketView } from '../contract';
import type { Command } from '../domain/workflow';
import { notifyExtensionDecided, notifyProgress } from '../notify';
import { assertOwnPhotos } from '../../shared/files';
import { actorOf, checkTexts, preloadedTicket, staffViewOf, type ticketPreload } from './answer';
import type { Handler, PreloadsOf } from '../../shared/router';
import { inCallerCommunity, isVolunteerOf } from '../../shared/policy';
import { creditHours } from '../../shared/volunteering';
import { creditMediators } from '../mediation';

/** What each step reads with the caller: the ticket with its reporter (`answer.ts` `ticketPreload`). */
type TicketPreloads = PreloadsOf<typeof ticketPreload>;

/** The handler of a step's contract `C`, with the ticket preloaded (index.ts `{ preload: ticketPreload }`). */
type StepHandler<C> = Handler<C, TicketPreloads>;

/** The texts a command carries (checked before it is written). */
function textsOf(c: Command): (string | undefined)[] {
  switch (c.type) {
    case 'note':
      return [c.text];
    case 'coordinate':
      return [c.departmentName, c.contact, c.agreed];
    case 'return':
      return [c.reason];
    case 'handle':
      return [c.result];
    case 'followUp':
      return [c.reporterSaid];
    case 'close':
      return [c.summary];
    case 'rate':
      return [c.comment];
    case 'supervise':
    case 'remind':
      return [c.note];
    case 'requestExtension':
    case 'suspend':
      return [c.reason];
    case 'decideExtension':
      return [c.reason];
    case 'verify':
      return [c.note];
    default:
      return [];
  }
}

/**
 * Runs a workflow command on the preloaded ticket (its texts checked first), notifies, and answers
 * the staff view. `alongside` (optional): a write that follows the change, run at the same time as
 * the notifications (a volunteer's hours, issue 22: one more request, no longer wait).
 */
export async function staffCommand(ticketId: string, user: LoadedUser, command: Command, preloaded: Preloaded<TicketPreloads> | null, alongside?: () => Promise<unknown>): Promise<StaffTicketView> {
  await checkTexts(...textsOf(command));
  const loaded = preloadedTicket(preloaded);
  const { ticket, change } = await runCommand(ticketId, actorOf(user), command, loaded?.ticket);
  // a ticket that follows an opinion (issue 20): its closing resolves the opinion, its giver told in 消息 (the consult timer sweeps what this misses)
  if (ticket.opinionId && change.events.some((e) => e.type === 'closed')) await resolveFromTicket(ticket, { id: user._id, name: user.name });
  // a dispute closed with mediators (issue 22): each is credited a mediation, once
  if (ticket.mediatorIds?.length && change.events.some((e) => e.type === 'closed')) await creditMediators(ticket);
  await Promise.all([notifyProgress(ticket, change, loaded?.reporter), command.type === 'decideExtension' ? notifyExtensionDecided(ticket, change) : null, alongside ? alongside() : null]);
  return staffViewOf(ticket, user, loaded?.reporter, true);
}

/** 受理. */
export const accept: StepHandler<typeof actions.accept> = ({ ticketId }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'accept' }, preloaded);

/** 记录 (internal, or public to the reporter and followers). */
export const note: StepHandler<typeof actions.note> = ({ ticketId, text, public: isPublic }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'note', text, public: isPublic }, preloaded);

/** 协调. */
export const coordinate: StepHandler<typeof actions.coordinate> = ({ ticketId, ...c }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'coordinate', ...c }, preloaded);

/** 退单. */
export const returnTicket: StepHandler<typeof actions.returnTicket> = ({ ticketId, reason }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'return', reason }, preloaded);

/** 反馈. */
export const handle: StepHandler<typeof actions.handle> = ({ ticketId, result }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'handle', result }, preloaded);

/** 回访. */
export const followUp: StepHandler<typeof actions.followUp> = ({ ticketId, ...c }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'followUp', ...c }, preloaded);

/** 办结. */
export const close: StepHandler<typeof actions.close> = ({ ticketId, summary }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'close', summary }, preloaded);

/** 指派: the worker must be a grid worker of the caller's community (TICKET.WORKER_NOT_FOUND). */
export const assign: StepHandler<typeof actions.assign> = async ({ ticketId, workerId }, { user, preloaded }) => {
  const { data } = await db.collection('users').where(inCallerCommunity(user, { _id: workerId, role: 'gridWorker' })).limit(1).get();
  const worker = data[0] as User | undefined;
  if (!worker) throw new AppError('TICKET.WORKER_NOT_FOUND');
  return staffCommand(ticketId, user, { type: 'assign', worker: { id: worker._id, name: worker.name } }, preloaded);
};

/** 督办. */
export const supervise: StepHandler<typeof actions.supervise> = ({ ticketId, deadline, note: words }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'supervise', deadline, note: words }, preloaded);

/** 催办. */
export const remind: StepHandler<typeof actions.remind> = ({ ticketId, note: words }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'remind', note: words }, preloaded);

// ─── issue 21 (docs/case-loop-design.md §3) ───

/** 申请延期 (the assignee). */
export const requestExtension: StepHandler<typeof actions.requestExtension> = ({ ticketId, untilDate, reason }, { user, preloaded }) =>
  staffCommand(ticketId, user, { type: 'requestExtension', untilDate, reason }, preloaded);

/** 审批延期 (an admin): the reporter and followers are told an approved one's new date, the assignee either way. */
export const decideExtension: StepHandler<typeof actions.decideExtension> = ({ ticketId, approve, reason }, { user, preloaded }) =>
  staffCommand(ticketId, user, { type: 'decideExtension', approve, ...(reason ? { reason } : {}) }, preloaded);

/** 挂起. */
export const suspend: StepHandler<typeof actions.suspend> = ({ ticketId, reason, untilDate }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'suspend', reason, untilDate }, preloaded);

/** 恢复办理. */
export const resume: StepHandler<typeof actions.resume> = ({ ticketId }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'resume' }, preloaded);

/**
 * 核查: the after-photos must be the caller's own uploads (COMMON.FORBIDDEN, nothing written). A
 * 信息员 volunteer's check (issue 22) is credited a verification's hours once the check is written,
 * alongside the notifications (`creditHours`, refId the ticket: once per ticket and volunteer).
 */
export const verify: StepHandler<typeof actions.verify> = async ({ ticketId, passed, note: words, photos }, { user, preloaded }) => {
  assertOwnPhotos(photos, user);
  const informant = isVolunteerOf(user, user.communityId, 'informant');
  const credit = () => creditHours({ communityId: user.communityId, userId: user._id, name: user.name, source: 'verification', refId: ticketId });
  return staffCommand(ticketId, user, { type: 'verify', passed, note: words, photos }, preloaded, informant ? credit : undefined);
};
