/**
 * 记录会上的意见 (in 会议记录): several opinions given at a meeting, typed one under another — what was
 * said, where (optional), who said it (a name only: a speaker need not be a registered resident) —
 * and sent together (`consult.recordOpinions`), each with its own requestId kept until it is saved,
 * so a retry after a lost answer records none twice. Then each saved one links to its page.
 * Limits: `CONSULT_LIMITS` (opinionText, opinionPlace, giverName, opinionsPerRecord).
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../services/call';
import { newRequestId } from '../../services/cloud';
import { Button } from '../../ui/nutui';
import { CONSULT_LIMITS as L } from '../../../cloudfunctions/consult/limits';
import type { StaffOpinionView } from '../../../cloudfunctions/consult/contract';
import { CONSULT_ADMIN_URLS, charCount } from '../labels';

interface Row {
  text: string;
  place: string;
  name: string;
  requestId: string;
}

const blank = (): Row => ({ text: '', place: '', name: '', requestId: newRequestId() });

export function RecordOpinions({ meetingId }: { meetingId: string }) {
  const [rows, setRows] = useState<Row[]>([blank()]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<StaffOpinionView[]>([]);
  const change = (i: number, patch: Partial<Row>) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
    setError(null);
  };
  const send = async () => {
    if (busy) return;
    const filled = rows.filter((r) => r.text.trim());
    if (!filled.length) return setError('请先写下居民提的意见');
    const short = filled.findIndex((r) => charCount(r.text) < L.opinionText.min);
    if (short >= 0) return setError(`第 ${rows.indexOf(filled[short]) + 1} 条意见太短了（至少 ${L.opinionText.min} 个字）`);
    const noName = filled.findIndex((r) => charCount(r.name) < L.giverName.min);
    if (noName >= 0) return setError(`第 ${rows.indexOf(filled[noName]) + 1} 条请写上是谁提的（比如：3号楼 张大姐）`);
    setBusy(true);
    setError(null);
    const r = await call('consult', 'recordOpinions', {
      meetingId,
      opinions: filled.map((o) => ({ text: o.text.trim(), ...(o.place.trim() ? { place: o.place.trim() } : {}), giver: { name: o.name.trim() }, requestId: o.requestId })),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setSaved([...saved, ...r.data]);
    setRows([blank()]);
  };
  return (
    <View className="card record-opinions">
      <Text className="subtitle">记录会上的意见</Text>
      <Text className="muted">居民在会上提的意见建议，记下来，社区会跟进到有结果。可以一次记好几条。</Text>
      {rows.map((row, i) => (
        // eslint-disable-next-line react/no-array-index-key
        <View key={i} className={`ca-opinion opinion-row-${i}`}>
          <Text className="field-label">第 {i + 1} 条</Text>
          <Textarea className="ca-textarea opinion-text" value={row.text} maxlength={L.opinionText.max} autoHeight placeholder="比如：3号楼前的路灯坏了一个月" aria-label={`第 ${i + 1} 条意见`} onInput={(e) => change(i, { text: e.detail.value })} />
          <Input className="v-input opinion-giver" value={row.name} maxlength={L.giverName.max} placeholder="谁提的：比如 3号楼 张大姐" aria-label={`第 ${i + 1} 条是谁提的`} onInput={(e) => change(i, { name: e.detail.value })} />
          <Input className="v-input opinion-place" value={row.place} maxlength={L.opinionPlace.max} placeholder="在哪儿（可以不填）" aria-label={`第 ${i + 1} 条的地点`} onInput={(e) => change(i, { place: e.detail.value })} />
        </View>
      ))}
      {error ? (
        <Text className="v-notice opinions-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      <View className="actions">
        {rows.length < L.opinionsPerRecord ? (
          <Button size="large" block className="add-opinion" onClick={() => setRows([...rows, blank()])}>
            再加一条
          </Button>
        ) : null}
        <Button type="primary" size="large" block className="save-opinions" loading={busy} disabled={busy} onClick={send}>
          保存这些意见
        </Button>
      </View>
      {saved.length ? (
        <View className="notice-ok opinions-saved" aria-live="polite">
          <Text className="ca-block">已记录 {saved.length} 条意见：</Text>
          {saved.map((o) => (
            <Text key={o.id} className="ca-block v-link saved-opinion" onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.opinionDetail(o.id) })}>
              {o.giver.name}：{o.text.length > 20 ? `${o.text.slice(0, 20)}…` : o.text} ›
            </Text>
          ))}
        </View>
      ) : null}
    </View>
  );
}
