/**
 * Pages show China time on a device set to another zone (issue 17: 14:53 on the page, 22:53 in the
 * message, on a phone set to UTC). The device here is UTC (process.env.TZ set before anything reads
 * the clock); a ticket reported at 02:00 UTC on 2026-11-20 reads 11月20日 周五 10:00 in the queue
 * and on the timeline, its deadline 11月21日 周六 10:00.
 */
process.env.TZ = 'UTC';

import { render } from '@testing-library/react';
import { QueueCard } from '../../src/ticket/components/QueueCard';
import { Timeline } from '../../src/ticket/components/Timeline';
import type { QueueItem } from '../../cloudfunctions/ticket/contract';

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

it('the device is in UTC (else this proves nothing)', () => {
  expect(new Date(item.createdAt).getHours()).toBe(2);
});

it('a queue row gives the deadline in China time', () => {
  const { container } = render(<QueueCard item={item} onOpen={() => undefined} />);
  expect(container.textContent).toContain('11月21日 周六 10:00');
  expect(container.textContent).not.toMatch(/02:00/);
});

it('the timeline gives each step in China time, late UTC evenings on the next China day', () => {
  const { container } = render(
    <Timeline
      steps={[
        { at: '2026-11-20T02:00:00.000Z', type: 'reported', title: '反映了问题', note: '' },
        { at: '2026-11-20T16:30:00.000Z', type: 'accepted', title: '网格员受理了', note: '' },
      ]}
    />,
  );
  const whens = [...container.querySelectorAll('.timeline-when')].map((e) => e.textContent?.replace(/^2026年/, ''));
  expect(whens).toEqual(['11月20日 周五 10:00', '11月21日 周六 00:30']);
});
