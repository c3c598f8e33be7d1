/**
 * What the market day and confirmation pages load: the market day and, at the counter, the resident
 * served — by the id in the URL (`account.getResident`), so the name shown is the record's, never
 * one the URL carries — and the places in line: the caller's (`myWaitlist`), or at the counter the
 * resident's (`waitlistFor`).
 */
import type { ResidentCard } from '../account/api';
import { call } from '../services/call';
import type { CallResult } from '../services/cloud';
import type { MarketDayDetail, WaitlistView } from './api';

export interface DayFor {
  detail: MarketDayDetail;
  /** the resident served at the counter; null for a resident's own visit */
  resident: ResidentCard | null;
  /** the places in line (候补): the caller's, or at the counter the resident's; empty for a visitor */
  waitlist: WaitlistView[];
  /**
   * a resident's own visit: whether the caller is registered (from `myWaitlist`, which a visitor
   * is refused with COMMON.NOT_REGISTERED); null when unknown (at the counter, or that call failed)
   */
  registered: boolean | null;
}

/**
 * The market day `dayId`, and the resident `forId` when staff serve one; on a resident's own visit
 * their waitlist instead (in parallel: one wait).
 */
export async function loadDayFor(dayId: string, forId: string): Promise<CallResult<DayFor>> {
  const [detail, resident, waitlist] = await Promise.all([
    call('market', 'getMarketDay', forId ? { marketDayId: dayId, forResidentId: forId } : { marketDayId: dayId }),
    forId ? call('account', 'getResident', { residentId: forId }) : Promise.resolve(null),
    forId ? call('market', 'waitlistFor', { residentId: forId }) : call('market', 'myWaitlist'),
  ]);
  if (resident && !resident.ok) return resident;
  if (!detail.ok) return detail;
  const registered = forId ? null : waitlist.ok ? true : waitlist.error.code === 'COMMON.NOT_REGISTERED' ? false : null;
  return { ok: true, data: { detail: detail.data, resident: resident ? resident.data : null, waitlist: waitlist.ok ? waitlist.data : [], registered } };
}
