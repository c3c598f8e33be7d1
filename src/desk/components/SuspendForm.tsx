/**
 * 挂起 (issue 21, docs/case-loop-design.md §3): the assignee or an admin stops the clock of a ticket
 * in progress that cannot go on for now — why (waiting for a department, the weather) and the date it
 * comes back (after today, at most 60 days ahead). Sends `ticket.suspend { ticketId, reason,
 * untilDate }`; the answer is the ticket, suspended (no deadline; shown in the header). The
 * reporter is told the reason and the date; on that date the ticket timer resumes it by itself.
 */
import { useState } from 'react';
import { call } from '../../services/call';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { Text } from '@tarojs/components';
import { charCount, TextBox } from '../../ticket/components/TextBox';
import { dayText, isLocalDate, localDate } from '../../ticket/when';
import { TICKET_LIMITS as L } from '../../../cloudfunctions/ticket/limits';
import { LOOP_READERS, LoopCard, LoopDateChoice, type LoopFormProps, useFormProblem } from './ActionCard';

/** How far ahead a suspension may last, in days from today (the function's rule). */
const SUSPEND_MAX_DAYS = L.maxDaysAhead;

/** Reasons staff meet most (a tap fills the box; it can be changed). */
const COMMON_REASONS = ['等相关部门答复', '天气原因暂时不能施工', '等反映人方便时上门'];

export function SuspendForm({ t, busy, run, cancel }: LoopFormProps) {
  const [problem, formError, clear] = useFormProblem();
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const submit = () => {
    if (charCount(reason) < L.suspendReason.min) return formError(`请写下为什么暂停办理（至少 ${L.suspendReason.min} 个字）`);
    if (!isLocalDate(until)) return formError('请选哪天恢复办理，或写成 年-月-日，例如 ' + localDate(7));
    if (until <= localDate()) return formError('恢复的日期要在今天以后');
    if (until > localDate(SUSPEND_MAX_DAYS)) return formError(`最多只能暂停 ${SUSPEND_MAX_DAYS} 天（到 ${dayText(localDate(SUSPEND_MAX_DAYS))}）`);
    clear();
    void run(`已挂起：暂停办理到 ${dayText(until)}，期间不计时；反映人会收到通知。到那天会自动恢复办理。`, () => call('ticket', 'suspend', { ticketId: t.id, reason: reason.trim(), untilDate: until }));
  };
  return (
    <LoopCard title="挂起（暂停办理）" hint="暂时没法办时用：暂停期间不计时，到了日期自动恢复。反映人会看到原因和恢复日期。" submitText="确定挂起" onSubmit={submit} busy={busy} cancel={cancel} problem={problem} className="form-suspend">
      <Text className="field-label">常见原因（点一下填入）</Text>
      <ChoiceButtons className="choice-list" itemClassName="choice" options={COMMON_REASONS.map((r) => ({ value: r, label: r }))} selected={COMMON_REASONS.includes(reason) ? reason : null} onSelect={setReason} />
      <TextBox label="暂停原因" value={reason} max={L.suspendReason.max} min={L.suspendReason.min} placeholder="例如：等供电局答复换电缆的时间" onChange={setReason} reader={LOOP_READERS.reporter} />
      <LoopDateChoice
        label="哪天恢复办理？"
        value={until}
        onChange={setUntil}
        options={[
          { label: '3 天后', days: 3 },
          { label: '一周后', days: 7 },
          { label: '两周后', days: 14 },
        ]}
      />
    </LoopCard>
  );
}
