/**
 * `board` (问题挂牌) and `similar`: what a resident may see of the community's problems besides their
 * own — anonymised rows (`domain/board.ts`, `domain/views.ts` `similarItem`), never a dispute.
 */
import { db } from '../../shared/cloud';
import { now as clockNow } from '../../shared/clock';
import type { actions, SimilarTicket } from '../contract';
import { isMeToo } from '../../shared/tickets/audience';
import { BOARD_CATEGORIES, BOARD_CLOSED_DAYS, boardItem, onBoard } from '../domain/board';
import { addDays } from '../../shared/deadlines';
import { similarItem } from '../domain/views';
import { toTicket } from '../tickets';
import type { Handler } from '../../shared/router';
import { inCallerCommunity } from '../../shared/policy';

/** The board lists at most this many problems (newest first). */
const BOARD_LIMIT = 100;

export const board: Handler<typeof actions.board> = async (_input, { user }) => {
  const _ = db.command;
  const now = clockNow();
  const mine = inCallerCommunity(user, { category: _.in(BOARD_CATEGORIES) });
  const { data } = await db
    .collection('tickets')
    .where(_.or([{ ...mine, status: _.in(['pending', 'inProgress', 'handled']) }, { ...mine, status: 'closed', closedAt: _.gte(addDays(now, -BOARD_CLOSED_DAYS)) }]))
    .field({ text: false, reporterId: false, reporterName: false, photos: false, followerIds: false, actorId: false, actorName: false, consent: false, ratings: false, requestKey: false, requestHash: false })
    .orderBy('createdAt', 'desc')
    .limit(BOARD_LIMIT)
    .get();
  const items = data.map(toTicket).filter((t) => onBoard(t, now));
  return { items: items.map((t) => boardItem(t, now)), closedDays: BOARD_CLOSED_DAYS };
};

export const similar: Handler<typeof actions.similar> = async (input, { user }) => {
  const _ = db.command;
  // only community problems are "me too" (audience.ts), and only at the place the person gave
  const estateId = input.where?.estateId;
  if (!estateId || !isMeToo(input.category)) return [];
  const building = input.where?.building ?? null;
  const { data } = await db
    .collection('tickets')
    .where(
      inCallerCommunity(user, {
        category: input.category,
        status: _.in(['pending', 'inProgress', 'handled']),
        'where.estateId': estateId,
        ...(building ? { 'where.building': building } : {}),
        createdAt: _.gt(addDays(clockNow(), -30)),
      }),
    )
    .field({ events: false, text: false, reporterName: false, photos: false, consent: false, ratings: false })
    .orderBy('createdAt', 'desc')
    .limit(10)
    .get();
  return data.map((d) => similarItem(toTicket(d), user._id)).filter((s): s is SimilarTicket => !!s);
};
