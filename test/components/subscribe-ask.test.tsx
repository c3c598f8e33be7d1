/**
 * Subscribe-message asks (issue 18): `requestSubscribe` (src/services/subscribe.weapp.ts) asks WeChat once for
 * up to 3 templates and reports the ids WeChat answered 'accept' for to `account.subscribed` —
 * without the action waiting for that report, and without failing when it fails; the booking
 * confirm tap asks for the reminder AND the change message in ONE dialog, before the booking call;
 * the 申请摊位 tap asks for the draw's result AND a change of the day (a cancelled market day is told
 * to vendors with bookingChange, market/closures.ts) in ONE dialog, before the application.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { calls, control } from './taro-mock';
import { requestSubscribe } from '../../src/services/subscribe.weapp';
import { stubCall } from './call-stub';
import ConfirmPage from '../../src/market/pages/confirm/index';
import MyStallPage from '../../src/stall/pages/mine/index';
import { booking } from './fixtures';
import { setActingFor } from '../../src/services/family';

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

// the pages below are rendered with the mini-program's subscribe (jest resolves src/services to the H5 files otherwise)
jest.mock('../../src/services/subscribe', () => jest.requireActual('../../src/services/subscribe.weapp'));
import type { MarketDayDetail } from '../../cloudfunctions/market/contract';

type Answer = Record<string, string>;
const taro = Taro as unknown as { requestSubscribeMessage?: (o: { tmplIds: string[] }) => Promise<Answer> };

/** Stands in for wx.requestSubscribeMessage: records each call's ids in `asked` (and the order of events in `order`), answers `answer`. */
function fakeWeChat(answer: (ids: string[]) => Answer | Promise<Answer>, order: string[] = []) {
  const asked: string[][] = [];
  taro.requestSubscribeMessage = (o) => {
    asked.push(o.tmplIds);
    order.push('ask');
    return Promise.resolve(answer(o.tmplIds));
  };
  return asked;
}

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

/** The pages' market calls answer from `answers` (src/services/call.ts, stubbed by call-stub). */
function marketAnswers(answers: Record<string, (input: unknown) => Promise<unknown>>) {
  for (const [action, answer] of Object.entries(answers)) stubCall('market', action as never).mockImplementation(answer as never);
}

let env: string | undefined;
beforeEach(() => {
  control.reset();
  env = process.env.TARO_ENV;
  process.env.TARO_ENV = 'weapp';
});
afterEach(() => {
  process.env.TARO_ENV = env ?? 'h5';
  delete taro.requestSubscribeMessage;
  jest.restoreAllMocks();
});

describe('requestSubscribe', () => {
  it('reports the accepted ids (not the refused or banned ones) to account.subscribed, once, and resolves with them', async () => {
    const subscribed = stubCall('account', 'subscribed').mockResolvedValue({ ok: true, data: { left: { bookingReminder: 1 } } });
    const asked = fakeWeChat(() => ({ errMsg: 'requestSubscribeMessage:ok', bookingReminderLocal: 'accept', bookingChangedLocal: 'reject', waitlistPromotedLocal: 'ban' }));
    const accepted = await requestSubscribe([TEMPLATE_IDS.bookingReminder, TEMPLATE_IDS.bookingChange, TEMPLATE_IDS.waitlistPromoted]);
    expect(asked).toEqual([['bookingReminderLocal', 'bookingChangedLocal', 'waitlistPromotedLocal']]);
    expect(accepted).toEqual(['bookingReminderLocal']);
    expect(subscribed.mock.calls).toEqual([[{ templateIds: ['bookingReminderLocal'] }]]);
  });

  it('reports nothing when nothing was accepted, or WeChat failed (the action goes on)', async () => {
    const subscribed = stubCall('account', 'subscribed');
    fakeWeChat(() => ({ errMsg: 'requestSubscribeMessage:ok', ticketProgressLocal: 'reject' }));
    expect(await requestSubscribe([TEMPLATE_IDS.ticketProgress])).toEqual([]);
    taro.requestSubscribeMessage = () => Promise.reject({ errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.', errCode: 10005 });
    expect(await requestSubscribe([TEMPLATE_IDS.ticketProgress])).toEqual([]);
    expect(subscribed).not.toHaveBeenCalled();
  });

  it('while a family member acts for an elder on the page, WeChat is not asked (his messages are his); on her own pages it is', async () => {
    const subscribed = stubCall('account', 'subscribed').mockResolvedValue({ ok: true, data: { left: { bookingReminder: 1 } } });
    const asked = fakeWeChat(() => ({ bookingReminderLocal: 'accept' }));
    setActingFor({ elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng' });
    try {
      control.setPages(['pages/index/index', 'market/pages/confirm/index']);
      expect(await requestSubscribe([TEMPLATE_IDS.bookingReminder])).toEqual([]);
      expect(asked).toEqual([]);
      expect(subscribed).not.toHaveBeenCalled();
      // a page where she acts as herself (not a family-proxy page): asked as usual
      control.setPages(['pages/index/index', 'stall/pages/mine/index']);
      expect(await requestSubscribe([TEMPLATE_IDS.bookingReminder])).toEqual(['bookingReminderLocal']);
      expect(asked).toEqual([['bookingReminderLocal']]);
      expect(subscribed).toHaveBeenCalledTimes(1);
    } finally {
      setActingFor(null);
    }
  });

  it('does not wait for the report, and a failed report changes nothing', async () => {
    let release: () => void = () => undefined;
    stubCall('account', 'subscribed').mockImplementation(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ ok: false, error: { code: 'CLIENT.NETWORK', message: '网络不太好' } });
        }),
    );
    fakeWeChat(() => ({ ticketProgressLocal: 'accept' }));
    // resolves while the report is still unanswered
    expect(await requestSubscribe([TEMPLATE_IDS.ticketProgress])).toEqual(['ticketProgressLocal']);
    release();
  });

  it('asks at most 3 templates in one call (WeChat’s limit), each once', async () => {
    stubCall('account', 'subscribed').mockResolvedValue({ ok: true, data: { left: {} } });
    const asked = fakeWeChat((ids) => Object.fromEntries(ids.map((i) => [i, 'accept'])));
    await requestSubscribe(['a', 'b', 'a', 'c', 'd']);
    expect(asked).toEqual([['a', 'b', 'c']]);
  });
});

