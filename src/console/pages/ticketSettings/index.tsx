/**
 * 办理时限与常用语 (issue 21, design §2), for a community admin: each category's time limit to handle
 * a problem, in working days (工作日: holidays and 调休 skipped, docs/working-days.md), with − / + buttons;
 * and the community's canned replies (常用语) for 反馈/办结 and for 回访 — add, edit, delete (asked
 * again inside the card). One 保存 sends everything (`ticket.setSettings`); busy and errors shown in
 * the card. When next year's holiday arrangement is not yet known, a line says so.
 * Reached from the home page's 社区管理 card.
 */
import { View, Text, Input } from '@tarojs/components';
import { useState } from 'react';
import type { TicketCategory } from '../../../../cloudfunctions/shared/model';
import { CATEGORY_GROUPS, CATEGORY_LABELS } from '../../../../cloudfunctions/shared/vocabulary/categories';
import { TICKET_LIMITS as L } from '../../../../cloudfunctions/ticket/limits';
import type { CannedReplies, TicketSettingsView } from '../../../../cloudfunctions/ticket/contract';
import { call } from '../../../services/call';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { PeoplePage } from '../../components/PeoplePage';
import './index.css';

export default function TicketSettingsPage() {
  const data = useRemote(() => call('ticket', 'settings'));
  if (data.state === 'loading') return <PeoplePage><LoadingState /></PeoplePage>;
  if (data.state === 'error') return <PeoplePage><ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /></PeoplePage>;
  return (
    <PeoplePage className="ticket-settings">
      <SettingsForm initial={data.data} />
    </PeoplePage>
  );
}

type ListKind = keyof CannedReplies;
const LISTS: { kind: ListKind; title: string; hint: string }[] = [
  { kind: 'feedback', title: '反馈和办结的常用语', hint: '网格员写处理结果、办结说明时点一下就能填上。反映人能看到。' },
  { kind: 'followUp', title: '回访的常用语', hint: '网格员记回访时点一下就能填上（反映人怎么说）。' },
];

function SettingsForm({ initial }: { initial: TicketSettingsView }) {
  const [days, setDays] = useState<Record<TicketCategory, number>>(initial.handleDays);
  const [replies, setReplies] = useState<CannedReplies>(initial.cannedReplies);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const change = () => {
    setSaved(false);
    setError(null);
  };
  const step = (c: TicketCategory, by: number) => {
    change();
    setDays({ ...days, [c]: Math.min(L.handleDays.max, Math.max(L.handleDays.min, days[c] + by)) });
  };
  const save = async () => {
    setBusy(true);
    change();
    const r = await call('ticket', 'setSettings', { handleDays: days, cannedReplies: replies });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setDays(r.data.handleDays);
    setReplies(r.data.cannedReplies);
    setSaved(true);
  };
  const unknown = initial.calendar.filter((c) => !c.covered);
  return (
    <View>
      <View className="card ts-limits">
        <Text className="title">办理时限</Text>
        <Text className="p-line">网格员受理以后，要在几个工作日内处理好。工作日不算周末和法定节假日，调休上班的周六周日算。改了以后，新反映的问题按新的时限；已经反映的问题不变。</Text>
        {unknown.map((c) => (
          <Text key={c.year} className="p-notice ts-calendar">
            {c.year}年放假安排尚未收录：先按周末和法定节假日算，不算调休。
          </Text>
        ))}
        {CATEGORY_GROUPS.map((g) => (
          <View key={g.group}>
            <Text className="p-label">{g.label}</Text>
            {g.categories.map((c) => (
              <View key={c} className="ts-row" data-category={c}>
                <Text className="ts-name">{CATEGORY_LABELS[c]}</Text>
                <View className="ts-stepper">
                  <Button className="ts-minus" size="large" disabled={days[c] <= L.handleDays.min} aria-label={`${CATEGORY_LABELS[c]} 少一天`} onClick={() => step(c, -1)}>
                    −
                  </Button>
                  <Text className="ts-days" aria-live="polite">{days[c]} 个工作日</Text>
                  <Button className="ts-plus" size="large" disabled={days[c] >= L.handleDays.max} aria-label={`${CATEGORY_LABELS[c]} 多一天`} onClick={() => step(c, 1)}>
                    ＋
                  </Button>
                </View>
              </View>
            ))}
          </View>
        ))}
      </View>
      {LISTS.map((l) => (
        <ReplyList key={l.kind} kind={l.kind} title={l.title} hint={l.hint} list={replies[l.kind]} onChange={(list) => { change(); setReplies({ ...replies, [l.kind]: list }); }} />
      ))}
      <View className="card ts-save-card">
        {error ? <Text className="p-notice ts-error" aria-live="assertive">{error}</Text> : null}
        {saved ? <Text className="p-line ts-saved" aria-live="polite">已保存。新反映的问题按新的时限办理，网格员现在就能用这些常用语。</Text> : null}
        <View className="actions">
          <Button type="primary" size="large" block className="ts-save" loading={busy} disabled={busy} onClick={() => void save()}>
            保存
          </Button>
        </View>
      </View>
    </View>
  );
}

