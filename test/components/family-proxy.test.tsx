/**
 * 家人代办 on the client (issue 22 §5): while a family member acts for an elder, `call` adds
 * `forElder` only to a family-proxy action called from a page that allows it; the banner shows on such
 * a page and 切回自己 turns the switch off. Home (and every other page) stays the member's own.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { control } from './taro-mock';
import { stubCall } from './call-stub';
import { familyFieldsFor, setActingFor } from '../../src/services/family';
import { proxyWords } from '../../src/services/familyActions';
import { Page } from '../../src/ui/Page';
import BookingsPage from '../../src/market/pages/bookings/index';
import MessagesPage from '../../src/pages/messages/index';
import MyParcelsPage from '../../src/parcels/pages/mine/index';
import MyTicketsPage from '../../src/ticket/pages/mine/index';
import TicketDetailPage from '../../src/ticket/pages/detail/index';
import type { ResidentTicketView } from '../../src/ticket/api';

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

beforeEach(() => control.reset());
const ZOU = { elderId: 'r-zou', elderName: '邹建庄', communityId: 'c-laocheng' };

describe('what a call adds while acting for an elder', () => {
  it('forElder on a proxy action from a proxy page, nothing elsewhere or when off', () => {
    control.setPages(['pages/index/index', 'market/pages/day/index']);
    expect(familyFieldsFor('market', 'book')).toEqual({});
    setActingFor(ZOU);
    expect(familyFieldsFor('market', 'book')).toEqual({ forElder: 'r-zou' });
    // not a proxy action: never (the router would refuse it anyway)
    expect(familyFieldsFor('market', 'listMarketDays')).toEqual({});
    expect(familyFieldsFor('consult', 'vote')).toEqual({});
    // home: the member's own parcels card, even with the switch on
    control.setPages(['pages/index/index']);
    expect(familyFieldsFor('parcels', 'myParcels')).toEqual({});
    control.setPages(['pages/index/index', 'parcels/pages/mine/index']);
    expect(familyFieldsFor('parcels', 'myParcels')).toEqual({ forElder: 'r-zou' });
    setActingFor(null);
    expect(familyFieldsFor('parcels', 'myParcels')).toEqual({});
  });
});

describe('the banner', () => {
  it('shows on a proxy page while on; 切回自己 turns it off; never on other pages', () => {
    setActingFor(ZOU);
    const { unmount } = render(<Page className="x">其他页面</Page>);
    expect(screen.queryByText(/正在为/)).toBeNull();
    unmount();
    render(<Page proxy className="y">我的预约</Page>);
    expect(screen.getByText('正在为 邹建庄 办理')).toBeTruthy();
    act(() => {
      fireEvent.click(screen.getByText('切回自己'));
    });
    expect(screen.queryByText(/正在为/)).toBeNull();
    expect(familyFieldsFor('market', 'myBookings')).toEqual({});
  });
});

describe('the words of a page where a family member acts for an elder', () => {
  it('one definition: the elder by name while acting, the page\'s own words otherwise', () => {
    const zou = proxyWords('邹建庄');
    expect([zou.my('预约'), zou.you, zou.say('您还没有预约', '还没有帮{name}预约'), zou.say('预约成功', '已为{name}预约成功')]).toEqual(['邹建庄的预约', '邹建庄', '还没有帮邹建庄预约', '已为邹建庄预约成功']);
    const self = proxyWords(null);
    expect([self.my('预约'), self.you, self.say('您还没有预约', '还没有帮{name}预约')]).toEqual(['我的预约', '您', '您还没有预约']);
  });

  it('我的预约, 消息, 我的快递 and 我反映的问题 name 邹建庄 while acting for him, and read as one\'s own after 切回自己', async () => {
    stubCall('market', 'myBookings').mockResolvedValue({ ok: true, data: [] });
    stubCall('market', 'myWaitlist').mockResolvedValue({ ok: true, data: [] });
    stubCall('account', 'myMessages').mockResolvedValue({ ok: true, data: { messages: [], unread: 0, more: false } });
    stubCall('parcels', 'myParcels').mockResolvedValue({ ok: true, data: { waiting: [], done: [] } } as never);
    stubCall('ticket', 'myTickets').mockResolvedValue({ ok: true, data: [] });
    const pages = [
      { Page: BookingsPage, acting: ['邹建庄的预约', '还没有帮邹建庄预约'], self: ['我的预约', '您还没有预约'] },
      { Page: MessagesPage, acting: ['邹建庄的消息', '邹建庄还没有消息。'], self: ['消息', '还没有消息。'] },
      { Page: MyParcelsPage, acting: ['邹建庄待取的快递', '现在没有邹建庄的快递'], self: ['待取的快递', '现在没有您的快递'] },
      { Page: MyTicketsPage, acting: ['邹建庄还没有反映过问题', '为邹建庄反映问题'], self: ['还没有反映过问题', '反映问题'] },
    ];
    for (const { Page: P, acting, self } of pages) {
      setActingFor(ZOU);
      const { unmount } = render(<P />);
      for (const t of acting) await screen.findByText(t);
      expect(screen.queryByText(/我的|您还没有|没有您的/)).toBeNull();
      // 切回自己 on the banner: the same page is one's own again
      act(() => {
        fireEvent.click(screen.getByText('切回自己'));
      });
      await waitFor(() => expect(screen.queryByText(/邹建庄/)).toBeNull());
      for (const t of self) expect(screen.getByText(t)).toBeTruthy();
      unmount();
    }
  });
});

describe('his closed problem, opened while acting for him', () => {
  const closed = {
    id: 't1', category: 'facility', categoryLabel: '公共设施损坏', text: '5号楼楼顶漏水，顶层住户家里墙皮发霉', place: { text: '壁山丽景小区 5号楼 楼顶' },
    status: 'closed', statusLabel: '已办结', createdAt: '2026-11-15T14:30:00.000Z', relation: 'mine', helper: '网格员 严婷', photos: [], timeline: [],
    mergedIntoId: null, canRate: true, ratings: [], anonymous: false, promisedDate: null, suspendedUntil: null,
  } as unknown as ResidentTicketView;

  it('names him and leaves the rating to him (ticket.rate takes no forElder); his own phone shows the rating', async () => {
    control.setParams({ id: 't1' });
    stubCall('ticket', 'get').mockResolvedValue({ ok: true, data: { view: 'resident', ticket: closed } } as never);
    setActingFor(ZOU);
    const { unmount } = render(<TicketDetailPage />);
    await screen.findByText('问题办结了。评价要邹建庄本人来做：用自己的微信，或到解忧铺。');
    expect(screen.getByText('帮邹建庄处理：网格员 严婷')).toBeTruthy();
    expect(screen.getByText('邹建庄反映的所有问题')).toBeTruthy();
    expect(screen.queryByText('问题真的解决了吗？')).toBeNull();
    unmount();
    setActingFor(null);
    render(<TicketDetailPage />);
    await screen.findByText('问题真的解决了吗？');
    expect(screen.getByText('帮您处理：网格员 严婷')).toBeTruthy();
    expect(screen.getByText('我反映的所有问题')).toBeTruthy();
  });
});
