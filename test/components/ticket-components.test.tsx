/**
 * The ticket pages' parts in jsdom: a queue row says 已超时 in words when a ticket is overdue (and
 * its deadline in red words, not by colour alone); the timeline lists steps oldest first with local
 * dates and times, and marks to staff the steps a reporter does not see.
 */
import { render, screen } from '@testing-library/react';
import { QueueCard } from '../../src/ticket/components/QueueCard';
import { Timeline } from '../../src/ticket/components/Timeline';
import type { QueueItem, TimelineStep } from '../../cloudfunctions/ticket/contract';

const item: QueueItem = {
  id: 't-1',
  categoryLabel: '饲养动物扰民',
  summary: '楼顶有人养鸽子',
  placeText: '蓝天家园小区 7号楼 楼顶',
  status: 'pending',
  statusLabel: '等待网格员受理',
  createdAt: '2026-11-20T02:00:00.000Z',
  dueAt: '2026-11-21T02:00:00.000Z',
  overdue: true,
  hardCase: false,
  assigneeName: null,
  supervised: false,
};

describe('QueueCard', () => {
  it('an overdue ticket says 已超时 and by when it should have been accepted', () => {
    const { container } = render(<QueueCard item={item} onOpen={() => undefined} />);
    expect(screen.getByText('已超时')).toBeTruthy();
    expect(container.textContent).toMatch(/应在 \d{1,2}月\d{1,2}日 周[一二三四五六日] \d\d:\d\d 前受理/);
    expect(container.querySelector('.queue-overdue')).not.toBeNull();
  });

  it('a ticket in time says nothing of the kind', () => {
    const { container } = render(<QueueCard item={{ ...item, overdue: false, status: 'inProgress', statusLabel: '正在处理' }} onOpen={() => undefined} />);
    expect(container.textContent).not.toContain('超时');
    expect(container.textContent).toMatch(/请在 .* 前办好/);
  });

  it('a supervised ticket nobody accepted yet is due to be 办结, not 受理 (issue 17: 督办 sets the deadline to close it)', () => {
    const { container } = render(<QueueCard item={{ ...item, overdue: false, supervised: true, hardCase: true }} onOpen={() => undefined} />);
    expect(container.textContent).toMatch(/请在 .* 前办结/);
    expect(container.textContent).not.toContain('前受理');
  });
});

describe('Timeline', () => {
  const steps: TimelineStep[] = [
    { at: '2026-11-20T02:00:00.000Z', type: 'reported', title: '反映了问题', note: '' },
    { at: '2026-11-20T03:30:00.000Z', type: 'note', title: '内部记录', note: '需要执法队出面', actorName: '陈晓丹', public: false },
  ];
  it('lists the steps in order with their dates and times, and marks internal ones to staff', () => {
    const { container } = render(<Timeline steps={steps} staff />);
    const titles = [...container.querySelectorAll('.timeline-title')].map((e) => e.textContent);
    expect(titles).toEqual(['反映了问题', '内部记录（内部，反映人看不到）']);
    expect([...container.querySelectorAll('.timeline-when')].every((e) => /^\d{1,2}月\d{1,2}日 周[一二三四五六日] \d\d:\d\d$|^\d{4}年/.test(e.textContent ?? ''))).toBe(true);
    expect(container.textContent).toContain('经手：陈晓丹');
  });

  it('residents see no actor names and no internal marks', () => {
    const { container } = render(<Timeline steps={[steps[0]]} />);
    expect(container.textContent).not.toContain('经手');
    expect(container.textContent).not.toContain('内部');
  });
});
