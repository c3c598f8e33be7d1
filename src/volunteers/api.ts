/**
 * 解忧智囊团 pages (volunteers, issue 22): their addresses, and where a volunteer's tasks are done.
 * Calls go through `call('volunteers', …)` (src/services/call.ts); what they answer:
 * cloudfunctions/volunteers/contract.ts.
 */
export const VOLUNTEERS_URLS = {
  /** a volunteer: 我的志愿服务 */
  mine: '/volunteers/pages/mine/index',
  /** staff: 解忧智囊团 (team, 招募, 值班表, 记工时) */
  team: '/volunteers/pages/team/index',
  /** a 巡逻员 volunteer: 巡逻 (start and end a round of a grid) */
  patrol: '/volunteers/pages/patrol/index',
} as const;

/**
 * Where a volunteer does what they may do now (`volunteers.mine` `tasks`): parcels to take to the
 * door, and tickets waiting for a 核查 — pages of the parcels and desk subpackages
 * (docs/everyday-services-design.md §4) — and, for a 巡逻员 (their roles), 巡逻 (this subpackage).
 */
export const VOLUNTEER_TASK_URLS = {
  deliverParcels: '/parcels/pages/deliver/index',
  verifyTickets: '/ticket/pages/volunteer/index',
  patrol: VOLUNTEERS_URLS.patrol,
} as const;
