/**
 * The answers of `rounds` built from stored documents (pure): a visit ({@link visitView}) and a
 * patrol ({@link patrolView}) as staff read them, with their labels from `shared/vocabulary/rounds.ts`.
 * Instants become ISO strings. No care tag is ever part of a visit or patrol view.
 */
import { roomLabelOfKey } from '../../shared/households';
import type { Patrol, Visit } from '../../shared/model';
import { PATROL_STATUS_LABELS, VISIT_MET_LABELS, VISIT_TOPIC_LABELS } from '../../shared/vocabulary/rounds';
import type { PatrolView, VisitView } from '../contract';

const iso = (d: Date | string | null | undefined): string => (d ? new Date(d).toISOString() : '');

/** A visit as staff read it; `mine` when `callerId` recorded it. */
export function visitView(v: Visit, callerId: string): VisitView {
  return {
    id: v._id,
    householdKey: v.householdKey,
    roomLabel: roomLabelOfKey(v.householdKey),
    gridId: v.gridId,
    workerId: v.workerId,
    workerName: v.workerName,
    date: v.date,
    met: v.met,
    metLabel: VISIT_MET_LABELS[v.met],
    metNote: v.metNote ?? '',
    topics: v.topics ?? [],
    topicLabels: (v.topics ?? []).map((t) => VISIT_TOPIC_LABELS[t]),
    note: v.note ?? '',
    ticketIds: v.ticketIds ?? [],
    createdAt: iso(v.createdAt),
    mine: v.workerId === callerId,
  };
}

/** A patrol as staff read it; `mine` when `callerId` started it. */
export function patrolView(p: Patrol, gridCode: string, callerId: string): PatrolView {
  const ended = p.status === 'ended' && p.endedAt;
  return {
    id: p._id,
    gridId: p.gridId,
    gridCode,
    workerId: p.workerId,
    workerName: p.workerName,
    status: p.status,
    statusLabel: PATROL_STATUS_LABELS[p.status],
    startedAt: iso(p.startedAt),
    endedAt: ended ? iso(p.endedAt) : null,
    minutes: ended ? Math.max(0, Math.round((new Date(p.endedAt as Date).getTime() - new Date(p.startedAt).getTime()) / 60_000)) : null,
    places: p.places ?? [],
    note: p.note ?? '',
    ticketIds: p.ticketIds ?? [],
    mine: p.workerId === callerId,
  };
}

/** Newest first: by date, then by when it was recorded. */
export function byNewestVisit(a: Pick<Visit, 'date' | 'createdAt'>, b: Pick<Visit, 'date' | 'createdAt'>): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime();
}
