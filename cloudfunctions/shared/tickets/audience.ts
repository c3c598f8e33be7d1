/**
 * What each audience may see of a ticket (pure) — the ONE place the reporter's privacy is decided
 * (issue 16 §1 "A reporter is never revealed"; DESIGN.md "Privacy"; 不让对方知道是我反映的).
 *
 * Every answer about a ticket is derived from here: the resident view (`get`, `myTickets`, `join`,
 * `rate`), the staff view and queue rows, `similar`, the public board, the counter's short view
 * (`reportFor`, `ticketsFor`), the progress messages (`notify.ts`, `ratingAsks.ts`) and the ledger's
 * timeline (`console/domain/ledger.ts`). Privacy is a property of the views, never of each note: a
 * note written at the counter ("陈晓丹 在解忧铺代 李秀兰 反映…") is stored as written and simply
 * not shown to an audience that may not see the counter's record.
 *
 * Audiences (who reads; {@link audienceOf} decides for a caller):
 * - `reporter`  — the resident who reported it (or for whom staff reported it at the counter);
 * - `follower`  — a neighbour who joined it (附议), or whose duplicate report staff merged into it;
 * - `resident`  — any other resident of the community, the neighbour a report is about included;
 * - `assignee`  — the grid worker handling it;
 * - `gridStaff` — the grid workers of its grid who do not hold it (they decide whether to accept
 *   it): the problem, its words and its steps, but not who reported it, their phone, their photos
 *   (the files sit in the reporter's folder) or the counter's record — DESIGN.md: "a reporter's
 *   identity and phone are visible to the assigned worker and admins only". Accepting it makes the
 *   worker its `assignee`, and the acceptance is a step everyone handling it sees;
 * - `admin`     — the community's admins (the ledger is theirs);
 * - `board`     — the public board (问题挂牌), read by every resident of the community;
 * - `counter`   — staff at the counter serving the reporter in person (`reportFor`, `ticketsFor`:
 *   only tickets that resident reported), who see what the reporter sees;
 * - `mediator`  — a 调解员 volunteer (解忧智囊团, issue 22) the assignee invited onto a neighbour
 *   dispute (`Ticket.mediatorIds`), while an active mediator of its community: exactly what the
 *   assignee sees (the assignee brought them in to resolve it) and nothing more — never a step the
 *   assignee's view does not show. Not invited: nothing (TICKET.NOT_FOUND);
 * - `informant` — a 信息员 volunteer checking (核查) a handled community problem (issue 22): the
 *   problem and its public steps and notes (what was done, by whom) — not who reported it, their
 *   words, phone or photos, nor anything internal;
 * - `robot`     — the grid's WeCom group robot (企业微信群机器人, issue 18; `ticket/robot.ts`): a chat
 *   outside the product, read by whoever is in the group. Of a community problem it posts what the
 *   board shows of the problem (category, place, dates); of a dispute or 其他 only its category and
 *   grid (`domain/robotMessage.ts`): never who reported, their words, photos or phone.
 * Staff of the community outside the ticket's grid, and anyone of another community, see nothing
 * (`audienceOf` → null → TICKET.NOT_FOUND, the same answer as for a ticket that does not exist).
 *
 * Facets (what there is to see): see {@link Facet}. Neighbour disputes (邻里纠纷) and 其他 are
 * private matters: `resident` and `board` see nothing of them at all, so a dispute is never offered
 * as "similar", never joinable ("me too" is for community problems only: {@link isMeToo}) and never
 * on the board. A second report of the same dispute is filed on its own; staff merge them (并单).
 */
import type { Ticket, TicketCategory, TicketEvent } from '../model';
import { CATEGORY_GROUPS, isCommunityProblem } from '../vocabulary/categories';
import { isAdminOfTicket, isAssignee, isGridWorkerOfTicket, isMediatorOfTicket, relationOf, type Actor } from '../policy';

/** Who reads (see the module comment). */
export type Audience = 'reporter' | 'follower' | 'resident' | 'assignee' | 'gridStaff' | 'admin' | 'board' | 'counter' | 'robot' | 'mediator' | 'informant';

