/**
 * 申请延期 (issue 21, docs/case-loop-design.md §3): the assignee of a ticket in progress asks the
 * community's admin for a later deadline — the new date (after the current deadline's date, at
 * most 60 days from today) and why. Sends `ticket.requestExtension { ticketId, untilDate, reason }`;
 * the answer is the ticket, now with `extension.status = 'requested'` (shown in the page's header).
 * The reporter sees nothing until an admin approves (then the new date).
 */
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../../services/call';
import { charCount, TextBox } from '../../ticket/components/TextBox';
import { dayText, isLocalDate, localDate, localDateOf } from '../../ticket/when';
import { TICKET_LIMITS as L } from '../../../cloudfunctions/ticket/limits';
import { LOOP_READERS, LoopCard, LoopDateChoice, type LoopFormProps, useFormProblem } from './ActionCard';

/** How far ahead a new deadline may be, in days from today (the function's rule). */
const EXTENSION_MAX_DAYS = L.maxDaysAhead;

export function RequestExtensionForm({ t, busy, run, cancel }: LoopFormProps) {
  const [problem, formError, clear] = useFormProblem();
  const dueDate = t.dueAt ? localDateOf(t.dueAt) : localDate();
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const submit = () => {
    if (!isLocalDate(until)) return formError('请选新的办结日期，或写成 年-月-日，例如 ' + localDate(7));
    if (until <= dueDate) return formError(`新的日期要在原来的期限（${dayText(dueDate)}）以后`);
    if (until > localDate(EXTENSION_MAX_DAYS)) return formError(`最多只能延到 ${EXTENSION_MAX_DAYS} 天以后（${dayText(localDate(EXTENSION_MAX_DAYS))}）`);
    if (charCount(reason) < L.extensionReason.min) return formError(`请写下为什么要延期（至少 ${L.extensionReason.min} 个字）`);
    clear();
    void run(`已提交延期申请：请社区管理员审批，批准前还按原来的期限办。`, () => call('ticket', 'requestExtension', { ticketId: t.id, untilDate: until, reason: reason.trim() }));
  };
  // quick choices counted from the current deadline's date (a week, two weeks, a month later)
  const from = (days: number) => localDateOf(Date.parse(`${dueDate}T12:00:00+08:00`) + days * 86_400_000);
  return (
    <LoopCard title="申请延期" hint="按期办不完时，向社区管理员申请推迟期限。批准后，反映人会收到新的办结日期。" submitText="提交延期申请" onSubmit={submit} busy={busy} cancel={cancel} problem={problem} className="form-extension">
      <Text className="ticket-line">原来的期限：{dayText(dueDate)}</Text>
      <LoopDateChoice
        label="延到哪天？"
        value={until}
        onChange={setUntil}
        options={[
          { label: '再延一周', date: from(7) },
          { label: '再延两周', date: from(14) },
          { label: '再延一个月', date: from(30) },
        ].filter((o) => o.date <= localDate(EXTENSION_MAX_DAYS))}
      />
      <TextBox label="延期原因" value={reason} max={L.extensionReason.max} min={L.extensionReason.min} placeholder="例如：要等供电局排期换电缆" onChange={setReason} reader={LOOP_READERS.staff} />
    </LoopCard>
  );
}
