/**
 * 办理时限与常用语 (issue 21) against stubbed `ticket` calls: the page says when next year's holiday
 * arrangement is not yet known; − / + change a category's working days within 1–60; a reply is added,
 * and deleted only after 删掉 is confirmed inside the card; 保存 sends the whole form, and a refusal is
 * shown in words with nothing marked saved. The desk's 常用语 picker fills the box with a tap and
 * shows nothing when the community has none.
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { stubCall } from './call-stub';
import TicketSettingsPage from '../../src/console/pages/ticketSettings/index';
import { CannedReplies } from '../../src/desk/components/CannedReplies';
import type { TicketSettingsView } from '../../cloudfunctions/ticket/contract';

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

const DAYS = { noise: 5, animals: 5, encroachment: 5, illegalStructure: 5, sanitation: 5, greenery: 5, facilities: 5, roads: 5, safety: 5, other: 5 };
const view = (over: Partial<TicketSettingsView> = {}): TicketSettingsView => ({
  handleDays: { ...DAYS, noise: 1 },
  defaultHandleDays: 5,
  cannedReplies: { feedback: ['已联系物业处理'], followUp: [] },
  calendar: [{ year: 2026, covered: true }, { year: 2027, covered: false }],
  ...over,
});
const inputOf = (cls: string) => (document.querySelector(`.${cls} taro-input-core`) ?? document.querySelector(`.${cls}`)) as HTMLInputElement;
const type = (el: HTMLElement, value: string) =>
  act(() => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });
const click = (el: Element) => act(async () => void fireEvent.click(el));

it('says 2027 is not yet known, keeps 1–60, adds and (after confirming) deletes replies, sends the whole form; a refusal is shown', async () => {
  stubCall('ticket', 'settings').mockResolvedValue({ ok: true, data: view() });
  const save = stubCall('ticket', 'setSettings').mockResolvedValue({ ok: false, error: { code: 'COMMON.TEXT_REJECTED', message: '内容不合适，请修改后再试' } });
  render(<TicketSettingsPage />);
  await screen.findByText(/2027年放假安排尚未收录/);
  expect(screen.queryByText(/2026年放假安排尚未收录/)).toBeNull();
  // 噪音扰民 is at 1: − does nothing, + makes 2
  await click(screen.getByLabelText('噪音扰民 少一天'));
  expect(document.querySelector('[data-category="noise"] .ts-days')!.textContent).toBe('1 个工作日');
  await click(screen.getByLabelText('噪音扰民 多一天'));
  await click(screen.getByLabelText('噪音扰民 多一天'));
  expect(document.querySelector('[data-category="noise"] .ts-days')!.textContent).toBe('3 个工作日');
  // add a 回访 reply; delete the 反馈 one only after confirming
  await type(inputOf('ts-replies-followUp .ts-draft'), ' 居民表示满意 ');
  await click(document.querySelector('.ts-replies-followUp .ts-add')!);
  expect(screen.getByText('居民表示满意')).toBeTruthy();
  await click(document.querySelector('.ts-replies-feedback .ts-delete')!);
  await screen.findByText(/删掉这句常用语？/);
  expect(screen.getByText('已联系物业处理')).toBeTruthy();
  await click(document.querySelector('.ts-replies-feedback .ts-confirm-delete')!);
  expect(screen.queryByText('已联系物业处理')).toBeNull();
  await click(document.querySelector('.ts-save')!);
  expect(save).toHaveBeenCalledWith({ handleDays: { ...DAYS, noise: 3 }, cannedReplies: { feedback: [], followUp: ['居民表示满意'] } });
  await screen.findByText('内容不合适，请修改后再试');
  expect(screen.queryByText(/已保存/)).toBeNull();
});

it('a reply too short or already there is refused on the page, sending nothing', async () => {
  stubCall('ticket', 'settings').mockResolvedValue({ ok: true, data: view({ calendar: [{ year: 2026, covered: true }, { year: 2027, covered: true }] }) });
  render(<TicketSettingsPage />);
  await screen.findByText('办理时限');
  expect(screen.queryByText(/尚未收录/)).toBeNull();
  await type(inputOf('ts-replies-feedback .ts-draft'), '好');
  await click(document.querySelector('.ts-replies-feedback .ts-add')!);
  await screen.findByText('请至少写 2 个字');
  await type(inputOf('ts-replies-feedback .ts-draft'), '已联系物业处理');
  await click(document.querySelector('.ts-replies-feedback .ts-add')!);
  await screen.findByText('这句已经有了');
});

describe('CannedReplies (desk forms)', () => {
  it('a tap fills the box with the saved text, cut to the box limit', async () => {
    stubCall('ticket', 'settings').mockResolvedValue({ ok: true, data: view({ cannedReplies: { feedback: ['已联系物业，明天上午清理'], followUp: ['满意'] } }) });
    const pick = jest.fn();
    render(<CannedReplies kind="feedback" onPick={pick} max={5} />);
    await click(await screen.findByText('已联系物业，明天上午清理'));
    expect(pick).toHaveBeenCalledWith('已联系物业');
    expect(screen.queryByText('满意')).toBeNull();
  });

  it('nothing when the community has no replies of that kind', async () => {
    const load = stubCall('ticket', 'settings').mockResolvedValue({ ok: true, data: view() });
    const { container } = render(<CannedReplies kind="followUp" onPick={() => undefined} />);
    await waitFor(() => expect(load).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });
});
