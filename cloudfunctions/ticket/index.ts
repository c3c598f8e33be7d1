/**
 * Cloud function `ticket`: residents' reports of neighbour disputes and community problems (诉求),
 * queued for the grid workers of the grid they fall in, and the case loop that follows (issue 9):
 * report → accept → handle (notes, coordination, return) → feedback → follow-up → close → rating.
 * Every action's input, answer and errors: docs/api.md; who may call it: docs/permissions.md.
 *
 * Residents (`registered`): report, similar, join, myTickets, get, rate.
 * Grid workers and admins (`staff`): queue, accept, note, coordinate, returnTicket, handle,
 * followUp, close, merge, fileCase, and at the counter reportFor, ticketsFor.
 * Admins (`admin`): hardCases, workers, assign, supervise, remind.
 * Timer trigger `ticketJobs` (every 10 minutes): marks tickets past their deadline and escalates
 * them to the community (`overdue.ts`), closes tickets whose follow-up window has passed
 * (`autoClose.ts`), asks reporters for a rating after closing (`ratingAsks.ts`), posts new,
 * overdue and supervised tickets to the grids' WeCom group robots (`robot.ts`), and removes
 * expired daily-quota documents (`shared/quotas.ts`).
 * Daily quotas (issue 16): residents' `report` and `join` take the caller's quota just before they
 * write (COMMON.TOO_MANY when the day's is used up); staff are never limited.
 *
 * Privacy (DESIGN.md; issue 16): what each audience sees of a ticket is decided in one place,
 * `domain/audience.ts`, and every answer here is derived from it. Residents see only tickets they
 * reported or joined; a ticket they may not see is TICKET.NOT_FOUND, exactly as one that does not
 * exist, so that no answer, error or count tells the neighbour reported about who reported. Staff
 * outside the ticket's grid get TICKET.NOT_FOUND too. Disputes are never offered or joinable.
 */
import { z } from 'zod';
import { callerOpenid, db } from '../shared/cloud';
import { runJobs } from '../shared/budget';
import { now as clockNow } from '../shared/clock';
import { AppError } from '../shared/errors';
import type { Estate, Grid, Ticket, TicketCategory, User } from '../shared/model';
import { action, createMain, permissionsOf, type TimerDef } from '../shared/router';
import { id, localDate, noFields, requestId, shortText, text } from '../shared/schemas';
import { recordSpokenConsent, spokenConsent } from '../shared/spokenConsent';
import { assertOwnPhotos, photoFileId, tempFileUrls } from '../shared/files';
import { checkText } from '../shared/security';
import { exceededKind, isLimited, preloadQuota, preloadedQuota, quotaDay, takeQuota, tooMany, pruneQuotas, type QuotaTake } from '../shared/quotas';
import { preloadResident, residentOf } from '../shared/staff';
import type { LoadedUser, Preload } from '../shared/users';
import { mergeTickets, runCommand } from './changes';
import { notifyProgress } from './notify';
import { markOverdue } from './overdue';
import { autoCloseHandled } from './autoClose';
import { askRatings } from './ratingAsks';
import { postToRobots } from './robot';
import { fairWaiting, PER_REPORTER, waitingOfSameReporter } from './queue';
import type { BoardItem, QueueView, ResidentTicketView, SimilarTicket, StaffTicketView } from './contract';
import { facetsFor, isMeToo } from './domain/audience';
import { BOARD_CATEGORIES, BOARD_CLOSED_DAYS, boardItem, onBoard } from './domain/board';
import { CATEGORIES } from './domain/categories';
import { addDays } from './domain/deadlines';
import { queueItem, residentView, similarItem, staffAudience, staffView } from './domain/views';
import { relationOf, seesStaffView, type Actor, type Command } from './domain/workflow';
import { createTicket, gridWorkerNames, helpersFromGrids, preloadEarlier, preloadEstate, preloadGrids, preloadGridsWithWorkers, preloadTicket, readTicket, ticketsOf, ticketsWithHelpers, toTicket, toViews } from './tickets';

