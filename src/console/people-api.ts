/**
 * Client side of the console's people, roles and grids (`account` function: people, person,
 * setRole, roleLog, grids, saveGrid — community admins only; cloudfunctions/account/people.ts and
 * grids.ts hold the answers' shapes and the rules).
 */
import { callFunction, type CallResult } from '../services/cloud';
import type { GridSummary, PersonView, RoleChangeEntry } from '../../cloudfunctions/account/people';
import type { GridView } from '../../cloudfunctions/account/grids';
import type { AssignableRole } from '../../cloudfunctions/account/domain/roles';
import type { RobotView } from '../../cloudfunctions/account/robots';
import { ROLE_LABELS } from '../../cloudfunctions/shared/vocabulary/roles';

export type { AssignableRole, GridSummary, GridView, PersonView, RoleChangeEntry, RobotView };

/** What the grids page loads: the grids, the estates to draw them from, the grid workers. */
export interface GridsData {
  grids: GridView[];
  estates: { id: string; name: string; buildings: string[] }[];
  workers: { id: string; name: string; gridIds: string[] }[];
  /** Each grid's WeCom group robot (the key masked; issue 18). */
  robots: RobotView[];
}

const call = <T>(action: string, fields: Record<string, unknown> = {}): Promise<CallResult<T>> => callFunction<T>('account', { action, ...fields });

export const peopleApi = {
  people: (query?: string) => call<{ people: PersonView[]; grids: GridSummary[] }>('people', query ? { query } : {}),
  person: (userId: string) => call<{ person: PersonView; grids: GridSummary[]; log: RoleChangeEntry[] }>('person', { userId }),
  setRole: (userId: string, role: AssignableRole, gridIds: string[]) => call<{ person: PersonView; changed: boolean }>('setRole', role === 'gridWorker' ? { userId, role, gridIds } : { userId, role }),
  /** The community's role changes, newest first (at most 100); with `userId`, that person's only. */
  roleLog: (userId?: string) => call<RoleChangeEntry[]>('roleLog', userId ? { userId } : {}),
  grids: () => call<GridsData>('grids'),
  saveGrid: (g: { gridId?: string; code?: string; covers: { estateId: string; buildings: string[] }[]; workerIds: string[] }) => call<GridView>('saveGrid', g),
  /** Sets (the WeCom webhook address or key) or clears (null) a grid's group robot. */
  setGridRobot: (gridId: string, webhook: string | null) => call<RobotView>('setGridRobot', { gridId, webhook }),
  /** Posts a test message to a grid's group robot. */
  testGridRobot: (gridId: string) => call<{ robot: RobotView }>('testGridRobot', { gridId }),
};

/** The roles an admin can give, as the person page offers them. */
export const ROLE_OPTIONS: { value: AssignableRole; label: string }[] = (['resident', 'gridWorker', 'communityAdmin'] as const).map((value) => ({ value, label: ROLE_LABELS[value] }));

/** Pages of the console's people part. */
export const PEOPLE_URLS = {
  people: '/console/pages/people/index',
  person: (id: string) => `/console/pages/person/index?id=${encodeURIComponent(id)}`,
  grids: '/console/pages/grids/index',
  grid: (id: string | null) => (id ? `/console/pages/grid/index?id=${encodeURIComponent(id)}` : '/console/pages/grid/index'),
};
