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
  reportFor: (input: { residentId: string; category: TicketCategory; text: string; spot?: string; requestId: string }): Promise<CallResult<TicketView>> =>
    callFunction('ticket', {
      action: 'reportFor',
      residentId: input.residentId,
      category: input.category,
      text: input.text,
      ...(input.spot ? { where: { spot: input.spot } } : {}),
      requestId: input.requestId,
      consent: { spoken: true },
    }),
  ticketsFor: (residentId: string): Promise<CallResult<TicketView[]>> => callFunction('ticket', { action: 'ticketsFor', residentId }),
};