/** Every audience, in the order of docs/api.md's table. */
export const AUDIENCES: Audience[] = ['reporter', 'follower', 'resident', 'assignee', 'gridStaff', 'admin', 'board', 'counter', 'robot', 'mediator', 'informant'];

/**
 * What there is to see of a ticket:
 * - `problem`: category, place, status, dates, overdue/supervised marks;
 * - `progress`: the public steps (accepted, coordinated, handled, closed, supervised…), titled;
 * - `progressNotes`: what staff wrote publicly on those steps (result, agreement, public note,
 *   closing summary, supervision note);
 * - `workerNames`: the names of the grid workers and staff who act on it;
 * - `reporterIdentity`: the reporter's name and id;
 * - `reporterPhone`: the reporter's phone, masked (138****5678); `reporterPhoneFull`: in full;
 * - `reporterWords`: what the reporter said — the report's text, what they said at the follow-up
 *   (回访 `reporterSaid`), their ratings and comments, and the rework their rating caused;
 * - `reporterPhotos`: the report's photos (file ids and temporary URLs);
 * - `counterRecord`: who entered it for whom at the counter, the spoken consent and its note;
 * - `internal`: internal notes, returns, reminders, escalations, who joined and how many follow,
 *   the source, the grid and the deadlines' reasons.
 */
export type Facet =
  | 'problem'
  | 'progress'
  | 'progressNotes'
  | 'workerNames'
  | 'reporterIdentity'
  | 'reporterPhone'
  | 'reporterPhoneFull'
  | 'reporterWords'
  | 'reporterPhotos'
  | 'counterRecord'
  | 'internal';

/** Every facet. */
export const FACETS: Facet[] = ['problem', 'progress', 'progressNotes', 'workerNames', 'reporterIdentity', 'reporterPhone', 'reporterPhoneFull', 'reporterWords', 'reporterPhotos', 'counterRecord', 'internal'];

const REPORTER: Facet[] = ['problem', 'progress', 'progressNotes', 'workerNames', 'reporterIdentity', 'reporterWords', 'reporterPhotos', 'counterRecord'];
const STAFF: Facet[] = ['problem', 'progress', 'progressNotes', 'workerNames', 'reporterIdentity', 'reporterPhone', 'reporterWords', 'reporterPhotos', 'counterRecord', 'internal'];
/** A grid worker who does not hold it: what the problem is, never who reported it (see `gridStaff`). */
const GRID_STAFF: Facet[] = ['problem', 'progress', 'progressNotes', 'workerNames', 'reporterWords', 'internal'];

/**
 * THE table: what each audience may see of a ticket it can reach. For `resident`, `board` and
 * `robot` this holds for community problems only; of a dispute they see nothing ({@link facetsFor})
 * — the robot says only that there is one, by its category and grid.
 */
export const SEES: Readonly<Record<Audience, readonly Facet[]>> = {
  reporter: REPORTER,
  follower: ['problem', 'progress', 'progressNotes', 'workerNames'],
  resident: ['problem'],
  assignee: [...STAFF, 'reporterPhoneFull'],
  gridStaff: GRID_STAFF,
  admin: [...STAFF, 'reporterPhoneFull'],
  board: ['problem', 'progress'],
  counter: REPORTER,
  robot: ['problem'],
  /** the assignee's view, exactly (issue 22) */
  mediator: [...STAFF, 'reporterPhoneFull'],
  informant: ['problem', 'progress', 'progressNotes', 'workerNames'],
};

/** The community problems (社区问题: 环境卫生, 绿化, 公共设施损坏, 道路破损, 安全隐患): the only "me too" tickets, the only ones on the board. */
export const COMMUNITY_PROBLEMS: TicketCategory[] = CATEGORY_GROUPS.find((g) => g.group === 'communityProblem')?.categories ?? [];

/** True for a community problem: other residents may be offered it (`similar`), join it and read it on the board. */
export function isMeToo(category: TicketCategory): boolean {
  return isCommunityProblem(category);
}

