/**
 * What each audience sees of an opinion (docs/consultation-design.md §6), pure: its giver
 * ({@link giverView}: no staff names), staff of its community ({@link staffView}: the giver's name
 * and phone masked by the one rule, `shared/vocabulary/phone.ts`), a staff list row ({@link cardOf}).
 */
import { localDateOf } from '../../shared/deadlines';
import type { Opinion, User } from '../../shared/model';
import { maskPhone } from '../../shared/vocabulary/phone';
import { OPINION_RATING_LABELS, OPINION_SOURCE_LABELS, OPINION_STATUS_LABELS } from '../../shared/vocabulary/opinions';
import type { OpinionCard, OpinionStep, OpinionView, StaffOpinionView } from '../contracts/opinions';
import { canRate, isOpinionOverdue, OPEN_STATUSES } from './opinionFlow';

/** The title of each step, as a person reads it. */
const STEP_TITLES: Record<OpinionStep['type'], string> = {
  given: '提出意见',
  accepted: '社区已受理',
  resolved: '已解决',
  ticketed: '已转为工单办理',
  answered: '社区已答复',
  rated: '评价办理结果',
  reopened: '重新办理',
  overdue: '已超过答复期限',
};

function stepsOf(o: Opinion, withNames: boolean): OpinionStep[] {
  return o.events.map((e) => ({ at: e.at.toISOString(), type: e.type, title: STEP_TITLES[e.type], note: e.type === 'ticketed' && !withNames ? '' : e.note, ...(withNames ? { actorName: e.actorName } : {}) }));
}

function common(o: Opinion, now: Date) {
  return {
    id: o._id,
    source: o.source,
    sourceLabel: OPINION_SOURCE_LABELS[o.source],
    text: o.text,
    place: o.place ?? null,
    status: o.status,
    statusLabel: OPINION_STATUS_LABELS[o.status],
    createdAt: o.createdAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    dueDate: localDateOf(o.dueAt),
    overdue: isOpinionOverdue(o, now),
    resolution: o.resolution ? { what: o.resolution.what, when: o.resolution.when } : null,
    reply: o.reply ? { text: o.reply.text, reason: o.reply.reason } : null,
    rating: o.rating ? { rating: o.rating.rating, ratingLabel: OPINION_RATING_LABELS[o.rating.rating], comment: o.rating.comment, at: o.rating.at.toISOString() } : null,
  };
}

/** The giver's view of their own opinion at `now`. */
export function giverView(o: Opinion, now: Date): OpinionView {
  return { audience: 'giver', ...common(o, now), canRate: canRate(o), steps: stepsOf(o, false) };
}

/** The staff view at `now`; `giver`: the giver's user record when a resident gave it (for the name and masked phone). */
export function staffView(o: Opinion, giver: Pick<User, '_id' | 'name' | 'phone'> | null, now: Date): StaffOpinionView {
  const open = OPEN_STATUSES.includes(o.status);
  return {
    audience: 'staff',
    ...common(o, now),
    steps: stepsOf(o, true),
    giver: { userId: o.giver.userId ?? null, name: giver?.name ?? o.giver.name ?? '', phoneMasked: giver?.phone ? maskPhone(giver.phone) : null },
    meetingId: o.meetingId ?? null,
    actorName: o.actorName ?? null,
    consent: o.consent ? { recordedByName: o.consent.recordedByName, note: o.consent.note ?? '' } : null,
    ticketId: o.ticketId ?? null,
    reopened: o.reopened,
    actions: { accept: o.status === 'open', resolve: open, answer: open, fileCase: open },
  };
}

/** A staff list row at `now` (the words cut to 60 characters). */
export function cardOf(o: Opinion, now: Date): OpinionCard {
  const chars = [...o.text];
  return {
    id: o._id,
    source: o.source,
    sourceLabel: OPINION_SOURCE_LABELS[o.source],
    text: chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : o.text,
    place: o.place ?? null,
    status: o.status,
    statusLabel: OPINION_STATUS_LABELS[o.status],
    giverName: o.giver.name ?? '',
    createdAt: o.createdAt.toISOString(),
    dueAt: o.dueAt.toISOString(),
    dueDate: localDateOf(o.dueAt),
    overdue: isOpinionOverdue(o, now),
    ticketId: o.ticketId ?? null,
    meetingId: o.meetingId ?? null,
  };
}
