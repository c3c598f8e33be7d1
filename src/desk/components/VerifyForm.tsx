/**
 * 核查 (issue 21, docs/case-loop-design.md §3): before a handled community problem is closed,
 * someone other than its handler (an admin, or another grid worker of the community) checks on site:
 * 通过 or 不通过, a note (required when it fails: the handler reads why and works it again — 重办),
 * and up to 3 after-photos (uploaded at once into the checker's own folder, `PhotoPicker`; the
 * checker's user id comes from `account.me`). Sends `ticket.verify { ticketId, passed, note,
 * photos }`; the answer is the ticket: passed, it may be closed; failed, it is back 办理中.
 */
import { Text } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../../services/call';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { Loading } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import { PhotoPicker, type Photo } from '../../ticket/components/PhotoPicker';
import { charCount, TextBox } from '../../ticket/components/TextBox';
import { TICKET_LIMITS as L } from '../../../cloudfunctions/ticket/limits';
import { LOOP_READERS, LoopCard, type LoopFormProps, useFormProblem } from './ActionCard';

export function VerifyForm({ t, busy, run, cancel }: LoopFormProps) {
  const [problem, formError, clear] = useFormProblem();
  const me = useRemote(() => call('account', 'me'));
  const [passed, setPassed] = useState<'yes' | 'no' | null>(null);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const submit = () => {
    if (!passed) return formError('请先选：核查通过，或不通过');
    if (passed === 'no' && charCount(note) < L.verifyNote.failedMin) return formError(`请写下哪里没办好（至少 ${L.verifyNote.failedMin} 个字），办理人要照着重新办`);
    const input = { ticketId: t.id, passed: passed === 'yes', note: note.trim(), photos: photos.map((p) => p.fileID) };
    clear();
    void run(
      passed === 'yes' ? (t.reporter || t.reporterHidden ? '核查通过。下一步：回访反映人，然后办结。' : '核查通过。下一步：办结。') : '核查不通过：已退回重办，办理人会看到您写的原因。',
      () => call('ticket', 'verify', input),
    );
  };
  const userId = me.state === 'ok' && me.data.registered ? me.data.user.id : null;
  return (
    <LoopCard
      title="核查"
      hint="到现场看看问题是不是真的解决了，拍几张现在的照片。核查的人不能是办理的人。"
      submitText={passed === 'no' ? '确定不通过，退回重办' : passed === 'yes' ? '确定核查通过' : '保存核查结果'}
      onSubmit={submit}
      busy={busy}
      cancel={cancel}
      problem={problem}
      className="form-verify"
    >
      <Text className="field-label">核查结果</Text>
      <ChoiceButtons
        className="choice-grid"
        itemClassName="choice"
        options={[
          { value: 'yes', label: '通过' },
          { value: 'no', label: '不通过' },
        ]}
        selected={passed}
        onSelect={(v) => setPassed(v as 'yes' | 'no')}
      />
      {passed === 'no' ? <Text className="ticket-hint">不通过：问题退回办理人重新办（重办），期限重新计算。</Text> : null}
      <TextBox
        label={passed === 'no' ? '哪里没办好（必填）' : '核查情况（可以不写）'}
        value={note}
        max={L.verifyNote.max}
        min={passed === 'no' ? L.verifyNote.failedMin : 0}
        placeholder={passed === 'no' ? '例如：楼顶还剩两个鸽笼没拆' : '例如：鸽笼已全部拆除，楼顶已清扫'}
        onChange={setNote}
        reader={LOOP_READERS.reporter}
      />
      {me.state === 'loading' ? <Loading type="spinner" /> : null}
      {me.state === 'error' ? <Text className="notice">{me.error.message}</Text> : null}
      {userId ? <PhotoPicker userId={userId} photos={photos} onChange={setPhotos} max={L.verifyPhotos} label={`现场照片（可以不拍，最多 ${L.verifyPhotos} 张）`} /> : null}
    </LoopCard>
  );
}
