/**
 * 邀请调解员 (issue 22; the assignee of a neighbour dispute): pick one of the community's active
 * 调解员 volunteers (解忧智囊团, `ticket.mediators`; those already invited shown as such) and invite
 * them (`ticket.inviteMediator`). The mediator is told in 消息 and then reads this ticket as the
 * assignee does — the hint says so, so the worker knows what they are sharing.
 */
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../../services/call';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { Loading } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import type { MediatorOption } from '../../ticket/api';
import { LoopCard, type LoopFormProps } from './ActionCard';

export function InviteMediatorForm({ t, busy, run, formError, cancel }: LoopFormProps) {
  const list = useRemote<MediatorOption[]>(() => call('ticket', 'mediators', { ticketId: t.id }));
  const [chosen, setChosen] = useState<string | null>(null);
  const options = list.state === 'ok' ? list.data.filter((m) => !m.invited) : [];
  const invited = list.state === 'ok' ? list.data.filter((m) => m.invited) : [];
  const submit = () => {
    if (!chosen) return formError('请先选一位调解员');
    const name = options.find((m) => m.id === chosen)?.name ?? '';
    void run(`已邀请调解员 ${name}，“消息”里会告诉他。`, () => call('ticket', 'inviteMediator', { ticketId: t.id, residentId: chosen }));
  };
  return (
    <LoopCard
      title="邀请调解员"
      hint="请社区解忧智囊团的调解员一起调解。调解员能看到您这一页上的全部内容（包括反映人和电话），请选信得过的人。"
      submitText="邀请"
      onSubmit={submit}
      busy={busy}
      cancel={cancel}
      className="form-inviteMediator"
    >
      {list.state === 'loading' ? <Loading type="spinner" /> : null}
      {list.state === 'error' ? <Text className="notice">{list.error.message}</Text> : null}
      {invited.length ? <Text className="ticket-hint">已经请了：{invited.map((m) => m.name).join('、')}</Text> : null}
      {list.state === 'ok' && !options.length ? <Text className="ticket-hint">社区里还没有别的调解员可以请。</Text> : null}
      {options.length ? <ChoiceButtons className="choice-grid" itemClassName="choice" options={options.map((m) => ({ value: m.id, label: m.name }))} selected={chosen} onSelect={setChosen} /> : null}
    </LoopCard>
  );
}
