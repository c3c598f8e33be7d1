/**
 * 审批延期 (issue 21, docs/case-loop-design.md §3): a community admin answers the assignee's waiting
 * request — what was asked (the new date, why, by whom) and two ways: 批准延期 (the deadline moves to
 * the end of that date, the ticket counts as deferred, the reporter is told the new date) or 不批准
 * (a reason is required; the assignee reads it). Sends `ticket.decideExtension { ticketId, approve,
 * reason? }`; the answer is the ticket as it now stands.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../../services/call';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { charCount, TextBox } from '../../ticket/components/TextBox';
import { dayText, localDateOf, whenText } from '../../ticket/when';
import { TICKET_LIMITS as L } from '../../../cloudfunctions/ticket/limits';
import { LOOP_READERS, LoopCard, type LoopFormProps, useFormProblem } from './ActionCard';

export function DecideExtensionForm({ t, busy, run, cancel }: LoopFormProps) {
  const [problem, formError, clear] = useFormProblem();
  const [answer, setAnswer] = useState<'approve' | 'decline' | null>(null);
  const [reason, setReason] = useState('');
  const x = t.extension;
  if (!x || x.status !== 'requested') return null;
  const submit = () => {
    if (!answer) return formError('请先选：批准延期，或不批准');
    if (answer === 'approve') {
      clear();
    void run(`已批准延期：期限改到 ${dayText(x.untilDate)}，反映人会收到新的办结日期。`, () => call('ticket', 'decideExtension', { ticketId: t.id, approve: true }));
      return;
    }
    if (charCount(reason) < L.extensionReason.min) return formError(`请写下不批准的原因（至少 ${L.extensionReason.min} 个字），网格员会看到`);
    clear();
    void run('已不批准延期：还按原来的期限办，网格员会看到您写的原因。', () => call('ticket', 'decideExtension', { ticketId: t.id, approve: false, reason: reason.trim() }));
  };
  return (
    <LoopCard title="审批延期" submitText={answer === 'decline' ? '确定不批准' : answer === 'approve' ? `确定批准，延到 ${dayText(x.untilDate)}` : '确定'} onSubmit={submit} busy={busy} cancel={cancel} problem={problem} className="form-decide-extension">
      <View className="loop-request">
        <Text className="ticket-line">申请人：{x.byName}（{whenText(x.at)}）</Text>
        <Text className="ticket-line">原来的期限：{t.dueAt ? dayText(localDateOf(t.dueAt)) : '—'}</Text>
        <Text className="ticket-line loop-strong">申请延到：{dayText(x.untilDate)}</Text>
        <Text className="ticket-text">{x.reason}</Text>
      </View>
      <Text className="field-label">您的决定</Text>
      <ChoiceButtons
        className="choice-grid"
        itemClassName="choice"
        options={[
          { value: 'approve', label: '批准延期' },
          { value: 'decline', label: '不批准' },
        ]}
        selected={answer}
        onSelect={(v) => setAnswer(v as 'approve' | 'decline')}
      />
      {answer === 'approve' ? <Text className="ticket-hint">批准后期限改到 {dayText(x.untilDate)}，这件事算作延期办结，不算超时；反映人会收到新的日期。</Text> : null}
      {answer === 'decline' ? <TextBox label="不批准的原因" value={reason} max={L.extensionReason.max} min={L.extensionReason.min} placeholder="例如：请先联系物业，三天内能办好" onChange={setReason} reader={LOOP_READERS.staff} /> : null}
    </LoopCard>
  );
}
