/**
 * Creating tickets: routed to a grid, written together with their first event in one transaction
 * (nothing half-written), idempotent by `requestKey` (a repeated submit returns the first ticket).
 */
import { db, isDuplicateKey } from '../shared/cloud';
import { requestHash, requestKey as keyOf, sameRequest } from '../shared/requests';
import { withTransaction } from '../shared/transactions';
import type { AssistConsent, Grid, Ticket, TicketCategory, TicketEvent, User } from '../shared/model';
import { newDocId } from '../shared/ids';
import { CATEGORY_LABELS, routeToGrid } from './domain/routing';
import type { TicketView } from './contract';

const STATUS_LABELS: Record<Ticket['status'], string> = {
  pending: '等待网格员受理',
  accepted: '网格员已受理',
  inProgress: '正在处理',
  feedback: '已处理，等待核查',
  closed: '已办结',
  returned: '已退回',
  hardCase: '社区督办中',
};

/** Grids of a community. */
export async function gridsOf(communityId: string): Promise<Grid[]> {
  const { data } = await db.collection('grids').where({ communityId }).limit(1000).get();
  return data as Grid[];
}

async function findByRequestKey(key: string): Promise<Ticket | null> {
  const { data } = await db.collection('tickets').where({ requestKey: key }).limit(1).get();
  return (data[0] as Ticket | undefined) ?? null;
}

export interface NewTicket {
  reporter: User;
  actor: User;
  consent?: AssistConsent;
  category: TicketCategory;
  text: string;
  /** The place; defaults to the reporter's home estate and building. */
  where: { estateId?: string; building?: string; spot?: string };
  requestId: string;
}

/**
 * Creates a `residentReport` ticket queued for its grid, with its first event, in one transaction.
 * Returns it (the first one, for a repeated requestId with the same payload).
 * Errors: COMMON.REQUEST_REUSED (same requestId, different reporter/category/text/place), COMMON.BUSY.
 */
export async function createTicket(input: NewTicket): Promise<Ticket> {
  const requestKey = keyOf(input.actor._id, input.requestId);
  const hash = requestHash({ reporter: input.reporter._id, category: input.category, text: input.text, where: input.where });
  const first = await findByRequestKey(requestKey);
  if (first) return sameRequest(first, hash);
  const where = {
    estateId: input.where.estateId ?? input.reporter.home?.estateId ?? null,
    building: input.where.building ?? (input.where.estateId ? null : (input.reporter.home?.building ?? null)),
    spot: input.where.spot ?? '',
  };
  const gridId = routeToGrid(await gridsOf(input.reporter.communityId), where);
  const ticketId = newDocId();
  const ticket: Omit<Ticket, 'createdAt'> = {
    _id: ticketId,
    communityId: input.reporter.communityId,
    gridId,
    category: input.category,
    text: input.text,
    where,
    source: 'residentReport',
    status: 'pending',
    reporterId: input.reporter._id,
    reporterName: input.reporter.name,
    actorId: input.actor._id,
    actorName: input.actor.name,
    ...(input.consent ? { consent: input.consent } : {}),
    requestKey,
    requestHash: hash,
  };
  const event: Omit<TicketEvent, 'at'> = {
    _id: newDocId(),
    ticketId,
    communityId: ticket.communityId,
    actorId: input.actor._id,
    actorName: input.actor.name,
    type: 'reported',
    from: null,
    to: 'pending',
    note: input.actor._id === input.reporter._id ? '居民反映' : `${input.actor.name} 在解忧铺代 ${input.reporter.name} 反映（居民口头同意）`,
  };
  try {
    await withTransaction(async (t) => {
      await t.collection('tickets').add({ data: { ...ticket, createdAt: db.serverDate() } });
      await t.collection('ticketEvents').add({ data: { ...event, at: db.serverDate() } });
    });
  } catch (e) {
    if (isDuplicateKey(e, 'requestKey')) {
      const again = await findByRequestKey(requestKey);
      if (again) return sameRequest(again, hash);
    }
    throw e;
  }
  const { data } = await db.collection('tickets').doc(ticketId).get();
  return data as Ticket;
}

/** Tickets reported by `reporterId`, newest first (at most 100). */
export async function ticketsOf(reporterId: string): Promise<Ticket[]> {
  const { data } = await db.collection('tickets').where({ reporterId }).orderBy('createdAt', 'desc').limit(100).get();
  return data as Ticket[];
}

/** The view of tickets, with their grids' codes and workers' names (2 reads for the whole list). */
export async function toViews(tickets: Ticket[]): Promise<TicketView[]> {
  const gridIds = [...new Set(tickets.map((t) => t.gridId).filter((g): g is string => !!g))];
  const grids = gridIds.length ? ((await db.collection('grids').where({ _id: db.command.in(gridIds) }).limit(100).get()).data as Grid[]) : [];
  const workerIds = [...new Set(grids.flatMap((g) => g.workerIds))];
  const workers = workerIds.length ? ((await db.collection('users').where({ _id: db.command.in(workerIds) }).field({ _id: true, name: true }).limit(100).get()).data as { _id: string; name: string }[]) : [];
  const nameOf = new Map(workers.map((w) => [w._id, w.name]));
  const gridOf = new Map(grids.map((g) => [g._id, g]));
  return tickets.map((t) => {
    const grid = t.gridId ? gridOf.get(t.gridId) : undefined;
    return {
      id: t._id,
      category: t.category,
      categoryLabel: CATEGORY_LABELS[t.category],
      text: t.text,
      spot: t.where.spot,
      status: t.status,
      statusLabel: STATUS_LABELS[t.status],
      gridCode: grid?.code ?? null,
      gridWorkerNames: (grid?.workerIds ?? []).map((id) => nameOf.get(id) ?? '').filter(Boolean),
      createdAt: t.createdAt.toISOString(),
      reporterName: t.reporterName,
      assisted: t.actorId !== t.reporterId,
      actorName: t.actorName,
      consentRecorded: !!t.consent,
    };
  });
}
