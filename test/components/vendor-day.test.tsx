/**
 * The day's check-in list (stallAdmin/pages/day) on and off the market day — the branch the browser
 * test cannot reach, since the local server's clock is real: on the day staff tap 签到 on a row or
 * type the vendor's code; on other days no 签到 is offered and the page says when it opens; an admin
 * releases a stall after confirming inside the card.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { control } from './taro-mock';
import { stubCall } from './call-stub';
import type { StallApplicationView } from '../../src/stall/api';

/** The `stall` actions the page calls, by name: each gets the call's input (`call('stall', action, input)`, stubbed through call-stub). */
const mockVendorApi = { dayList: jest.fn(), checkIn: jest.fn(), release: jest.fn(), moveStall: jest.fn(), drawRecord: jest.fn(), drawStalls: jest.fn(), stalls: jest.fn(), setAllocation: jest.fn() };
const mockMarketApi = { listMarketDays: jest.fn() };
jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

// eslint-disable-next-line import/first
import DayListPage from '../../src/stallAdmin/pages/day/index';
// eslint-disable-next-line import/first
import { todayLocal } from '../../src/stall/api';

const app = (date: string, over: Partial<StallApplicationView> = {}): StallApplicationView => ({
  id: 'app-1',
  date,
  dateLabel: '11月27日 周五',
  vendorId: 'v-1',
  vendorName: '马师傅',
  goods: ['大葱'],
  status: 'allocated',
  statusLabel: '已分到摊位',
  stallNumber: 1,
  waitlistPosition: null,
  checkInCode: '1-AB12',
  drawAtLabel: null,
  viaDraw: false,
  createdAt: '2026-11-22T00:00:00.000Z',
  ...over,
});

function setup(date: string, role: 'gridWorker' | 'communityAdmin') {
  control.setParams({ date });
  mockMarketApi.listMarketDays.mockResolvedValue({ ok: true, data: { communityName: '老城社区', kiosk: null, days: [{ id: `d-${date}`, date, dateLabel: '11月27日 周五', start: '10:00', end: '13:00', place: '', marketName: '解忧集市', remaining: 0 }] } });
  stubCall('account', 'me').mockResolvedValue({ ok: true, data: { registered: true, user: { role }, community: null } as never });
  mockVendorApi.dayList.mockResolvedValue({ ok: true, data: [app(date)] });
  mockVendorApi.stalls.mockResolvedValue({ ok: true, data: [1, 2, 3].map((n) => ({ number: n, label: `${n}号摊位` })) });
  mockVendorApi.drawRecord.mockResolvedValue({ ok: true, data: { date, allocation: { mode: 'firstCome', drawDaysBefore: 2, drawAt: '18:00' }, drawAtLabel: null, waiting: 0, record: null } });
}

beforeEach(() => {
  control.reset();
  jest.clearAllMocks();
  // the page's `call('stall', action, input)` and `call('market', 'listMarketDays')` answer from the mocks above
  for (const [action, mock] of Object.entries(mockVendorApi)) stubCall('stall', action as never).mockImplementation(((input?: unknown) => mock(input)) as never);
  stubCall('market', 'listMarketDays').mockImplementation((() => mockMarketApi.listMarketDays()) as never);
});

it('on the market day: 签到 on the row, and by the code the vendor shows', async () => {
  const today = todayLocal();
  setup(today, 'gridWorker');
  mockVendorApi.checkIn.mockResolvedValue({ ok: true, data: app(today, { status: 'checkedIn', statusLabel: '已签到', checkInCode: null }) });
  render(<DayListPage />);
  await screen.findByText('马师傅');
  expect(screen.queryByText('集市当天才能签到')).toBeNull();
  await act(async () => {
    fireEvent.click(screen.getAllByText('签到').find((e) => e.closest('.day-row'))!);
  });
  expect(mockVendorApi.checkIn).toHaveBeenCalledWith({ applicationId: 'app-1' });
  // Taro's Input (a web component in jsdom) renders its inner <input> asynchronously: under load it can come later than the list
  const input = await waitFor(() => {
    const el = document.querySelector('.code-input input') ?? document.querySelector('input.code-input');
    expect(el).not.toBeNull();
    return el as HTMLInputElement;
  });
  fireEvent.input(input, { target: { value: '1-ab12' } });
  await act(async () => {
    fireEvent.click(screen.getAllByText('签到').find((e) => e.closest('.code-checkin'))!);
  });
  expect(mockVendorApi.checkIn).toHaveBeenLastCalledWith({ code: '1-AB12' });
  expect(screen.queryByText('收回摊位')).toBeNull(); // a grid worker does not release stalls
});

it('on another day: no 签到, and the page says when check-in opens', async () => {
  setup('2099-01-02', 'gridWorker');
  render(<DayListPage />);
  await screen.findByText('马师傅');
  expect(screen.getByText('集市当天才能签到')).toBeInTheDocument();
  expect(screen.queryAllByText('签到').filter((e) => e.closest('taro-button-core, button, .nut-button'))).toEqual([]);
  expect(screen.queryByText('按签到号签到')).toBeNull();
});

it('an admin releases a stall after confirming inside the card', async () => {
  setup('2099-01-02', 'communityAdmin');
  mockVendorApi.release.mockResolvedValue({ ok: true, data: { released: app('2099-01-02', { status: 'released' }), promoted: null } });
  render(<DayListPage />);
  await screen.findByText('马师傅');
  fireEvent.click(screen.getByText('收回摊位'));
  expect(screen.getByText(/收回马师傅的1号摊？/)).toBeInTheDocument();
  expect(mockVendorApi.release).not.toHaveBeenCalled();
  await act(async () => {
    fireEvent.click(screen.getByText('确定收回'));
  });
  await waitFor(() => expect(mockVendorApi.release).toHaveBeenCalledWith({ applicationId: 'app-1' }));
});

it('an admin moves a vendor to a free stall: the free numbers are offered, the taken one is not', async () => {
  setup('2099-01-02', 'communityAdmin');
  mockVendorApi.moveStall.mockResolvedValue({ ok: true, data: { moved: app('2099-01-02', { stallNumber: 3 }), promoted: null } });
  render(<DayListPage />);
  await screen.findByText('马师傅');
  fireEvent.click(screen.getByText('换摊位'));
  expect(screen.queryByText('1号摊', { selector: '.move-to, .move-to *' })).toBeNull();
  // the held stall is there, marked, and cannot be chosen
  expect(screen.getByText('1号 他现在的摊位')).toBeInTheDocument();
  await act(async () => {
    fireEvent.click(screen.getByText('3号摊'));
  });
  await waitFor(() => expect(mockVendorApi.moveStall).toHaveBeenCalledWith({ applicationId: 'app-1', toNumber: 3 }));
});

it('a lottery day not drawn yet: the admin sees when the draw is and can draw now', async () => {
  setup('2099-01-02', 'communityAdmin');
  mockVendorApi.drawRecord.mockResolvedValue({ ok: true, data: { date: '2099-01-02', allocation: { mode: 'lottery', drawDaysBefore: 2, drawAt: '18:00' }, drawAtLabel: '12月31日 周三 18:00', waiting: 4, record: null } });
  mockVendorApi.drawStalls.mockResolvedValue({ ok: true, data: {} });
  render(<DayListPage />);
  expect(await screen.findByText(/在 12月31日 周三 18:00 抽签，现在有 4 位在等/)).toBeInTheDocument();
  await act(async () => {
    fireEvent.click(screen.getByText('现在抽签'));
  });
  await waitFor(() => expect(mockVendorApi.drawStalls).toHaveBeenCalledWith({ date: '2099-01-02' }));
});
