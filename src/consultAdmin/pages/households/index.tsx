/**
 * 户数登记 (community admins; `?estateId=` opens one estate): how many households (rooms) each
 * building of an estate has — the electorate of the topics that estate votes on (民法典 第二百七十八条
 * topics need it: ⅔ of the households must take part). One number per building, saved together
 * (`consult.setHouseholds`); 0 takes a building out of the register. Topics already created keep the
 * electorate they were created with. Grid workers read it (the function answers `households` to staff).
 */
import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/call';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import type { HouseholdRegisterView } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import '../../../stall/stall.css';
import '../../consultAdmin.css';

export default function HouseholdsPage() {
  const wanted = decodeURIComponent(useRouter().params.estateId ?? '');
  const reg = useRemote(() => call('consult', 'households', {}));
  const [estateId, setEstateId] = useState<string | null>(wanted || null);
  const list = reg.state === 'ok' ? reg.data : [];
  const chosen = list.find((e) => e.estateId === estateId) ?? list[0] ?? null;
  return (
    <Page className="vendor-page consult-admin households-page">
      <View className="card">
        <Text className="title">户数登记</Text>
        <Text className="muted">每栋楼有多少户（按房间算，一套房一户）。按民法典表决的议题要用它算“三分之二以上的户参与”。</Text>
        {list.length > 1 ? <ChoiceButtons options={list.map((e) => ({ value: e.estateId, label: e.estateName }))} selected={chosen?.estateId ?? null} onSelect={setEstateId} className="choice-grid households-estates" itemClassName="choice choice-wide" /> : null}
      </View>
      {reg.state === 'loading' ? <LoadingState /> : null}
      {reg.state === 'error' ? <ErrorState message={reg.error.message} code={reg.error.code} onRetry={reg.reload} /> : null}
      {reg.state === 'ok' && !chosen ? <EmptyState text="这个社区还没有小区。" /> : null}
      {chosen ? <Register key={chosen.estateId} r={chosen} onSaved={reg.reload} /> : null}
    </Page>
  );
}

function Register({ r, onSaved }: { r: HouseholdRegisterView; onSaved: () => void }) {
  const [counts, setCounts] = useState<Record<string, string>>(() => Object.fromEntries(r.buildings.map((b) => [b.building, b.households == null ? '' : String(b.households)])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const save = async () => {
    if (busy) return;
    const rows = r.buildings.filter((b) => counts[b.building]?.trim() !== '');
    const bad = rows.find((b) => {
      const n = Number(counts[b.building].trim());
      return !Number.isInteger(n) || n < 0 || n > L.buildingHouseholds;
    });
    if (bad) return setError(`${bad.building} 的户数请写 0 到 ${L.buildingHouseholds} 之间的整数`);
    if (!rows.length) return setError('请至少填一栋楼的户数');
    setBusy(true);
    setError(null);
    setDone(null);
    const res = await call('consult', 'setHouseholds', { estateId: r.estateId, households: rows.map((b) => ({ building: b.building, count: Number(counts[b.building].trim()) })) });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setDone(`已保存：${res.data.estateName} 共 ${res.data.total} 户${res.data.complete ? '' : '（还有楼栋没填）'}。`);
    onSaved();
  };
  return (
    <View className="card households-card">
      <Text className="subtitle">
        {r.estateName}：共 {r.total} 户{r.complete ? '' : '（还有楼栋没填）'}
      </Text>
      {r.buildings.map((b) => (
        <View key={b.building} className="ca-count-row household-row" data-building={b.building}>
          <Text className="ca-count-label">{b.building}</Text>
          <Input className="v-input" type="number" value={counts[b.building] ?? ''} maxlength={String(L.buildingHouseholds).length} placeholder="户数" aria-label={`${b.building}的户数`} onInput={(e) => setCounts({ ...counts, [b.building]: e.detail.value })} />
        </View>
      ))}
      {error ? (
        <Text className="v-notice households-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      {done ? (
        <Text className="notice-ok households-done" aria-live="polite">
          {done}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="save-households" loading={busy} disabled={busy} onClick={save}>
          保存户数
        </Button>
      </View>
    </View>
  );
}