describe('the booking confirm tap', () => {
  const slotId = 'md-lc-2026-11-27_svc-lc-haircut_1000';
  const day: MarketDayDetail = {
    day: { id: 'md-lc-2026-11-27', date: '2026-11-27', dateLabel: '11月27日 周五', start: '09:30', end: '12:00', place: '解忧铺门前', marketName: '解忧集市', remaining: 3 },
    services: [
      {
        id: 'svc-lc-haircut',
        name: '爱心义剪',
        kind: 'service',
        bookingMode: 'slots',
        description: '',
        capacityText: '',
        provider: null,
        myBookingId: null,
        slots: [{ id: slotId, label: '10:00–10:20', startAt: '2026-11-27T02:00:00Z', capacity: 3, remaining: 3, state: 'open', waiting: 0, overlaps: null }],
      },
    ],
  };

  it('asks for the reminder and the change in ONE WeChat dialog, before the booking is sent, and reports what was accepted', async () => {
    control.setParams({ day: day.day.id, slot: slotId });
    const order: string[] = [];
    const book = jest.fn(async () => {
      order.push('book');
      return { ok: true, data: booking };
    });
    marketAnswers({ getMarketDay: async () => ({ ok: true, data: day }), myWaitlist: async () => ({ ok: true, data: [] }), book });
    const subscribed = stubCall('account', 'subscribed').mockResolvedValue({ ok: true, data: { left: { bookingReminder: 1, bookingChange: 1 } } });
    const asked = fakeWeChat(() => ({ errMsg: 'requestSubscribeMessage:ok', bookingReminderLocal: 'accept', bookingChangedLocal: 'accept' }), order);
    render(<ConfirmPage />);
    fireEvent.click(await screen.findByText('确认预约'));
    await waitFor(() => expect(calls.navigateTo).toContain('/market/pages/booking/index?id=b1'));
    expect(asked).toEqual([[TEMPLATE_IDS.bookingReminder, TEMPLATE_IDS.bookingChange]]);
    expect(order).toEqual(['ask', 'book']);
    expect(book).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(subscribed.mock.calls).toEqual([[{ templateIds: ['bookingReminderLocal', 'bookingChangedLocal'] }]]));
  });
});

describe('the 申请摊位 tap', () => {
  it('asks for the draw result and the day-change message in ONE WeChat dialog, before the application is sent', async () => {
    const order: string[] = [];
    stubCall('account', 'me').mockResolvedValue({
      ok: true,
      data: { registered: true, unreadMessages: 0, user: { role: 'vendor' }, community: null } as never,
    });
    const myVendor = {
      ok: true,
      data: {
        vendor: { id: 'v1', name: '马师傅', kind: 'farmer', kindLabel: '农户', goods: ['大葱'], provides: null, phone: '138****7788', status: 'approved', statusLabel: '已通过', rejectReason: null, regular: false, regularStall: null, absences: 0, createdAt: '2026-11-01T00:00:00Z' },
        applications: [],
      },
    };
    marketAnswers({
      listMarketDays: async () => ({
        ok: true,
        data: { communityName: '老城社区', kiosk: null, days: [{ id: 'md-lc-2026-11-27', date: '2026-11-27', dateLabel: '11月27日 周五', start: '09:30', end: '12:00', place: '解忧铺门前', marketName: '解忧集市', remaining: 3 }] },
      }),
    });
    const apply = jest.fn(async () => {
      order.push('apply');
      return { ok: true, data: [] };
    });
    // the page's `call('stall', …)`: its vendor record, and the application
    stubCall('stall', 'myVendor').mockImplementation(async () => myVendor as never);
    stubCall('stall', 'applyStall').mockImplementation(apply as never);
    const subscribed = stubCall('account', 'subscribed').mockResolvedValue({ ok: true, data: { left: { stallDraw: 1, bookingChange: 1 } } });
    const asked = fakeWeChat(() => ({ errMsg: 'requestSubscribeMessage:ok', stallDrawLocal: 'accept', bookingChangedLocal: 'accept' }), order);
    render(<MyStallPage />);
    fireEvent.click(await screen.findByText('申请摊位', { selector: '.apply-submit, .apply-submit *' }));
    await waitFor(() => expect(apply).toHaveBeenCalledTimes(1));
    expect(asked).toEqual([[TEMPLATE_IDS.stallDraw, TEMPLATE_IDS.bookingChange]]);
    expect(order).toEqual(['ask', 'apply']);
    await waitFor(() => expect(subscribed.mock.calls).toEqual([[{ templateIds: ['stallDrawLocal', 'bookingChangedLocal'] }]]));
  });
});
