/**
 * 恢复办理 (issue 21, docs/case-loop-design.md §3): ends a suspension before its date — a question
 * inside the card (InlineConfirm: no pop-up) that says what happens: the clock restarts where it
 * stopped, and the reporter is told. Sends `ticket.resume { ticketId }`; the answer is the ticket
 * with its new deadline.
 */
import { Text, View } from '@tarojs/components';
import { call } from '../../services/call';
import { InlineConfirm } from '../../ui/InlineConfirm';
import { dayText } from '../../ticket/when';
import type { LoopFormProps } from './ActionCard';

export function ResumeForm({ t, busy, run, cancel }: LoopFormProps) {
  const s = t.suspension;
  const yes = () => void run('已恢复办理：重新开始计时，反映人会收到通知。', () => call('ticket', 'resume', { ticketId: t.id }));
  return (
    <View className="card action-card form-resume">
      <Text className="subtitle">恢复办理</Text>
      {s ? <Text className="ticket-hint">现在暂停到 {dayText(s.untilDate)}（{s.reason}）。恢复后接着计时，期限顺延暂停的工作日。</Text> : null}
      <InlineConfirm text="确定现在恢复办理吗？" yes="确定恢复办理" yesClass="confirm-resume" primary busy={busy} onYes={yes} onNo={cancel} no="不做了，返回" />
    </View>
  );
}
