/**
 * A way back and a way home from every page, pages whose record is gone, and notices that do not
 * outlive their cause: the Page bar (返回 / 回首页), NotFoundState through ErrorState, the booking
 * page's reading of a booking by id, and the booking list's notice cleared when the user leaves.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { calls, control } from './taro-mock';
import { Page, backToPage, navButtons } from '../../src/ui/Page';
import { ErrorState } from '../../src/ui/PageState';
import { bookingIn, bookingTitle } from '../../src/market/bookingView';
import { BookingList } from '../../src/market/components/BookingList';
import { booking } from './fixtures';

beforeEach(() => control.reset());

describe('the way back and the way home', () => {
  it('in the H5 app: 回首页 on every page but home, 返回 when there is a page to go back to', () => {
    expect(navButtons({ home: true, depth: 3, h5: true })).toEqual({ back: false, home: false });
    expect(navButtons({ home: false, depth: 1, h5: true })).toEqual({ back: false, home: true }); // opened from a link
    expect(navButtons({ home: false, depth: 2, h5: true })).toEqual({ back: true, home: true });
  });

  it('in the mini-program WeChat gives 返回: 回首页 only on a page opened alone (a share)', () => {
    expect(navButtons({ home: false, depth: 1, h5: false })).toEqual({ back: false, home: true });
    expect(navButtons({ home: false, depth: 2, h5: false })).toEqual({ back: false, home: false });
  });

  it('the bar goes home with reLaunch and back with navigateBack; home has no bar', async () => {
    const env = process.env.TARO_ENV;
    process.env.TARO_ENV = 'h5';
    try {
      control.setPages(['pages/index/index', 'market/pages/day/index']);
      const { unmount } = render(<Page className="market-day">内容</Page>);
      await waitFor(() => expect(screen.getByText('‹ 返回')).toBeInTheDocument());
      fireEvent.click(screen.getByText('‹ 返回'));
      fireEvent.click(screen.getByText('回首页'));
      expect(calls.navigateTo).toEqual(['back:1', '/pages/index/index']);
      unmount();
      render(<Page home>首页</Page>);
      expect(screen.queryByText('回首页')).toBeNull();
      expect(screen.queryByText('‹ 返回')).toBeNull();
    } finally {
      process.env.TARO_ENV = env;
    }
  });

  it('back to a page goes back to it when the stack holds it, else opens it in place', () => {
    control.setPages(['pages/index/index', 'counter/pages/resident/index', 'market/pages/day/index', 'market/pages/booking/index']);
    backToPage('counter/pages/resident/index', '/counter/pages/resident/index?id=r-zhao');
    expect(calls.navigateTo).toEqual(['back:2']);
    control.setPages(['market/pages/booking/index']); // reloaded: nothing below it
    backToPage('counter/pages/resident/index', '/counter/pages/resident/index?id=r-zhao');
    expect(calls.navigateTo).toEqual(['back:2', '/counter/pages/resident/index?id=r-zhao']);
  });
});

describe('a record that is gone', () => {
  it('says so and offers the way home, not a retry that cannot help', () => {
    const retry = jest.fn();
    render(<ErrorState message="没有找到这条预约" code="BOOKING.NOT_FOUND" onRetry={retry} />);
    expect(screen.getByText('没有找到这条预约')).toBeInTheDocument();
    expect(screen.queryByText('重新加载')).toBeNull();
    fireEvent.click(screen.getByText('回首页'));
    expect(calls.navigateTo).toEqual(['/pages/index/index']);
    expect(retry).not.toHaveBeenCalled();
  });

  it('a network error still offers a retry', () => {
    const retry = jest.fn();
    render(<ErrorState message="网络不太好，请检查网络后再试" code="CLIENT.NETWORK" onRetry={retry} />);
    fireEvent.click(screen.getByText('重新加载'));
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('the booking page finds the booking by id in the list it may see, or says it is not there', () => {
    const other = { ...booking, id: 'b2', code: 'TTTTTT' };
    expect(bookingIn([other, booking], 'b1')).toEqual({ ok: true, data: booking });
    expect(bookingIn([other], 'b1')).toMatchObject({ ok: false, error: { code: 'BOOKING.NOT_FOUND' } });
  });

  it('the booking page heads a booking by its state, and names the resident at the counter', () => {
    expect(bookingTitle(booking, false)).toBe('预约成功');
    expect(bookingTitle(booking, true)).toBe('已为 赵建国 预约成功');
    expect(bookingTitle({ ...booking, status: 'cancelled' }, true)).toBe('这个预约已取消');
    expect(bookingTitle({ ...booking, status: 'checkedIn' }, true)).toBe('赵建国 已签到');
  });
});

describe('notices', () => {
  it('an outcome notice does not greet the user who comes back to the page', async () => {
    // the cancel fails (no network in component tests): the failure is said in the page …
    render(<BookingList bookings={[booking]} reload={jest.fn()} />);
    fireEvent.click(screen.getByText('取消这个预约'));
    await waitFor(() => expect(screen.getByText('网络不太好，请检查网络后再试')).toBeInTheDocument());
    // … and gone once the user has left the page
    act(() => control.hide());
    expect(screen.queryByText('网络不太好，请检查网络后再试')).toBeNull();
  });
});
