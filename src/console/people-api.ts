/**
 * Client side of the console's people, roles and grids (`account` function: people, person,
 * setRole, roleLog, grids, saveGrid, setGridRobot, testGridRobot — community admins only). Calls go
 * through `call('account', …)` (src/services/call.ts); the answers' shapes are
 * cloudfunctions/account/contract.ts. Here: those types, the role choices and the pages' links.
 */
import type { AssignableRole } from '../../cloudfunctions/account/domain/roles';
import { ROLE_LABELS } from '../../cloudfunctions/shared/vocabulary/roles';

export type { AssignableRole };
export type { GridSummary, GridsData, GridView, PersonView, RoleChangeEntry, RobotView } from '../../cloudfunctions/account/contract';

/** The roles an admin can give, as the person page offers them. */
export const ROLE_OPTIONS: { value: AssignableRole; label: string }[] = (['resident', 'gridWorker', 'communityAdmin'] as const).map((value) => ({ value, label: ROLE_LABELS[value] }));

/** Pages of the console's people part. */
export const PEOPLE_URLS = {
  people: '/console/pages/people/index',
  person: (id: string) => `/console/pages/person/index?id=${encodeURIComponent(id)}`,
  grids: '/console/pages/grids/index',
  grid: (id: string | null) => (id ? `/console/pages/grid/index?id=${encodeURIComponent(id)}` : '/console/pages/grid/index'),
};
