/**
 * Issue 19, "Preloads are typed by name": each action of market, console and account that preloads
 * documents hands its handler `preloaded.<name>` typed with the document type its preload declared
 * (`users.ts` preloadOf<T>, router.ts `Caller<U, P>`). This file is checked by the typecheck
 * (`npx tsc --noEmit -p tsconfig.json`): a preload declared as `Record<string, Preload>` (names
 * erased) or with another document type makes an entry below `false` and the file fails to
 * compile. The jest body only restates it at run time.
 */
import type { table as market } from '../../cloudfunctions/market/index';
import type { table as account } from '../../cloudfunctions/account/index';
import type { table as consoleTable } from '../../cloudfunctions/console/index';
import type { Booking, Slot, User } from '../../cloudfunctions/shared/model';
import type { InboxDoc } from '../../cloudfunctions/shared/consent';
import type { DayWithSlots } from '../../cloudfunctions/market/days';
import type { WaitlistEntry } from '../../cloudfunctions/market/waitlist';

/** The preloaded documents (non-null) an action's handler receives. */
type Pre<A extends { run: (...a: never[]) => unknown }> = NonNullable<Parameters<A['run']>[1]['preloaded']>;
/** true exactly when A and B are the same type. */
type Eq<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const typedByName: Record<string, true> = {
  'market.book slot': true as Eq<Pre<typeof market.book>['slot'], Slot[]>,
  'market.cancelBooking booking': true as Eq<Pre<typeof market.cancelBooking>['booking'], Booking[]>,
  'market.checkIn booking': true as Eq<Pre<typeof market.checkIn>['booking'], Booking[]>,
  'market.bookFor slot': true as Eq<Pre<typeof market.bookFor>['slot'], Slot[]>,
  'market.bookFor resident': true as Eq<Pre<typeof market.bookFor>['resident'], User[]>,
  'market.bookFor held': true as Eq<Pre<typeof market.bookFor>['held'], Slot[]>,
  'market.bookingsFor resident': true as Eq<Pre<typeof market.bookingsFor>['resident'], User[]>,
  'market.joinWaitlist slot': true as Eq<Pre<typeof market.joinWaitlist>['slot'], Slot[]>,
  'market.joinWaitlist line': true as Eq<Pre<typeof market.joinWaitlist>['line'], WaitlistEntry[]>,
  'market.joinWaitlist mine': true as Eq<Pre<typeof market.joinWaitlist>['mine'], Booking[]>,
  'market.leaveWaitlist entry': true as Eq<Pre<typeof market.leaveWaitlist>['entry'], WaitlistEntry[]>,
  'market.myWaitlist entries': true as Eq<Pre<typeof market.myWaitlist>['entries'], WaitlistEntry[]>,
  'market.listMarketDays days': true as Eq<Pre<typeof market.listMarketDays>['days'], DayWithSlots[]>,
  'market.getMarketDay day': true as Eq<Pre<typeof market.getMarketDay>['day'], DayWithSlots[]>,
  'account.myMessages page': true as Eq<Pre<typeof account.myMessages>['page'], InboxDoc[]>,
  'console.stats workers': true as Eq<Pre<typeof consoleTable.stats>['workers'], User[]>,
};

test('the preloads of market, account and console reach their handlers typed by name (checked by tsc)', () => {
  expect(Object.values(typedByName).every((v) => v === true)).toBe(true);
});
