/** Client side of the `ticket` cloud function (docs/api.md). */
import { callFunction, type CallResult } from '../services/cloud';
import type { TicketView } from '../../cloudfunctions/ticket/contract';
import type { TicketCategory } from '../../cloudfunctions/shared/model';
import { CATEGORY_GROUPS, CATEGORY_LABELS } from '../../cloudfunctions/ticket/domain/categories';

export type { TicketView, TicketCategory };

/** The categories a resident can choose, in the order the form shows them (grouped: 邻里纠纷, 社区问题, 其他). */
export const CATEGORIES: { value: TicketCategory; label: string }[] = CATEGORY_GROUPS.flatMap((g) => g.categories.map((value) => ({ value, label: CATEGORY_LABELS[value] })));

export { CATEGORY_GROUPS, CATEGORY_LABELS };

export const ticketApi = {
  /** Counter: report for a resident with their spoken consent. */
  reportFor: (input: {
    residentId: string;
    category: TicketCategory;
    text: string;
    /** the place: an estate of the resident's community, optionally a building of it, and a spot (楼道, 楼顶…) */
    where?: { estateId?: string; building?: string; spot?: string };
    requestId: string;
  }): Promise<CallResult<TicketView>> =>
    callFunction('ticket', {
      action: 'reportFor',
      residentId: input.residentId,
      category: input.category,
      text: input.text,
      ...(input.where ? { where: input.where } : {}),
      requestId: input.requestId,
      consent: { spoken: true },
    }),
  ticketsFor: (residentId: string): Promise<CallResult<TicketView[]>> => callFunction('ticket', { action: 'ticketsFor', residentId }),
};

/** Who will help with a ticket, in words a resident understands (the grid workers' names, never a grid code). */
export function whoWillHelp(t: Pick<TicketView, 'gridCode' | 'gridWorkerNames'>): string {
  if (!t.gridCode) return '已交给社区，由社区安排人处理';
  return t.gridWorkerNames.length ? `已转给网格员 ${t.gridWorkerNames.join('、')}` : '已转给这片的网格员';
}
