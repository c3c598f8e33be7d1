/**
 * Elder mode: follows the WeChat font setting unless the user chose, applies to the page root, and
 * asks before cancelling inside the card instead of in a pop-up; the first-visit offer and the
 * header's 大字 switch (issue 17) turn it on and off and are remembered.
 */
import { act, fireEvent, render, screen } from '@testing-library/react';
import { control } from './taro-mock';
import { elderPreference, isElderMode, setElderPreference } from '../../src/ui/elder';
import { Page } from '../../src/ui/Page';
import { ElderOffer, ElderToggle } from '../../src/ui/ElderOffer';
import { BookingCard } from '../../src/market/components/BookingCard';
import { booking } from './fixtures';

beforeEach(() => control.reset());

describe('elder mode preference', () => {
  it('follows the WeChat font setting when the user has not chosen', () => {
    expect(elderPreference()).toBe('auto');
    expect(isElderMode()).toBe(false);
    control.setFontSizeSetting(20);
    expect(isElderMode()).toBe(true);
  });

  it('the switch overrides the font setting both ways', () => {
    control.setFontSizeSetting(20);
    setElderPreference('off');
    expect(isElderMode()).toBe(false);
    control.setFontSizeSetting(16);
    setElderPreference('on');
    expect(isElderMode()).toBe(true);
  });

  it('puts the elder class on every page root, and updates it when switched', () => {
    const { container } = render(<Page className="home">内容</Page>);
    const root = container.firstElementChild!;
    expect([...root.classList].sort()).toEqual(['home', 'page']);
    act(() => setElderPreference('on'));
    expect([...root.classList].sort()).toEqual(['elder', 'home', 'page']);
  });
});

const assisted = { ...booking, assisted: true, actorName: '严婷', consentRecorded: true };

describe('cancelling without a pop-up', () => {
  it('asks inside the card and lets the resident keep the booking', () => {
    const onConfirm = jest.fn();
    const onKeep = jest.fn();
    render(<BookingCard booking={assisted} busy={false} onCancel={jest.fn()} confirming onConfirmCancel={onConfirm} onKeep={onKeep} />);
    expect(screen.getByText('确定取消这个预约吗？取消后名额会让给其他居民。')).toBeInTheDocument();
    expect(screen.queryByText('取消这个预约')).toBeNull();
    fireEvent.click(screen.getByText('不取消'));
    expect(onKeep).toHaveBeenCalled();
    fireEvent.click(screen.getByText('确定取消'));
    expect(onConfirm).toHaveBeenCalledWith(assisted);
  });

  it('offers check-in at the counter only when it can succeed (on the market day)', () => {
    const onCheckIn = jest.fn();
    const { unmount } = render(<BookingCard booking={{ ...assisted, checkInOpen: false }} busy={false} onCancel={jest.fn()} onCheckIn={onCheckIn} />);
    expect(screen.queryByText('签到')).toBeNull(); // booked, but its market day has not come
    unmount();
    const today = { ...assisted, checkInOpen: true };
    render(<BookingCard booking={today} busy={false} onCancel={jest.fn()} onCheckIn={onCheckIn} />);
    fireEvent.click(screen.getByText('签到'));
    expect(onCheckIn).toHaveBeenCalledWith(today);
  });
});

describe('elder mode up front (issue 17)', () => {
  it('offers large text until answered: 用大字 turns it on, and the offer is not made again', () => {
    const { unmount } = render(<ElderOffer />);
    expect(screen.getByText('字太小？点这里用大字')).toBeInTheDocument();
    fireEvent.click(screen.getByText('用大字（长辈模式）'));
    expect(isElderMode()).toBe(true);
    expect(screen.getByText('已换成大字（长辈模式）')).toBeInTheDocument();
    unmount();
    const again = render(<ElderOffer />);
    expect(again.container.textContent).toBe('');
  });

  it('不用了 puts it away for good and leaves the text standard', () => {
    const { unmount } = render(<ElderOffer />);
    fireEvent.click(screen.getByText('不用了'));
    expect(screen.queryByText('字太小？点这里用大字')).toBeNull();
    expect(isElderMode()).toBe(false);
    unmount();
    expect(render(<ElderOffer />).container.textContent).toBe('');
  });

  it('is not offered when WeChat’s large font already turned elder mode on', () => {
    control.setFontSizeSetting(20);
    expect(render(<ElderOffer />).container.textContent).toBe('');
  });

  it('the header 大字 switch turns it on and off, and says which', () => {
    render(<ElderToggle />);
    fireEvent.click(screen.getByText('☐ 大字'));
    expect(elderPreference()).toBe('on');
    fireEvent.click(screen.getByText('☑ 大字'));
    expect(elderPreference()).toBe('off');
    expect(screen.getByText('☐ 大字')).toBeInTheDocument();
  });
});
