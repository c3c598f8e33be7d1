/**
 * The admin's market settings, service catalogue and stall plan — `marketSettings`,
 * `updateMarketSettings`, `saveService`, `setStallPlan` — each on the caller's own community (the
 * work is in `../settings.ts`, `../catalogue.ts`, `../stallPlan.ts`; contract.ts has what each answers).
 */
import { now as clockNow } from '../../shared/clock';
import { saveService as save } from '../catalogue';
import type { actions } from '../contract';
import { marketAdminView, updateSettings } from '../settings';
import { setStallPlan as setPlan } from '../stallPlan';
import type { Handler } from '../../shared/router';

/** `marketSettings`: the settings, coming days, services and stalls. */
export const marketSettings: Handler<typeof actions.marketSettings> = async (_input, { user }) => marketAdminView(user, clockNow());

/** `updateMarketSettings`: applies to days created from now on. */
export const updateMarketSettings: Handler<typeof actions.updateMarketSettings> = async (settings, { user }) => updateSettings(user, settings, clockNow());

/** `saveService`: a new service or an edit (capacity also on its coming days). */
export const saveService: Handler<typeof actions.saveService> = async (input, { user }) => save(user, input, clockNow());

/** `setStallPlan`: the whole plan. */
export const setStallPlan: Handler<typeof actions.setStallPlan> = async ({ stalls }, { user }) => setPlan(user, stalls, clockNow());
