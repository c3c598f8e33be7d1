/**
 * The message centre (src/pages/messages, issue 18) against stubbed `account` calls: unread says
 * 未读 in words; a tap marks that message read and opens its page; 更多 asks for the messages older
 * than the last one shown and adds them below; 全部已读 marks all; a failed load offers 重新加载.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { calls, control } from './taro-mock';
import type { InboxMessage } from '../../src/account/api';
import { stubCall } from './call-stub';
import MessagesPage from '../../src/pages/messages/index';

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

const msg = (n: number, read = false, page: string | null = `ticket/pages/detail/index?id=t${n}`): InboxMessage => ({
  id: `m${n}`,
  kind: 'ticketProgress',
  title: `您反映的问题已办结 ${n}`,
  lines: [`问题：第 ${n} 件`],
  page,
  at: Date.UTC(2026, 11, 1, 2, 0) - n * 60_000,
  read,
});

beforeEach(() => control.reset());
afterEach(() => jest.restoreAllMocks());

describe('消息', () => {
  it('shows unread in words; a tap marks it read and opens its page', async () => {
    stubCall('account', 'myMessages').mockResolvedValue({ ok: true, data: { messages: [msg(1), msg(2, true)], unread: 1, more: false } });
    const read = stubCall('account', 'readMessages').mockResolvedValue({ ok: true, data: { unread: 0 } });
    const { container } = render(<MessagesPage />);
    await screen.findByText('有 1 条消息还没看');
    expect(container.querySelector('[data-message="m1"]')!.textContent).toContain('未读');
    expect(container.querySelector('[data-message="m2"]')!.textContent).not.toContain('未读');
    fireEvent.click(container.querySelector('[data-message="m1"]')!);
    expect(read).toHaveBeenCalledWith({ ids: ['m1'] });
    await waitFor(() => expect(calls.navigateTo).toEqual(['/ticket/pages/detail/index?id=t1']));
    await screen.findByText('消息都看过了');
    // a read message opens its page without another read
    fireEvent.click(container.querySelector('[data-message="m2"]')!);
    expect(read).toHaveBeenCalledTimes(1);
    expect(calls.navigateTo).toEqual(['/ticket/pages/detail/index?id=t1', '/ticket/pages/detail/index?id=t2']);
  });

  it('更多 asks for the messages older than the last one shown and adds them below', async () => {
    const first = Array.from({ length: 20 }, (_, i) => msg(i + 1, true));
    const older = [msg(21, true), msg(22, false, null)];
    const my = stubCall('account', 'myMessages')
      .mockResolvedValueOnce({ ok: true, data: { messages: first, unread: 1, more: true } })
      .mockResolvedValueOnce({ ok: true, data: { messages: older, unread: 1, more: false } });
    const { container } = render(<MessagesPage />);
    fireEvent.click(await screen.findByText('更多'));
    await screen.findByText('没有更早的消息了');
    expect(my.mock.calls).toEqual([[], [{ before: first[19].at, beforeId: first[19].id }]]);
    expect([...container.querySelectorAll('[data-message]')].map((e) => e.getAttribute('data-message'))).toEqual([...first, ...older].map((m) => m.id));
  });

  it('全部已读 marks every message read', async () => {
    stubCall('account', 'myMessages').mockResolvedValue({ ok: true, data: { messages: [msg(1), msg(2)], unread: 2, more: false } });
    const all = stubCall('account', 'readMessages').mockResolvedValue({ ok: true, data: { unread: 0 } });
    const { container } = render(<MessagesPage />);
    fireEvent.click(await screen.findByText('全部已读'));
    await screen.findByText('消息都看过了');
    expect(all.mock.calls).toEqual([[{ all: true }]]);
    expect(container.querySelectorAll('.message-unread')).toHaveLength(0);
  });

  it('says when there is none, and offers 重新加载 when loading failed', async () => {
    const my = stubCall('account', 'myMessages').mockResolvedValueOnce({ ok: false, error: { code: 'CLIENT.NETWORK', message: '网络不太好，请检查网络后再试' } });
    my.mockResolvedValueOnce({ ok: true, data: { messages: [], unread: 0, more: false } });
    render(<MessagesPage />);
    fireEvent.click(await screen.findByText('重新加载'));
    await screen.findByText('还没有消息。');
  });
});
