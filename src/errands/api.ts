/**
 * 代缴代办 pages (issue 22): their addresses. Calls go through `call('errands', …)`
 * (src/services/call.ts); what they answer: cloudfunctions/errands/contract.ts.
 */
export const ERRANDS_URLS = {
  /** a resident's request form; `?for=<residentId>`: the counter's 代提交 with spoken consent */
  request: '/errands/pages/request/index',
  /** a resident: 我的代办 */
  mine: '/errands/pages/mine/index',
  /** staff: 代办单 by state, 接单 / 办好了 */
  staff: '/errands/pages/staff/index',
} as const;
