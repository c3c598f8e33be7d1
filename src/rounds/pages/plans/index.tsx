/**
 * 走访计划 (community admins): how often each kind of household is visited — every household
 * (`default`) and each 关爱对象 tag, in days (`ROUNDS_LIMITS.visitEveryDays`), the shortest that applies
 * wins (`rounds.visitPlans` / `rounds.setVisitPlans`). A tag left empty follows the default. Provincial
 * 探访关爱 rules visit 独居老人 weekly; the defaults are every 90 days and 独居老人 every 7.
 */
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../../../services/call';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { ROUNDS_LIMITS as L } from '../../../../cloudfunctions/rounds/limits';
import { CARE_TAGS, CARE_TAG_LABELS } from '../../../../cloudfunctions/shared/vocabulary/rounds';
import type { CareTag, VisitPlansView } from '../../api';
import { RoundsError, RoundsPage } from '../../components/RoundsPage';

type Row = CareTag | 'default';
const ROWS: { key: Row; label: string }[] = [{ key: 'default', label: '所有住户' }, ...CARE_TAGS.map((t) => ({ key: t as Row, label: CARE_TAG_LABELS[t] }))];

export default function PlansPage() {
  const plans = useRemote(() => call('rounds', 'visitPlans'));
  return (
    <RoundsPage className="rounds-plans">
      {plans.state === 'loading' ? <LoadingState /> : null}
      {plans.state === 'error' ? <RoundsError error={plans.error} onRetry={plans.reload} /> : null}
      {plans.state === 'ok' ? <PlansForm v={plans.data} /> : null}
    </RoundsPage>
  );
}

function PlansForm({ v }: { v: VisitPlansView }) {
  const stored = v.visitEveryDays as Partial<Record<Row, number>>;
  const [days, setDays] = useState<Record<Row, string>>(() => Object.fromEntries(ROWS.map((r) => [r.key, stored[r.key] == null ? '' : String(stored[r.key])])) as Record<Row, string>);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = async () => {
    if (busy) return;
    const bad = ROWS.find((r) => {
      const s = days[r.key].trim();
      if (!s) return r.key === 'default';
      const n = Number(s);
      return !Number.isInteger(n) || n < L.visitEveryDays.min || n > L.visitEveryDays.max;
    });
    if (bad) return setError(`${bad.label}：请写 ${L.visitEveryDays.min} 到 ${L.visitEveryDays.max} 之间的天数`);
    const plan: Record<string, number> = {};
    for (const r of ROWS) if (days[r.key].trim()) plan[r.key] = Number(days[r.key].trim());
    setBusy(true);
    setError(null);
    setDone(null);
    const res = await call('rounds', 'setVisitPlans', { visitEveryDays: plan as { default: number } & Partial<Record<CareTag, number>> });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setDone(`已保存：所有住户每 ${res.data.effective.default} 天走访一次，${CARE_TAGS.map((t) => `${CARE_TAG_LABELS[t]} ${res.data.effective[t]} 天`).join('，')}。`);
  };
  return (
    <View className="card plans-card">
      <Text className="title">走访计划</Text>
      <Text className="muted">每类住户隔几天走访一次。一户有几个标记时，按最短的算；不填的标记跟“所有住户”一样。</Text>
      {v.isDefault ? <Text className="r-line plans-default">现在用的是默认计划：所有住户 90 天，独居老人 7 天。</Text> : null}
      {ROWS.map((r) => (
        <View key={r.key} className={`r-plan-row plan-${r.key}`}>
          <Text className="r-plan-label">{r.label}</Text>
          <Input className="v-input plan-days" type="number" value={days[r.key]} maxlength={3} placeholder={r.key === 'default' ? '天数' : `${v.effective[r.key]}`} aria-label={`${r.label}隔几天走访`} onInput={(e) => { setDays({ ...days, [r.key]: e.detail.value }); setDone(null); }} />
          <Text className="r-plan-unit">天一次</Text>
        </View>
      ))}
      {error ? (
        <Text className="v-notice plans-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      {done ? (
        <Text className="notice-ok plans-done" aria-live="polite">
          {done}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="save-plans" loading={busy} disabled={busy} onClick={save}>
          保存走访计划
        </Button>
      </View>
    </View>
  );
}
