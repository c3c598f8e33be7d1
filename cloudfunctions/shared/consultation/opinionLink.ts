/**
 * The link between an opinion (意见建议, `opinions`) and the ticket that follows it (issue 20;
 * docs/consultation-design.md §4) — the only writes the `ticket` function makes to `opinions`, so
 * no function imports another's files. Both functions bundle it.
 *
 * - {@link ticketableOpinion}: before `ticket.fileCase` with `opinionId` inserts: the opinion of the
 *   caller's community, open or accepted (or already linked to the ticket of this very request: a retry).
 * - {@link markTicketed}: after the ticket insert: `where({ _id, communityId, status ∈ open|accepted })`
 *   → `ticketed` + `ticketId` + its event, one conditional update; on a retry (already linked to
 *   the same ticket) nothing more is written.
 * - {@link resolveFromTicket}: on `ticket.close` (and the consult timer's sweep of `ticketed` opinions
 *   whose ticket closed): `ticketed → resolved` with the ticket's closing summary, its giver told.
 * - {@link reworkFromTicket}: an unsatisfied rating reopened the ticket (返工): `resolved → ticketed`.
 *
 * Each write is conditional on the status it leaves, so running one twice (a retry, the sweep after
 * the close) changes the opinion once. The giver's message: {@link tellGiver} (inbox always; WeChat
 * only from the `consult` function, the template's sender — see there).
 */
import { db } from '../cloud';
import { now as clockNow } from '../clock';
import { notify } from '../consent';
import { localDateOf } from '../deadlines';
import { AppError } from '../errors';
import type { Opinion, Ticket, User } from '../model';
import { local } from '../time';
import { OPINION_STATUS_LABELS } from '../vocabulary/opinions';

/** Who takes a step on the link (staff, or the timer `system`/系统). */
export interface LinkActor {
  id: string;
  name: string;
}

/** The page of an opinion for its giver (no leading slash). */
export const giverOpinionPage = (opinionId: string): string => `consult/pages/opinion/index?id=${opinionId}`;

/** An opinion document as read (defaults for fields older documents may lack). */
export function toOpinion(raw: unknown): Opinion {
  const o = raw as Partial<Opinion> & { _id: string };
  return { ...(o as Opinion), overdue: o.overdue ?? false, reopened: o.reopened ?? 0, events: o.events ?? [], giver: o.giver ?? {} };
}

/** Opinion `opinionId` of community `communityId`, or null. One round trip. */
export async function readOpinionOf(opinionId: string, communityId: string): Promise<Opinion | null> {
  const { data } = await db.collection('opinions').where({ _id: opinionId, communityId }).limit(1).get();
  return data[0] ? toOpinion(data[0]) : null;
}

/**
 * The opinion a new ticket may follow: of community `communityId`, and open or accepted — or
 * already `ticketed` to `earlierTicketId` (the ticket of the same request, filed before: a retry).
 * One round trip. Errors: CONSULT.OPINION_NOT_FOUND, CONSULT.OPINION_WRONG_STATE.
 */
export async function ticketableOpinion(opinionId: string, communityId: string, earlierTicketId: string | null): Promise<Opinion> {
  const o = await readOpinionOf(opinionId, communityId);
  if (!o) throw new AppError('CONSULT.OPINION_NOT_FOUND');
  if (o.status === 'open' || o.status === 'accepted') return o;
  if (earlierTicketId && o.ticketId === earlierTicketId) return o;
  throw new AppError('CONSULT.OPINION_WRONG_STATE', { status: o.status });
}

/** The event pushed with a link write (server time). */
function eventOf(type: Opinion['events'][number]['type'], actor: LinkActor, note: string) {
  return db.command.push([{ type, at: db.serverDate(), actorId: actor.id, actorName: actor.name, note }]);
}

/**
 * Links opinion `opinionId` to the ticket just inserted: `open|accepted → ticketed`. Answers true
 * when it is linked to `ticket` (now, or already by an earlier run of the same request); false when
 * the opinion moved on meanwhile (answered or resolved by someone else: the ticket stands, unlinked
 * from that side, and the function logs it). 1 round trip, +1 read when nothing matched.
 */
export async function markTicketed(opinionId: string, ticket: Pick<Ticket, '_id' | 'communityId'>, actor: LinkActor): Promise<boolean> {
  const _ = db.command;
  const r = await db
    .collection('opinions')
    .where({ _id: opinionId, communityId: ticket.communityId, status: _.in(['open', 'accepted']) })
    .update({ data: { status: 'ticketed', ticketId: ticket._id, updatedAt: db.serverDate(), events: eventOf('ticketed', actor, ticket._id) } });
  if ((r.stats?.updated ?? 0) === 1) return true;
  const o = await readOpinionOf(opinionId, ticket.communityId);
  if (o?.ticketId === ticket._id) return true;
  console.warn(`[opinionLink] opinion ${opinionId} not linked to ticket ${ticket._id}: status ${o?.status ?? 'missing'}`);
  return false;
}

