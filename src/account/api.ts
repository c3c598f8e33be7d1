/** Client side of the `account` cloud function (docs/api.md). */
import { callFunction, type CallResult } from '../services/cloud';
import type { Profile } from '../../cloudfunctions/account/profile';

export type { Profile };

export type Me =
  | { registered: false }
  | { registered: true; user: Profile; community: { id: string; name: string; kiosk: string; hasMarket: boolean } | null };

export const accountApi = {
  me: (): Promise<CallResult<Me>> => callFunction('account', { action: 'me' }),
};