/** What `audience` may see of `t` (empty: the ticket does not exist for them). */
export function facetsFor(t: Pick<Ticket, 'category'>, audience: Audience): ReadonlySet<Facet> {
  if ((audience === 'resident' || audience === 'board' || audience === 'robot') && !isMeToo(t.category)) return new Set();
  return new Set(SEES[audience]);
}

/** True when `audience` may see `facet` of `t`. */
export function sees(t: Pick<Ticket, 'category'>, audience: Audience, facet: Facet): boolean {
  return facetsFor(t, audience).has(facet);
}

/**
 * The audience a caller belongs to for `t`, or null when `t` does not exist for them. Staff first
 * (admin, assignee, a worker of its grid), then the reporter and followers, then any other resident
 * of its community. Staff outside the grid and people of other communities: null. An invited
 * mediator (issue 22) reads as `mediator` (before any resident relation: parties are never invited).
 * (`informant` is never answered here: it is the audience of a volunteer's check, `views.ts` `staffAudience`.)
 */
export function audienceOf(t: Pick<Ticket, 'communityId' | 'gridId' | 'assigneeId' | 'reporterId' | 'followerIds' | 'mediatorIds'>, a: Actor): Audience | null {
  if (a.communityId !== t.communityId) return null;
  if (isAdminOfTicket(t, a)) return 'admin';
  if (isAssignee(t, a)) return 'assignee';
  if (isGridWorkerOfTicket(t, a)) return 'gridStaff';
  if (isMediatorOfTicket(t, a)) return 'mediator';
  const relation = relationOf(t, a.id);
  if (relation === 'mine') return 'reporter';
  if (relation === 'joined') return 'follower';
  return a.role === 'resident' ? 'resident' : null;
}

/** The facet that lets one see that step `e` happened at all. */
export function stepFacet(e: Pick<TicketEvent, 'type' | 'public'>): Facet {
  if (e.type === 'rated') return 'reporterWords';
  // a return (退单, issue 21) is a visible step — residents read 「转社区统一协调」 — its reason staff's only (noteFacet)
  if (e.type === 'returned') return 'progress';
  if (!e.public) return 'internal';
  switch (e.type) {
    case 'joined':
    case 'mergedIn':
    case 'escalated':
    case 'reminded':
      return 'internal';
    default:
      return 'progress';
  }
}

/** The facet that lets one read the note of step `e` (whose words it holds). */
export function noteFacet(e: Pick<TicketEvent, 'type' | 'public' | 'detail'>): Facet {
  switch (e.type) {
    case 'reported':
      // a family member's report (家人代办): "由家人 邹梅（女儿）代为反映" is read with the reporter's own words
      if (e.detail?.by === 'family') return 'reporterWords';
      // as entered: "陈晓丹 在解忧铺代 李秀兰 反映（居民口头同意）" names the resident
      return 'counterRecord';
    case 'followedUp':
    case 'rated':
      // what the reporter said at the follow-up; their verdict
      return 'reporterWords';
    case 'rework':
      // the rework their rating caused (a failed check's rework carries the checker's words: progress notes)
      return e.detail?.by === 'verification' ? 'progressNotes' : 'reporterWords';
    case 'returned':
      // why a worker returned it is staff's (issue 21)
      return 'internal';
    default:
      return stepFacet(e) === 'progress' ? 'progressNotes' : 'internal';
  }
}

/**
 * The steps of `t` that `audience` may see, in order, each with its note blanked when the
 * audience may not read it. The actor's name stays on the event: views show it only with
 * `workerNames` (and never for a step by the reporter or a follower).
 */
export function visibleEvents(t: Pick<Ticket, 'category' | 'events'>, audience: Audience): TicketEvent[] {
  const facets = facetsFor(t, audience);
  return t.events.filter((e) => facets.has(stepFacet(e))).map((e) => (facets.has(noteFacet(e)) ? e : { ...e, note: '' }));
}
