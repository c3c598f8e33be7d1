/**
 * Cloud function `console`: the community console's statistics and ledger (issue 11).
 *
 * Staff: `stats` — the figures of a period (`from`..`to`, local dates, inclusive), computed by
 * the database with aggregation pipelines (`stats.ts`, definitions in `domain/figures.ts`): an
 * admin sees their community, a grid worker their own grids and only their own scorecard.
 * Admins: `exportLedger` — the period's tickets (with their timelines) or market records as CSV
 * or XLSX in cloud storage, answered with a fileID and a temporary URL (`ledger.ts`).
 * Errors: CONSOLE.PERIOD_INVALID, CONSOLE.LEDGER_TOO_LARGE, and the common ones.
 * Inputs, answers, errors: docs/api.md; who may call what: docs/permissions.md.
 */
import { z } from 'zod';
import { action, createMain, permissionsOf } from '../shared/router';
import { localDate } from '../shared/schemas';
import { exportLedger } from './ledger';
import { statsFor } from './stats';

const period = { from: localDate, to: localDate };

const actions = {
  stats: action.staff(
    z.object(period).strict(),
    async ({ from, to }, { user, preloaded }) => statsFor(user, from, to, user.role === 'communityAdmin' ? (preloaded?.workers ?? null) : []),
    "the caller's community (admin) or the caller's own grids and own scorecard (grid worker)",
    { preload: () => ({ workers: { from: 'users', match: { role: 'gridWorker' }, sameAsCaller: { communityId: 'communityId' }, limit: 200 } }) },
  ),
  exportLedger: action.admin(
    z.object({ ...period, format: z.enum(['csv', 'xlsx']), kind: z.enum(['tickets', 'market']) }).strict(),
    async (input, { user }) => exportLedger(user, input),
    "the caller's own community; the file is stored under ledgers/<caller's users._id>/",
  ),
};

export const permissions = permissionsOf(actions);
export const main = createMain(actions);