/**
 * A closed ticket resolves the opinion it follows: `ticketed → resolved` (only if still linked to
 * this ticket), resolution = the closing summary (else the handling result) and the closing's local
 * date; the giver is told (inbox; WeChat when `wechat`). Answers true when this call resolved it.
 * 1 round trip; +2 (the giver, the message) when it did.
 */
export async function resolveFromTicket(ticket: Ticket, actor: LinkActor, wechat = false): Promise<boolean> {
  if (!ticket.opinionId || ticket.status !== 'closed') return false;
  const closing = [...ticket.events].reverse().find((e) => e.type === 'closed');
  const handled = [...ticket.events].reverse().find((e) => e.type === 'handled');
  const what = (closing?.note || handled?.note || '已按工单办结').slice(0, 500);
  const when = localDateOf(ticket.closedAt ?? clockNow());
  const r = await db
    .collection('opinions')
    .where({ _id: ticket.opinionId, communityId: ticket.communityId, status: 'ticketed', ticketId: ticket._id })
    .update({ data: { status: 'resolved', resolution: { what, when, by: actor.id, byName: actor.name }, updatedAt: db.serverDate(), events: eventOf('resolved', actor, what) } });
  if ((r.stats?.updated ?? 0) !== 1) return false;
  const o = await readOpinionOf(ticket.opinionId, ticket.communityId);
  if (o) await tellGiver(o, wechat);
  return true;
}

/** An unsatisfied rating reopened the ticket (返工): the opinion it resolved is `ticketed` again. 1 round trip. */
export async function reworkFromTicket(ticket: Pick<Ticket, '_id' | 'communityId' | 'opinionId'>, actor: LinkActor): Promise<boolean> {
  if (!ticket.opinionId) return false;
  const r = await db
    .collection('opinions')
    .where({ _id: ticket.opinionId, communityId: ticket.communityId, status: 'resolved', ticketId: ticket._id })
    .update({ data: { status: 'ticketed', updatedAt: db.serverDate(), events: eventOf('reopened', actor, '工单返工，重新处理') } });
  return (r.stats?.updated ?? 0) === 1;
}

/** The first 12 characters of an opinion's words (the message's subject). */
function subjectOf(o: Pick<Opinion, 'text'>): string {
  const chars = [...o.text.replace(/\s+/g, ' ')];
  return chars.length > 12 ? `${chars.slice(0, 12).join('')}…` : chars.join('');
}

/**
 * Tells an opinion's giver of a final step (已解决, 已答复, 已转工单): always in their inbox (消息);
 * in WeChat (template `opinionReply`) only when `wechat` — the `consult` function, the template's
 * sender (its id is in that function's environment, `shared/templates.ts`); the `ticket` function's
 * closing passes false. A name-only giver (a speaker at a meeting) is told by staff in person.
 * One message per opinion and step (`messageId`), however often it runs. Never throws.
 */
export async function tellGiver(o: Opinion, wechat: boolean): Promise<void> {
  if (!o.giver.userId) return;
  try {
    const { data } = await db.collection('users').where({ _id: o.giver.userId }).limit(1).get();
    const giver = data[0] as User | undefined;
    if (!giver) return;
    const label = OPINION_STATUS_LABELS[o.status];
    const detail =
      o.status === 'resolved' ? `办理情况：${o.resolution?.what ?? ''}` : o.status === 'answered' ? `答复：${o.reply?.text ?? ''}（原因：${o.reply?.reason ?? ''}）` : '社区已把您的意见转为工单，网格员会跟进办理';
    const steps = o.events.filter((e) => e.type === o.status).length;
    await notify({
      userId: giver._id,
      openid: wechat ? giver.openid : null,
      key: 'opinionReply',
      title: `您的意见建议${label}`,
      lines: [`意见：${subjectOf(o)}`, detail, ...(o.status === 'ticketed' ? [] : ['请在“我的意见”里评价办理结果'])],
      page: giverOpinionPage(o._id),
      data: { thing1: subjectOf(o), phrase2: label, thing3: detail, time4: local(clockNow()).format('YYYY-MM-DD HH:mm') },
      messageId: `opinion:${o._id}:${o.status}:${steps}`,
    });
  } catch (e) {
    console.warn(`[opinionLink] telling the giver of ${o._id} failed: ${String(e)}`);
  }
}
