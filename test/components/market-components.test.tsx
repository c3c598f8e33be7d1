/**
 * Market components render what a resident needs and respond to taps.
 */
import { fireEvent, render, screen } from '@testing-library/react';
import { ServiceCard } from '../../src/market/components/ServiceCard';
import { BookingCard } from '../../src/market/components/BookingCard';
import { splitBookings } from '../../src/market/components/BookingList';
import type { ServiceView } from '../../cloudfunctions/market/contract';
import { booking } from './fixtures';

const haircut: ServiceView = {
  id: 'svc-lc-haircut',
  name: '爱心义剪',
  kind: 'service',
  bookingMode: 'slots',
  description: '志愿者免费理发',
  capacityText: '每 20 分钟一档，每档 2 位',
  provider: '张师傅',
  myBookingId: null,
  slots: [
    { id: 's1', label: '10:00–10:20', startAt: '2026-11-27T02:00:00Z', capacity: 2, remaining: 2, state: 'open', waiting: 0, overlaps: null },
    { id: 's2', label: '10:20–10:40', startAt: '2026-11-27T02:20:00Z', capacity: 2, remaining: 0, state: 'full', waiting: 0, overlaps: null },
    { id: 's3', label: '09:40–10:00', startAt: '2026-11-27T01:40:00Z', capacity: 2, remaining: 1, state: 'closed', waiting: 0, overlaps: null },
  ],
};

describe('ServiceCard', () => {
  it('shows each slot with places left, and picks only an open slot', () => {
    const onPick = jest.fn();
    render(<ServiceCard service={haircut} onPick={onPick} onShowMine={jest.fn()} />);
    expect(screen.getByText('爱心义剪')).toBeInTheDocument();
    expect(screen.getByText('服务方：张师傅')).toBeInTheDocument();
    fireEvent.click(screen.getByText('10:20–10:40 已约满'));
    fireEvent.click(screen.getByText('09:40–10:00 已结束'));
    expect(onPick).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('10:00–10:20 · 剩 2 位'));
    expect(onPick).toHaveBeenCalledTimes(1);
    expect(onPick.mock.calls[0][0]).toMatchObject({ id: 's1' });
  });

  it('a full slot can be tapped to wait in line (候补) when the page offers it, and shows the place once waiting', () => {
    const onPick = jest.fn();
    const onWait = jest.fn();
    const { rerender } = render(<ServiceCard service={haircut} onPick={onPick} onWait={onWait} onShowMine={jest.fn()} />);
    expect(screen.getByText('每 20 分钟一档，每档 2 位')).toBeInTheDocument();
    fireEvent.click(screen.getByText('10:20–10:40 已满 · 去候补'));
    fireEvent.click(screen.getByText('09:40–10:00 已结束'));
    expect(onWait.mock.calls.map((c) => c[0].id)).toEqual(['s2']);
    expect(onPick).not.toHaveBeenCalled();
    rerender(<ServiceCard service={haircut} onPick={onPick} onWait={onWait} waiting={new Map([['s2', 3]])} onShowMine={jest.fn()} />);
    expect(screen.getByText('10:20–10:40 您候补第 3 位')).toBeInTheDocument();
  });

  it('folded, shows the places left and unfolds its slots on tap', () => {
    const onToggle = jest.fn();
    const { rerender } = render(<ServiceCard service={haircut} onPick={jest.fn()} onShowMine={jest.fn()} open={false} onToggle={onToggle} />);
    expect(screen.getByText('还剩 2 个名额')).toBeInTheDocument();
    expect(screen.queryByText('10:00–10:20 · 剩 2 位')).toBeNull();
    fireEvent.click(screen.getByText('选这个项目，看时间'));
    expect(onToggle).toHaveBeenCalledTimes(1);
    rerender(<ServiceCard service={haircut} onPick={jest.fn()} onShowMine={jest.fn()} open onToggle={onToggle} />);
    expect(screen.getByText('10:00–10:20 · 剩 2 位')).toBeInTheDocument();
    expect(screen.getByText('收起时间')).toBeInTheDocument();
  });

  it('a service with no place left says 已约满', () => {
    render(<ServiceCard service={{ ...haircut, slots: haircut.slots.filter((s) => s.state !== 'open') }} onPick={jest.fn()} onShowMine={jest.fn()} open={false} onToggle={jest.fn()} />);
    expect(screen.getByText('已约满')).toBeInTheDocument();
  });

  it('shows a queue as one numbered queue', () => {
    render(
      <ServiceCard
        service={{ ...haircut, name: '磨刀', bookingMode: 'queue', slots: [{ id: 'q', label: '10:00–13:00', startAt: '', capacity: 30, remaining: 28, state: 'open', waiting: 0, overlaps: null }] }}
        onPick={jest.fn()}
        onShowMine={jest.fn()}
      />,
    );
    expect(screen.getByText('排队取号 · 还剩 28 个号')).toBeInTheDocument();
  });

  it('says a walk-in service needs no booking, and an already-booked one links to my bookings', () => {
    const { unmount } = render(<ServiceCard service={{ ...haircut, name: '旧物置换', bookingMode: 'none', slots: [] }} onPick={jest.fn()} onShowMine={jest.fn()} />);
    expect(screen.getByText('不用预约，集市当天直接来就行')).toBeInTheDocument();
    unmount();
    const onShowMine = jest.fn();
    render(<ServiceCard service={{ ...haircut, myBookingId: 'b1' }} onPick={jest.fn()} onShowMine={onShowMine} />);
    expect(screen.getByText('您已预约')).toBeInTheDocument();
    expect(screen.queryByText('10:00–10:20 · 剩 2 位')).toBeNull();
    fireEvent.click(screen.getByText('查看我的预约'));
    expect(onShowMine).toHaveBeenCalled();
  });
});


describe('BookingCard', () => {
  it('shows the code and status, and asks to cancel on tap', () => {
    const onCancel = jest.fn();
    render(<BookingCard booking={booking} busy={false} onCancel={onCancel} />);
    expect(screen.getByText('K7M4QX')).toBeInTheDocument();
    expect(screen.getByText('已预约')).toBeInTheDocument();
    fireEvent.click(screen.getByText('取消这个预约'));
    expect(onCancel).toHaveBeenCalledWith(booking);
  });

  it('a cancelled booking has no code and no cancel button; an assisted one says who made it', () => {
    render(<BookingCard booking={{ ...booking, status: 'cancelled', cancellable: false, assisted: true, actorName: '严婷', consentRecorded: true }} busy={false} onCancel={jest.fn()} />);
    expect(screen.getByText('已取消')).toBeInTheDocument();
    expect(screen.queryByText('K7M4QX')).toBeNull();
    expect(screen.queryByText('取消这个预约')).toBeNull();
    expect(screen.getByText('由 严婷 在解忧铺代为预约（居民已口头同意）')).toBeInTheDocument();
  });
});

describe('splitBookings', () => {
  it('puts coming bookings first, soonest first, and folds cancelled and past ones, newest first', () => {
    const later = { ...booking, id: 'b2', date: '2026-12-04', startAt: '2026-12-04T02:00:00Z' };
    const cancelled = { ...booking, id: 'b3', status: 'cancelled' as const };
    const past = { ...booking, id: 'b4', date: '2026-11-20', startAt: '2026-11-20T02:00:00Z' };
    const { coming, earlier } = splitBookings([later, cancelled, past, booking], '2026-11-22');
    expect(coming.map((b) => b.id)).toEqual(['b1', 'b2']);
    expect(earlier.map((b) => b.id)).toEqual(['b3', 'b4']);
  });
});
