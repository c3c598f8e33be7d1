/**
 * Which market days a caller may act on: a community's coming market dates (the market calendar,
 * `shared/calendar.ts`, with the community's own settings over the defaults). This module is
 * the function's one way to that calendar (it belongs to `market` today; issue 19 moves it to
 * `shared/` — then only this file changes): `dateLabel` and `DEFAULT_MARKET` are re-exported here.
 */
import { AppError } from '../shared/errors';
import { defaultMarketCommunity, type LoadedUser } from '../shared/users';
import type { Community, MarketSettings } from '../shared/model';
import { comingMarketDates, DEFAULT_MARKET } from '../shared/calendar';

export { dateLabel, DEFAULT_MARKET } from '../shared/calendar';

/** A community's market settings (its own over the defaults), or null when it runs no market. */
export function marketOf(community: Pick<Community, 'market'> | null): MarketSettings | null {
  return community?.market ? { ...DEFAULT_MARKET, ...community.market } : null;
}

/** The community's coming market dates (`YYYY-MM-DD`, soonest first); none when it runs no market. */
export function comingDatesOf(community: Pick<Community, 'market'> | null, now: Date): string[] {
  const market = marketOf(community);
  return market ? comingMarketDates(now, market) : [];
}

/** A coming market date of the community (one of its next dates). Errors: VENDOR.NO_MARKET, MARKET.DAY_NOT_FOUND. */
export function assertComingDate(community: Community | null, date: string, now: Date): void {
  if (!community?.market) throw new AppError('VENDOR.NO_MARKET');
  if (!comingDatesOf(community, now).includes(date)) throw new AppError('MARKET.DAY_NOT_FOUND');
}

/** The next market date of a community, or null when it runs no market. */
export function nextMarketDate(community: Community | null, now: Date): string | null {
  return comingDatesOf(community, now)[0] ?? null;
}

/** The community whose market a caller asks about: their own, or (a visitor) the first that runs one. */
export async function marketCommunityOf(user: LoadedUser | null): Promise<Community | null> {
  return user ? user.community : defaultMarketCommunity();
}
