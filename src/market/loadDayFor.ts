/**
 * What the market day and confirmation pages load: the market day and, at the counter, the resident
 * served — by the id in the URL (`account.getResident`), so the name shown is the record's, never
 * one the URL carries.
 */
import { accountApi, type ResidentCard } from '../account/api';
import type { CallResult } from '../services/cloud';
import { marketApi, type MarketDayDetail } from './api';

export interface DayFor {
  detail: MarketDayDetail;
  /** the resident served at the counter; null for a resident's own visit */
  resident: ResidentCard | null;
}

/** The market day `dayId`, and the resident `forId` when staff serve one (in parallel: one wait). */
export async function loadDayFor(dayId: string, forId: string): Promise<CallResult<DayFor>> {
  const [detail, resident] = await Promise.all([marketApi.getMarketDay(dayId, forId || undefined), forId ? accountApi.getResident(forId) : Promise.resolve(null)]);
  if (resident && !resident.ok) return resident;
  if (!detail.ok) return detail;
  return { ok: true, data: { detail: detail.data, resident: resident ? resident.data : null } };
}
