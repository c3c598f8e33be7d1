/**
 * 家人代办 (issue 22 §5): which calls a family member acting for an elder sends with `forElder`, and on
 * which pages. Pure TypeScript (no Taro). The actions are exactly those whose contract declares
 * `familyProxy: true` (test/functions/family-proxy.test.ts compares them with the functions'
 * declarations); the router refuses `forElder` on any other action anyway.
 */

/** `fn.action` of every action that accepts `forElder`. */
export const FAMILY_PROXY_ACTIONS: readonly string[] = [
  'account.myMessages',
  'account.readMessages',
  'market.getMarketDay',
  'market.book',
  'market.cancelBooking',
  'market.myBookings',
  'market.joinWaitlist',
  'market.leaveWaitlist',
  'market.myWaitlist',
  'market.listEvents',
  'market.getEvent',
  'parcels.myParcels',
  'ticket.get',
  'ticket.myTickets',
  'ticket.report',
];

/**
 * The pages on which the member acts for the elder while the switch is on (routes without a leading
 * slash): each shows the banner 「正在为 邹建庄 办理 · 切回自己」. Everywhere else (home, 社区议事, the
 * counter…) the member is themself, even with the switch on.
 */
export const FAMILY_PROXY_PAGES: readonly string[] = [
  'market/pages/day/index',
  'market/pages/confirm/index',
  'market/pages/bookings/index',
  'market/pages/booking/index',
  'ticket/pages/report/index',
  'ticket/pages/mine/index',
  'ticket/pages/detail/index',
  'pages/messages/index',
  'parcels/pages/mine/index',
  'events/pages/list/index',
  'events/pages/detail/index',
];

/** True if `fn.action` accepts `forElder`. */
export function isFamilyProxyAction(fn: string, action: string): boolean {
  return FAMILY_PROXY_ACTIONS.includes(`${fn}.${action}`);
}

/** True if the page `route` (with or without a leading slash or query) is one where the member acts for the elder. */
export function isFamilyProxyPage(route: string): boolean {
  return FAMILY_PROXY_PAGES.includes(route.replace(/^\//, '').replace(/\?.*$/, ''));
}

/**
 * How a page where a family member may act for an elder (`FAMILY_PROXY_PAGES`) names the person it
 * serves: oneself in the page's own words, or — while acting for an elder — the elder by name, so
 * that a heading never says 我的 about someone else's things (issue 22 §5). The one definition every
 * such page uses (through `useProxyWords` in `family.ts`); pure, no Taro.
 */
export interface ProxyWords {
  /** the elder's name while acting for them; null when one acts as oneself */
  elder: string | null;
  /** the person served, as subject or object: 「您」, or 「邹建庄」 */
  you: string;
  /** a heading of one's own things: 「我的预约」, or 「邹建庄的预约」 (`thing` = '预约') */
  my(thing: string): string;
  /**
   * `self` unchanged when acting as oneself; while acting for an elder, `forElder` with every
   * 「{name}」 replaced by the elder's name — e.g. ('您还没有预约', '还没有帮{name}预约'),
   * ('预约成功', '已为{name}预约').
   */
  say(self: string, forElder: string): string;
}

/** The words for acting as oneself (`elderName` null) or for the elder `elderName`. See {@link ProxyWords}. */
export function proxyWords(elderName: string | null): ProxyWords {
  return {
    elder: elderName,
    you: elderName ?? '您',
    my: (thing) => (elderName ? `${elderName}的${thing}` : `我的${thing}`),
    say: (self, forElder) => (elderName ? forElder.split('{name}').join(elderName) : self),
  };
}
