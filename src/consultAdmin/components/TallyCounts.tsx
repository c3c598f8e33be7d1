/**
 * The counts of one building's paper sheets (纸质票计票, step 2): a number per option, 空白票 and 废票,
 * the sum checked against the rooms claimed as it is typed (`tallySum`: the function's
 * `CONSULT.TALLY_MISMATCH` rule, so staff see the mismatch before sending), and at least one photo of
 * the sheets (`CONSULT.PHOTO_REQUIRED`). 保存计票结果 sends `onSubmit({counts, blank, invalid})` only
 * when the sum matches and a photo is there; `error` is the function's refusal, shown under the button.
 * Props: `options` ({key, label}), `rooms` (sheets claimed), `photos` (how many uploaded), `busy`, `error`.
 */
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../ui/nutui';
import { tallySum } from '../labels';

export interface TallyNumbers {
  counts: Record<string, number>;
  blank: number;
  invalid: number;
}

const MAX_DIGITS = 5;

export function TallyCounts({ options, rooms, photos, busy, error, onSubmit, initial }: { options: { key: string; label: string }[]; rooms: number; photos: number; busy: boolean; error: string | null; onSubmit: (n: TallyNumbers) => void; initial?: TallyNumbers | null }) {
  const [counts, setCounts] = useState<Record<string, string>>(() => Object.fromEntries(options.map((o) => [o.key, initial ? String(initial.counts[o.key] ?? 0) : ''])));
  const [blank, setBlank] = useState(initial ? String(initial.blank) : '');
  const [invalid, setInvalid] = useState(initial ? String(initial.invalid) : '');
  const [tried, setTried] = useState(false);
  const sum = tallySum(counts, blank, invalid, rooms);
  const typed = tried || [...Object.values(counts), blank, invalid].some((v) => v.trim() !== '');
  const num = (v: string) => (v.trim() === '' ? 0 : Number(v.trim()));
  const submit = () => {
    setTried(true);
    if (!sum.ok || photos < 1) return;
    onSubmit({ counts: Object.fromEntries(options.map((o) => [o.key, num(counts[o.key] ?? '')])), blank: num(blank), invalid: num(invalid) });
  };
  const row = (key: string, label: string, value: string, set: (v: string) => void) => (
    <View key={key} className={`ca-count-row count-${key}`}>
      <Text className="ca-count-label">{label}</Text>
      <Input className="v-input" type="number" value={value} maxlength={MAX_DIGITS} placeholder="0" aria-label={`${label}的张数`} onInput={(e) => set(e.detail.value)} />
    </View>
  );
  return (
    <View className="ca-tally-counts">
      <Text className="field-label">数一数每种票有几张（收回 {rooms} 户的票）</Text>
      {options.map((o) => row(o.key, o.label, counts[o.key] ?? '', (v) => setCounts({ ...counts, [o.key]: v })))}
      {row('blank', '空白票（没有填）', blank, setBlank)}
      {row('invalid', '废票（填不清、多选）', invalid, setInvalid)}
      {typed ? (
        <Text className={`ca-sum ${sum.ok ? 'ca-sum-ok' : 'ca-sum-off'}`} aria-live="polite">
          {sum.text}
        </Text>
      ) : null}
      {tried && photos < 1 ? (
        <Text className="v-notice tally-photo-needed" aria-live="assertive">
          请先拍一张纸质票的照片（至少 1 张），留作凭证。
        </Text>
      ) : null}
      {error ? (
        <Text className="v-notice tally-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="save-tally" loading={busy} disabled={busy} onClick={submit}>
          保存计票结果
        </Button>
      </View>
    </View>
  );
}
