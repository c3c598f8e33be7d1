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
} as const;

/**
 * Where a volunteer does what they may do now (`volunteers.mine` `tasks`): parcels to take to the
 * door, and tickets waiting for a 核查. The pages themselves belong to the parcels and desk
 * subpackages (docs/everyday-services-design.md §4).
 */
export const VOLUNTEER_TASK_URLS = {
  deliverParcels: '/parcels/pages/deliver/index',
  verifyTickets: '/ticket/pages/volunteer/index',
} as const;
