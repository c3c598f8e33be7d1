/** Client side of the `account` cloud function (docs/api.md). */
import { callFunction, type CallResult } from '../services/cloud';
import type { Profile, ResidentCard } from '../../cloudfunctions/account/profile';

export type { Profile, ResidentCard };

export type Me =
  | { registered: false }
  | { registered: true; user: Profile; community: { id: string; name: string; kiosk: string; hasMarket: boolean } | null };

export const accountApi = {
  me: (): Promise<CallResult<Me>> => callFunction('account', { action: 'me' }),
  /** Counter: residents of my community by name or address. */
  searchResidents: (query: string): Promise<CallResult<ResidentCard[]>> => callFunction('account', { action: 'searchResidents', query }),
};

/** True for the roles that serve residents at the counter. */
export const isStaff = (me: Me | null): boolean => !!me && me.registered && (me.user.role === 'gridWorker' || me.user.role === 'communityAdmin');
