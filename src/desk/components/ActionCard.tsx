/**
 * The frame of the desk's case-loop forms (issue 21: 申请延期, 审批延期, 挂起, 恢复办理, 核查), the same as
 * the detail page's own action cards (`desk/pages/detail`): a card with its title, an optional hint,
 * the fields, the one button that does it (busy while its call runs) and 不做了，返回.
 *
 * `LoopFormProps` is what the detail page hands every form: the ticket (`t`), `busy`, `run(doneText,
 * act, after?)` (runs one call whose answer is the ticket as it now stands; the page shows `doneText`
 * or the error's Chinese message at its top), `formError(message)` (unused here: these forms say what
 * their own check found in the card, {@link useFormProblem}) and `cancel`.
 */
import { View, Text } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { CallResult } from '../../services/cloud';
import type { StaffTicketView } from '../../ticket/api';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { Button } from '../../ui/nutui';
import { LineBox } from '../../ticket/components/TextBox';
import { localDate } from '../../ticket/when';

export interface LoopFormProps {
  t: StaffTicketView;
  busy: boolean;
  run: (doneText: string, act: () => Promise<CallResult<StaffTicketView>>, after?: (t: StaffTicketView) => void) => Promise<void>;
  formError: (message: string) => void;
  cancel: () => void;
}

/** Who reads what staff type (the ticket's audiences, cloudfunctions/shared/tickets/audience.ts). */
export const LOOP_READERS = {
  reporter: '反映人会看到这段话（一起反映的邻居也能看到）',
  staff: '只有工作人员能看到，反映人看不到',
} as const;

/**
 * What a form's own check found wrong (e.g. 请写下不批准的原因), shown in its card just above its button —
 * where the person is looking, not at the top of a long page: `[problem, fail(message), clear()]`.
 */
export function useFormProblem(): [string | null, (message: string) => void, () => void] {
  const [problem, setProblem] = useState<string | null>(null);
  return [problem, setProblem, () => setProblem(null)];
}

/**
 * An action's card: title, hint, fields, what its own check found wrong (`problem`), the button that
 * does it and 不做了，返回.
 */
export function LoopCard({ title, hint, submitText, onSubmit, busy, cancel, children, className, problem }: { title: string; hint?: string; submitText: string; onSubmit: () => void; busy: boolean; cancel: () => void; children?: ReactNode; className?: string; problem?: string | null }) {
  return (
    <View className={`card action-card${className ? ` ${className}` : ''}`}>
      <Text className="subtitle">{title}</Text>
      {hint ? <Text className="ticket-hint">{hint}</Text> : null}
      {children}
      {problem ? (
        <Text className="notice form-problem" aria-live="assertive">
          {problem}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={onSubmit}>
          {submitText}
        </Button>
        <Button size="large" block disabled={busy} onClick={cancel}>
          不做了，返回
        </Button>
      </View>
    </View>
  );
}

/**
 * A date (local `YYYY-MM-DD`): a few quick choices (`days` from today, or a date `date` itself) and
 * the date written out (年-月-日).
 */
export function LoopDateChoice({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: { label: string; days?: number; date?: string }[] }) {
  const opts = options.map((o) => ({ value: o.date ?? localDate(o.days ?? 0), label: o.label }));
  return (
    <View>
      <Text className="field-label">{label}</Text>
      <ChoiceButtons className="choice-grid" itemClassName="choice" options={opts} selected={opts.some((o) => o.value === value) ? value : null} onSelect={onChange} />
      <LineBox label="或写日期（年-月-日）" value={value} max={10} placeholder={localDate()} onChange={onChange} />
    </View>
  );
}
