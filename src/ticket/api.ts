/** Client side of the `ticket` cloud function (docs/api.md). */
import { callFunction, type CallResult } from '../services/cloud';
import type { TicketView } from '../../cloudfunctions/ticket/contract';
import type { TicketCategory } from '../../cloudfunctions/shared/model';

export type { TicketView, TicketCategory };

/** The categories a resident can choose, in the order the form shows them. */
export const CATEGORIES: { value: TicketCategory; label: string }[] = [
  { value: 'dispute', label: '邻里纠纷' },
  { value: 'publicSpace', label: '占用公共空间' },
  { value: 'sanitation', label: '环境卫生' },
  { value: 'repairs', label: '房屋设施维修' },
  { value: 'safety', label: '安全隐患' },
  { value: 'greenery', label: '绿化' },
  { value: 'roads', label: '道路破损' },
  { value: 'other', label: '其他' },
];

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
