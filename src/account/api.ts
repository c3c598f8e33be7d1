/**
 * Client side of the `account` function: what is not a call restated. Calls go through the typed
 * `call('account', <action>, input)` (src/services/call.ts; inputs, answers and errors:
 * cloudfunctions/account/contract.ts, docs/api.md). Here: the answer types the pages name, and
 * small helpers over them.
 */
import type { Me } from '../../cloudfunctions/account/contract';

export type {
  DuplicateRef,
  EstateOption,
  InboxMessage,
  InboxPage,
  LinkCode,
  Me,
  Profile,
  RegisterForInput,
  ResidentCard,
  SubscribedResult,
} from '../../cloudfunctions/account/contract';

/** True for the roles that serve residents at the counter. */
export const isStaff = (me: Me | null): boolean => !!me && me.registered && (me.user.role === 'gridWorker' || me.user.role === 'communityAdmin');

/** `HH:mm` of an instant, in China time (the shared module src/ui/time.ts). */
export { clockTime } from '../ui/time';