const category = z.enum(CATEGORIES as [TicketCategory, ...TicketCategory[]]);

/** A place of the caller's community: an estate, optionally a building and unit of it, and a spot (楼顶, 地下室楼道, 绿化带). */
const where = z.object({ estateId: id.optional(), building: shortText(20).optional(), unit: shortText(20).optional(), spot: text(0, 50).optional() }).strict();

/** Photos uploaded to cloud storage by the caller: `cloud://<env>.<bucket>/tickets/<users._id>/<name>` (shared/photos.ts). */
const photos = z.array(photoFileId).max(3);

/** The caller as the workflow sees them. */
function actorOf(user: LoadedUser): Actor {
  return { id: user._id, name: user.name, role: user.role, communityId: user.communityId, gridIds: user.gridIds ?? [] };
}

/** The preloaded ticket (with its reporter), null if the preload found none, undefined if nothing was preloaded. */
function preloadedTicket(preloaded: Record<string, unknown[]> | null): { ticket: Ticket | null; reporter: User | null } | undefined {
  if (!preloaded?.ticket) return undefined;
  const raw = preloaded.ticket[0] as (Ticket & { reporterDoc?: User[] }) | undefined;
  if (!raw) return { ticket: null, reporter: null };
  const { reporterDoc, ...rest } = raw;
  return { ticket: toTicket(rest), reporter: reporterDoc?.[0] ?? null };
}

/** Temporary URLs of a ticket's photos (one storage call; none without photos), in the ticket's order. */
async function photoUrls(t: Ticket): Promise<string[]> {
  if (!t.photos.length) return [];
  const urls = await tempFileUrls(t.photos);
  return t.photos.map((f) => urls[f]).filter((u): u is string => !!u);
}

/**
 * The resident view of `t` for `user`, with who will help (one read while nobody accepted it,
 * none when `knownHelpers` gives them) and, for the reporter, the photos.
 */
async function residentViewOf(t: Ticket, user: User, knownHelpers?: string[]): Promise<ResidentTicketView> {
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
 */
async function staffViewOf(t: Ticket, user: LoadedUser, reporter?: User | null, justChangedIt = false): Promise<StaffTicketView> {
  const actor = actorOf(user);
  if (!justChangedIt && !seesStaffView(t, actor)) throw new AppError('TICKET.NOT_FOUND');
  const gridCode = t.gridId ? ((await db.collection('grids').where({ _id: t.gridId }).field({ code: true }).limit(1).get()).data[0] as Grid | undefined)?.code ?? null : null;
  // the reporter's phone and photos are read only for a reader who may see them (domain/audience.ts)
  const may = facetsFor(t, staffAudience(t, actor));
  let phone: string | null = null;
  if (t.reporterId && may.has('reporterPhone')) {
    const r = reporter !== undefined ? reporter : (((await db.collection('users').where({ _id: t.reporterId }).limit(1).get()).data[0] as User | undefined) ?? null);
    phone = r?.phone ?? null;
  }
  return staffView(t, actor, { gridCode, reporterPhone: phone, photos: may.has('reporterPhotos') ? await photoUrls(t) : [] }, clockNow());
}

/**
 * Content security (DESIGN.md; issue 9): every text a person writes passes `security.msgSecCheck`
 * (v2, as the caller) before anything is stored. Errors: COMMON.TEXT_REJECTED, COMMON.INTERNAL.
 */
async function checkTexts(...texts: (string | undefined)[]): Promise<void> {
  const openid = callerOpenid();
  await Promise.all(texts.filter((t): t is string => !!t && !!t.trim()).map((t) => checkText(t, openid)));
}

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
    default:
      return [];
  }
}