/** One list of canned replies: each with 改 and 删 (删 asked again), and a box to add one. */
function ReplyList({ kind, title, hint, list, onChange }: { kind: ListKind; title: string; hint: string; list: string[]; onChange: (list: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const n = [...draft.trim()].length;
  const submit = () => {
    const text = draft.trim();
    if ([...text].length < L.cannedReply.min) return setProblem(`请至少写 ${L.cannedReply.min} 个字`);
    if (list.some((x, i) => x === text && i !== editing)) return setProblem('这句已经有了');
    if (editing === null && list.length >= L.cannedReply.count) return setProblem(`最多 ${L.cannedReply.count} 句，先删掉一句不用的`);
    onChange(editing === null ? [...list, text] : list.map((x, i) => (i === editing ? text : x)));
    setDraft('');
    setEditing(null);
    setProblem(null);
  };
  return (
    <View className={`card ts-replies ts-replies-${kind}`}>
      <Text className="title">{title}</Text>
      <Text className="p-line">{hint}</Text>
      {list.length === 0 ? <Text className="p-line ts-none">还没有常用语。</Text> : null}
      {list.map((text, i) => (
        <View key={`${i}-${text}`} className="ts-reply">
          <Text className="p-line ts-reply-text">{text}</Text>
          {deleting === i ? (
            <InlineConfirm text={<>删掉这句常用语？（点“保存”后生效）</>} yes="删掉" yesClass="ts-confirm-delete" busy={false} onYes={() => { onChange(list.filter((_, j) => j !== i)); setDeleting(null); }} onNo={() => setDeleting(null)} />
          ) : (
            <View className="ts-reply-actions">
              <Button size="large" className="ts-edit" onClick={() => { setEditing(i); setDraft(text); setDeleting(null); setProblem(null); }}>
                改
              </Button>
              <Button size="large" className="ts-delete" onClick={() => { setDeleting(i); setEditing(null); }}>
                删
              </Button>
            </View>
          )}
        </View>
      ))}
      <Text className="p-label">{editing === null ? '加一句常用语' : '改这句常用语'}</Text>
      <Input className="p-input ts-draft" value={draft} maxlength={L.cannedReply.max} placeholder="例如：已联系物业，明天上午清理" aria-label={`${title}：${editing === null ? '加一句' : '改这句'}`} onInput={(e) => { setProblem(null); setDraft(e.detail.value); }} />
      <Text className="p-line ts-count">已写 {n} 字，最多 {L.cannedReply.max} 字</Text>
      {problem ? <Text className="p-notice" aria-live="assertive">{problem}</Text> : null}
      <View className="actions">
        <Button size="large" block className="ts-add" onClick={submit}>
          {editing === null ? '加上' : '改好了'}
        </Button>
        {editing !== null ? (
          <Button size="large" block onClick={() => { setEditing(null); setDraft(''); setProblem(null); }}>
            不改了
          </Button>
        ) : null}
      </View>
    </View>
  );
}