/** Runs a workflow command on the preloaded ticket (its texts checked first), notifies, and answers the staff view. */
async function staffCommand(ticketId: string, user: LoadedUser, command: Command, preloaded: Record<string, unknown[]> | null): Promise<StaffTicketView> {
  await checkTexts(...textsOf(command));
  const loaded = preloadedTicket(preloaded);
  const { ticket, change } = await runCommand(ticketId, actorOf(user), command, loaded?.ticket);
  await notifyProgress(ticket, change, loaded?.reporter);
  return staffViewOf(ticket, user, loaded?.reporter, true);
}

const ticketRef = z.object({ ticketId: id }).strict();
const withTicket = <T extends z.ZodRawShape>(shape: T) => z.object({ ticketId: id, ...shape }).strict();
const ticketPreload = ({ ticketId }: { ticketId: string }) => ({ ticket: preloadTicket(ticketId) });
/** A queue lists at most this many waiting tickets, and this many of the worker's own (most urgent first). */
const QUEUE_LIMIT = 200;

/** The board lists at most this many problems (newest first). */
const BOARD_LIMIT = 100;

const STAFF_RULE = "a ticket of the caller's community: its grid's workers and assignee see it, admins see all; working it: the assignee or an admin";

const actions = {
  // ─── residents ───────────────────────────────────────────────────────────────────────────
  report: action.registered(
    z
      .object({ category, text: text(5, 500, { multiline: true }), where: where.optional(), photos: photos.default([]), anonymous: z.boolean().default(true), requestId })
      .strict(),
    async (input, { user, preloaded }): Promise<ResidentTicketView> => {
      assertOwnPhotos(input.photos, user);
      // daily quota (shared/quotas.ts): a day already full is refused before anything else is asked
      const now = clockNow();
      const take: QuotaTake = { report: 1, photo: input.photos.length };
      const known = preloadedQuota(preloaded, quotaDay(now));
      const full = isLimited(user) && known ? exceededKind(known, take) : null;
      if (full && !preloaded?.earlier?.length) throw tooMany(full);
      await checkTexts(input.text, input.where?.spot, input.where?.unit);
      const ticket = await createTicket({
        reporter: user,
        actor: user,
        source: 'residentReport',
        category: input.category,
        text: input.text,
        where: input.where ?? {},
        photos: input.photos,
        anonymous: input.anonymous,
        requestId: input.requestId,
        preloaded: preloaded as { grids?: Grid[]; estate?: Estate[]; earlier?: Ticket[] } | undefined,
        reserve: isLimited(user) ? () => takeQuota({ by: 'user', id: user._id }, take, now, known) : undefined,
      });
      // who will help came with the grids (preloaded with their workers): no read of its own
      const grids = preloaded?.grids;
      return residentViewOf(ticket, user, grids && !ticket.assigneeId ? helpersFromGrids(grids, ticket.gridId) : undefined);
    },
    "the place is in the caller's own community; photos are the caller's own uploads; residents: at most 10 reports and 15 photos a day (COMMON.TOO_MANY)",
    {
      preload: (i) => ({
        grids: preloadGridsWithWorkers,
        earlier: preloadEarlier(i.requestId),
        quota: preloadQuota(quotaDay(clockNow())),
        ...(i.where?.estateId ? { estate: preloadEstate(i.where.estateId) } : {}),
      }),
    },
  ),

  board: action.registered(
    noFields,
    async (_input, { user }): Promise<{ items: BoardItem[]; closedDays: number }> => {
      const _ = db.command;
      const now = clockNow();
      const mine = { communityId: user.communityId, category: _.in(BOARD_CATEGORIES) };
      const { data } = await db
        .collection('tickets')
        .where(_.or([{ ...mine, status: _.in(['pending', 'inProgress', 'handled']) }, { ...mine, status: 'closed', closedAt: _.gte(addDays(now, -BOARD_CLOSED_DAYS)) }]))
        .field({ text: false, reporterId: false, reporterName: false, photos: false, followerIds: false, actorId: false, actorName: false, consent: false, ratings: false, requestKey: false, requestHash: false })
        .orderBy('createdAt', 'desc')
        .limit(BOARD_LIMIT)
        .get();
      const items = data.map(toTicket).filter((t) => onBoard(t, now));
      return { items: items.map((t) => boardItem(t, now)), closedDays: BOARD_CLOSED_DAYS };
    },
    "the caller's own community; community problems only, anonymised (no words, names or photos)",
  ),

  similar: action.registered(
    z.object({ category, where: where.optional() }).strict(),
    async (input, { user }): Promise<SimilarTicket[]> => {
      const _ = db.command;
      // only community problems are "me too" (audience.ts), and only at the place the person gave
      const estateId = input.where?.estateId;
      if (!estateId || !isMeToo(input.category)) return [];
      const building = input.where?.building ?? null;
      const { data } = await db
        .collection('tickets')
        .where({
          communityId: user.communityId,
          category: input.category,
          status: _.in(['pending', 'inProgress', 'handled']),
          'where.estateId': estateId,
          ...(building ? { 'where.building': building } : {}),
          createdAt: _.gt(addDays(clockNow(), -30)),
        })
        .field({ events: false, text: false, reporterName: false, photos: false, consent: false, ratings: false })
        .orderBy('createdAt', 'desc')
        .limit(10)
        .get();
      return data.map((d) => similarItem(toTicket(d), user._id)).filter((s): s is SimilarTicket => !!s);
    },
    "open community problems (never disputes) of the caller's own community at the place given; no text, names or counts",
  ),

  join: action.registered(
    ticketRef,
    async ({ ticketId }, { user, preloaded }): Promise<ResidentTicketView> => {
      // daily quota (shared/quotas.ts), taken only once the join is allowed
      const now = clockNow();
      const reserve = isLimited(user) ? () => takeQuota({ by: 'user', id: user._id }, { join: 1 }, now, preloadedQuota(preloaded, quotaDay(now))) : undefined;
      const { ticket } = await runCommand(ticketId, actorOf(user), { type: 'join' }, preloadedTicket(preloaded)?.ticket, reserve);
      // who will help came with the grids (preloaded with their workers): 3 round trips in all (issue 18)
      const grids = preloaded?.grids;
      return residentViewOf(ticket, user, grids && !ticket.assigneeId ? helpersFromGrids(grids, ticket.gridId) : undefined);
    },
    "an open community problem of the caller's own community (a dispute: TICKET.NOT_FOUND, as a missing ticket); residents: at most 20 joins a day (COMMON.TOO_MANY)",
    { preload: (i) => ({ ...ticketPreload(i), quota: preloadQuota(quotaDay(clockNow())), grids: preloadGridsWithWorkers }) },
  ),

  myTickets: action.registered(noFields, async (_input, { user }): Promise<ResidentTicketView[]> => {
    // the tickets with their grids' workers' names in one aggregation: 2 round trips with the caller
    const rows = await ticketsWithHelpers(user._id);
    return rows.map(({ ticket: t, helpers }) => residentView(t, user._id, t.assigneeId ? [] : helpers, [])).filter((v): v is ResidentTicketView => !!v);
  }),

  get: action.registered(
    ticketRef,
    async ({ ticketId }, { user, preloaded }): Promise<{ view: 'resident'; ticket: ResidentTicketView } | { view: 'staff'; ticket: StaffTicketView }> => {
      const loaded = preloadedTicket(preloaded) ?? { ticket: await readTicket(ticketId), reporter: undefined };
      const t = loaded.ticket;
      if (!t || t.communityId !== user.communityId) throw new AppError('TICKET.NOT_FOUND');
      if (seesStaffView(t, actorOf(user))) return { view: 'staff', ticket: await staffViewOf(t, user, loaded.reporter) };
      if (relationOf(t, user._id)) return { view: 'resident', ticket: await residentViewOf(t, user) };
      throw new AppError('TICKET.NOT_FOUND');
    },
    'its reporter and the neighbours who joined it (public steps); its grid workers, assignee and admins (everything)',
    { preload: ticketPreload },
  ),

  rate: action.registered(
    withTicket({ rating: z.enum(['satisfied', 'fairlySatisfied', 'unsatisfied']), comment: text(0, 200, { multiline: true }).default('') }),
    async ({ ticketId, rating, comment }, { user, preloaded }): Promise<ResidentTicketView> => {
      await checkTexts(comment);
      const { ticket } = await runCommand(ticketId, actorOf(user), { type: 'rate', rating, comment }, preloadedTicket(preloaded)?.ticket);
      return residentViewOf(ticket, user);
    },
    'its reporter only, once per closing',
    { preload: ticketPreload },
  ),

  // ─── grid workers ────────────────────────────────────────────────────────────────────────
  queue: action.staff(
    z.object({ sameReporterAs: id.optional() }).strict(),
    async ({ sameReporterAs }, { user, preloaded }): Promise<QueueView> => {
      const grids = user.gridIds ?? [];
      // the caller's own open tickets came with the caller (preload `mine`); the waiting list is
      // fair per reporter (queue.ts), so one person's flood never hides another's new report
      let waiting;
      if (sameReporterAs) {
        const t = preloadedTicket(preloaded)?.ticket;
        if (!t || t.communityId !== user.communityId || t.status !== 'pending' || !t.gridId || !grids.includes(t.gridId)) throw new AppError('TICKET.NOT_FOUND');
        waiting = await waitingOfSameReporter(t, grids, QUEUE_LIMIT);
      } else waiting = await fairWaiting(user.communityId, grids, QUEUE_LIMIT);
      const now = clockNow();
      const byDue = (a: Ticket, b: Ticket) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.createdAt.getTime() - b.createdAt.getTime();
      const mine = sameReporterAs ? [] : (preloaded?.mine ?? []).map(toTicket).filter((t) => t.assigneeId === user._id);
      return {
        waiting: waiting.rows.map((r) => ({ ...queueItem(r.ticket, now), moreFromSameReporter: r.more })),
        mine: mine.sort(byDue).map((t) => queueItem(t, now)),
        gridCodes: grids,
        waitingLimited: waiting.limited,
        limit: QUEUE_LIMIT,
        perReporter: PER_REPORTER,
        ...(sameReporterAs ? { sameReporterAs } : {}),
      };
    },
    "the caller's grids' waiting tickets, at most 3 per reporter; sameReporterAs: a waiting ticket of those grids",
    {
      preload: (i): Record<string, Preload> =>
        i.sameReporterAs
          ? { ticket: { from: 'tickets', match: { _id: i.sameReporterAs }, sameAsCaller: { communityId: 'communityId' }, exclude: ['events'] } }
          : { mine: { from: 'tickets', match: { status: { $in: ['inProgress', 'handled'] } }, sameAsCaller: { assigneeId: '_id' }, sort: { dueAt: 1 }, limit: QUEUE_LIMIT, exclude: ['events'] } },
    },
  ),

  accept: action.staff(ticketRef, async ({ ticketId }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'accept' }, preloaded), STAFF_RULE, { preload: ticketPreload }),

  note: action.staff(
    withTicket({ text: text(1, 500, { multiline: true }), public: z.boolean().default(false) }),
    async ({ ticketId, text: note, public: isPublic }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'note', text: note, public: isPublic }, preloaded),
    STAFF_RULE,
    { preload: ticketPreload },
  ),

  coordinate: action.staff(
    withTicket({
      department: z.enum(['propertyManager', 'lawEnforcement', 'parks', 'other']),
      departmentName: shortText(30).optional(),
      contact: text(1, 60),
      agreed: text(1, 300, { multiline: true }),
      by: localDate,
    }),
    async ({ ticketId, ...c }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'coordinate', ...c }, preloaded),
    STAFF_RULE,
    { preload: ticketPreload },
  ),

  returnTicket: action.staff(
    withTicket({ reason: text(2, 200, { multiline: true }) }),
    async ({ ticketId, reason }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'return', reason }, preloaded),
    "a waiting ticket of the caller's grid, or one the caller accepted",
    { preload: ticketPreload },
  ),

  handle: action.staff(
    withTicket({ result: text(2, 500, { multiline: true }) }),
    async ({ ticketId, result }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'handle', result }, preloaded),
    STAFF_RULE,
    { preload: ticketPreload },
  ),

  followUp: action.staff(
    withTicket({ date: localDate, method: z.enum(['visit', 'phone', 'wechat']), reporterSaid: text(1, 300, { multiline: true }) }),
    async ({ ticketId, ...c }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'followUp', ...c }, preloaded),
    STAFF_RULE,
    { preload: ticketPreload },
  ),

  close: action.staff(
    withTicket({ summary: text(0, 300, { multiline: true }).default('') }),
    async ({ ticketId, summary }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'close', summary }, preloaded),
    STAFF_RULE,
    { preload: ticketPreload },
  ),

  merge: action.staff(
    withTicket({ intoId: id }),
    async ({ ticketId, intoId }, { user }) => {
      const { into } = await mergeTickets(ticketId, intoId, actorOf(user));
      return staffViewOf(into, user, undefined, true);
    },
    'both tickets open, in the caller\'s community, and seen by the caller as staff',
  ),

  fileCase: action.staff(
    z
      .object({
        source: z.enum(['selfFound', 'organisationDiscussion', 'superiorAssigned', 'mutualHelp']),
        category,
        text: text(5, 500, { multiline: true }),
        where,
        residentId: id.optional(),
        photos: photos.default([]),
        requestId,
      })
      .strict(),
    async (input, { user, preloaded }) => {
      if ((input.source === 'superiorAssigned' || input.source === 'organisationDiscussion') && user.role !== 'communityAdmin') throw new AppError('TICKET.SOURCE_NOT_ALLOWED');
      assertOwnPhotos(input.photos, user);
      await checkTexts(input.text, input.where.spot, input.where.unit);
      const reporter = input.residentId ? await residentOf(user, input.residentId, preloaded) : null;
      const ticket = await createTicket({
        reporter,
        actor: user,
        source: input.source,
        category: input.category,
        text: input.text,
        where: input.where,
        photos: input.photos,
        anonymous: true,
        requestId: input.requestId,
        preloaded: preloaded as { grids?: Grid[]; estate?: Estate[]; earlier?: Ticket[] } | undefined,
      });
      return staffViewOf(ticket, user, reporter, true);
    },
    "the place (and the resident, if any) in the caller's community; 上级点/组织议 only by admins",
    {
      preload: (i) => ({
        grids: preloadGridsWithWorkers,
        earlier: preloadEarlier(i.requestId),
        ...(i.where.estateId ? { estate: preloadEstate(i.where.estateId) } : {}),
        ...(i.residentId ? preloadResident({ residentId: i.residentId }) : {}),
      }),
    },
  ),

  /** Counter (代办): report for a resident with their spoken consent; answers the counter's short view. */
  reportFor: action.staff(
    z.object({ residentId: id, category, text: text(5, 500, { multiline: true }), where: where.optional(), requestId, consent: spokenConsent }).strict(),
    async (input, { user: staff, preloaded }) => {
      const consent = recordSpokenConsent(input.consent, staff);
      const resident = await residentOf(staff, input.residentId, preloaded);
      await checkTexts(input.text, input.where?.spot, input.consent.note);
      const ticket = await createTicket({
        reporter: resident,
        actor: staff,
        source: 'residentReport',
        consent,
        category: input.category,
        text: input.text,
        where: input.where ?? {},
        photos: [],
        anonymous: true,
        requestId: input.requestId,
        preloaded: preloaded as { grids?: Grid[]; estate?: Estate[]; earlier?: Ticket[] } | undefined,
      });
      return (await toViews([ticket]))[0];
    },
    "the resident and the place are in the caller's own community",
    {
      preload: (i) => ({ ...preloadResident(i), grids: preloadGrids, earlier: preloadEarlier(i.requestId), ...(i.where?.estateId ? { estate: preloadEstate(i.where.estateId) } : {}) }),
    },
  ),

  ticketsFor: action.staff(
    z.object({ residentId: id }).strict(),
    async ({ residentId }, { user: staff, preloaded }) => {
      const resident = await residentOf(staff, residentId, preloaded);
      return toViews(await ticketsOf(resident._id));
    },
    "a resident of the caller's own community",
    { preload: preloadResident },
  ),

  // ─── community admins ────────────────────────────────────────────────────────────────────
  hardCases: action.admin(noFields, async (_input, { user }) => {
    const _ = db.command;
    const { data } = await db
      .collection('tickets')
      .where({ communityId: user.communityId, hardCase: true, status: _.in(['pending', 'inProgress', 'handled']) })
      .field({ events: false })
      .orderBy('dueAt', 'asc')
      .limit(200)
      .get();
    const now = clockNow();
    return data.map((d) => queueItem(toTicket(d), now, 'admin'));
  }, "the caller's own community"),

  workers: action.admin(noFields, async (_input, { user }) => {
    const { data } = await db.collection('users').where({ communityId: user.communityId, role: 'gridWorker' }).field({ _id: true, name: true, gridIds: true }).limit(100).get();
    return (data as User[]).map((w) => ({ id: w._id, name: w.name, gridIds: w.gridIds ?? [] }));
  }, "the caller's own community"),

  assign: action.admin(
    withTicket({ workerId: id }),
    async ({ ticketId, workerId }, { user, preloaded }) => {
      const { data } = await db.collection('users').where({ _id: workerId, communityId: user.communityId, role: 'gridWorker' }).limit(1).get();
      const worker = data[0] as User | undefined;
      if (!worker) throw new AppError('TICKET.WORKER_NOT_FOUND');
      return staffCommand(ticketId, user, { type: 'assign', worker: { id: worker._id, name: worker.name } }, preloaded);
    },
    "a ticket and a grid worker of the caller's own community",
    { preload: ticketPreload },
  ),

  supervise: action.admin(
    withTicket({ deadline: localDate, note: text(1, 200, { multiline: true }) }),
    async ({ ticketId, deadline, note }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'supervise', deadline, note }, preloaded),
    "an open ticket of the caller's own community",
    { preload: ticketPreload },
  ),

  remind: action.admin(
    withTicket({ note: text(1, 200, { multiline: true }) }),
    async ({ ticketId, note }, { user, preloaded }) => staffCommand(ticketId, user, { type: 'remind', note }, preloaded),
    "an open ticket of the caller's own community",
    { preload: ticketPreload },
  ),
};

/**
 * Timers. The platform runs one trigger per function (docs/jobs.md): config.json's `ticketJobs`
 * (every 10 minutes) runs every ticket job in turn within ONE time budget for the whole run
 * (`shared/budget.ts` `runJobs`, 8 s of the 20 s timeout, each job a fair share of what is left; a
 * backlog is finished over several runs); each is also a timer of its own name (its own 5 s).
 * `ticketJobs` answers the jobs' counts (each job's run time goes to the function's log).
 */
const timers: Record<string, TimerDef> = {
  ticketJobs: { rule: 'the platform timer only', run: () => runJobs([markOverdue, postToRobots, autoCloseHandled, askRatings, () => pruneQuotas(clockNow())]) },
  markOverdue: { rule: 'the platform timer only', run: markOverdue },
  autoClose: { rule: 'the platform timer only', run: autoCloseHandled },
  askRatings: { rule: 'the platform timer only', run: askRatings },
  postToRobots: { rule: 'the platform timer only', run: postToRobots },
};

export const main = createMain(actions, timers);
/** Who may call each action (the permission table, `docs/permissions.md`). */
export const permissions = permissionsOf(actions, timers);
