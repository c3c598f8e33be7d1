/**
 * 集市设置 (community admins): the market's name, weekday, hours, place and how many weeks ahead
 * residents can book; the market days already created (which keep their own time and place: people
 * booked them), each with 这天的安排 (a service that cannot come that day, or the whole day called
 * off: `components/DayClosures.tsx`); the way to the service catalogue; and the stall plan (count, labels, in use or
 * not — turning a stall off asks first).
 */
import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { call } from '../../../services/call';
import type { CallError } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button, Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { DayClosures } from '../../components/DayClosures';
import { adminErrorText, MARKET_ADMIN_URLS, MARKET_LIMITS, toldText, WEEKDAYS, type AdminDayView, type DayCancelResult, type MarketAdminView, type MarketSettings, type SettingsUpdateResult, type StallAdminView } from '../../api';
import '../../../stall/stall.css';
import '../../marketAdmin.css';

/** The weeks ahead an admin can choose (`MARKET_LIMITS.horizonWeeks`: 1–8). */
const HORIZONS = Array.from({ length: MARKET_LIMITS.horizonWeeks.max - MARKET_LIMITS.horizonWeeks.min + 1 }, (_, i) => MARKET_LIMITS.horizonWeeks.min + i);

export default function MarketSettingsPage() {
  const view = useRemote(() => call('market', 'marketSettings'));
  useReloadOnReturn(view.reload);
  return (
    <Page className="vendor-page market-admin">
      {view.state === 'loading' ? <LoadingState /> : null}
      {view.state === 'error' ? <ErrorState message={view.error.message} code={view.error.code} onRetry={view.reload} /> : null}
      {view.state === 'ok' ? <Settings view={view.data} onSaved={view.reload} /> : null}
      {view.state === 'ok' ? <Days view={view.data} onChanged={view.reload} /> : null}
      {view.state === 'ok' ? (
        <View className="card">
          <Text className="subtitle">服务项目和名额</Text>
          <Text className="muted">{view.data.services.filter((s) => s.active).length} 个服务在用。改名额会同时改到已经排好的集市日。</Text>
          <View className="actions">
            <Button size="large" block className="to-services" onClick={() => Taro.navigateTo({ url: MARKET_ADMIN_URLS.services })}>
              管理服务项目
            </Button>
          </View>
        </View>
      ) : null}
      {view.state === 'ok' ? <StallPlan stalls={view.data.stalls} onSaved={view.reload} /> : null}
    </Page>
  );
}

/** The settings form. */
function Settings({ view, onSaved }: { view: MarketAdminView; onSaved: () => void }) {
  const start = view.market ?? view.defaults;
  const [s, setS] = useState<MarketSettings>(start);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<SettingsUpdateResult | null>(null);
  const set = (patch: Partial<MarketSettings>) => {
    setS({ ...s, ...patch });
    setDone(null);
  };
  const save = async () => {
    if (busy) return;
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(s.start) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(s.end)) return setError('时间请写成 10:00 这样（24 小时制）');
    if (s.start >= s.end) return setError('结束时间要晚于开始时间');
    setBusy(true);
    setError(null);
    const r = await call('market', 'updateMarketSettings', s);
    setBusy(false);
    if (!r.ok) return setError(adminErrorText(r.error));
    setDone(r.data);
    onSaved();
  };
  return (
    <View className="card settings-card">
      <Text className="title">{view.communityName}的集市</Text>
      {view.market ? null : <Text className="v-notice">这个社区还没有集市。填好下面的设置并保存，就开始办集市了。</Text>}
      <Text className="muted">改了的设置从新排的集市日开始用；已经排好的集市日保持原来的时间和地点，因为居民已经按它预约了。</Text>
      <Text className="field-label">集市名称</Text>
      <Input className="v-input" value={s.name} maxlength={MARKET_LIMITS.marketName.max} placeholder="比如：解忧集市" aria-label="集市名称" onInput={(e) => set({ name: e.detail.value })} />
      <Text className="field-label">每周哪一天</Text>
      <ChoiceButtons options={WEEKDAYS.map((w, i) => ({ value: String(i + 1), label: w }))} selected={String(s.weekday)} onSelect={(v) => set({ weekday: Number(v) })} className="choice-grid weekday-choices" itemClassName="choice" />
      <View className="ma-times">
        <View className="ma-time">
          <Text className="field-label">开始</Text>
          <Input className="v-input ma-start" value={s.start} maxlength={5} placeholder="10:00" aria-label="开始时间" onInput={(e) => set({ start: e.detail.value.trim() })} />
        </View>
        <View className="ma-time">
          <Text className="field-label">结束</Text>
          <Input className="v-input ma-end" value={s.end} maxlength={5} placeholder="13:00" aria-label="结束时间" onInput={(e) => set({ end: e.detail.value.trim() })} />
        </View>
      </View>
      <Text className="field-label">地点</Text>
      <Input className="v-input ma-place" value={s.place} maxlength={MARKET_LIMITS.place.max} placeholder="比如：小区门口广场" aria-label="地点" onInput={(e) => set({ place: e.detail.value })} />
      <Text className="field-label">提前几周可以预约</Text>
      <ChoiceButtons options={HORIZONS.map((n) => ({ value: String(n), label: `${n} 周` }))} selected={String(s.horizonWeeks)} onSelect={(v) => set({ horizonWeeks: Number(v) })} className="choice-grid horizon-choices" itemClassName="choice" />
      {error ? <Text className="v-notice" aria-live="assertive">{error}</Text> : null}
      {done ? <SavedNotice done={done} /> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="save-settings" loading={busy} disabled={busy} onClick={save}>
          {view.market ? '保存设置' : '开始办集市'}
        </Button>
      </View>
    </View>
  );
}

/** What a save did: which days keep the old settings, which were created with the new ones. */
function SavedNotice({ done }: { done: SettingsUpdateResult }) {
  const kept = done.keptDays;
  return (
    <View className="notice-ok settings-done" aria-live="polite">
      <Text className="ma-block">{done.started ? '集市开始了。' : '已保存。'}</Text>
      {kept.length ? <Text className="ma-block">已经排好的 {kept.length} 个集市日（{kept.map((d) => d.dateLabel).join('、')}）保持原来的时间和地点。</Text> : null}
      {done.createdDays.length ? <Text className="ma-block">按新设置排好了：{done.createdDays.map((d) => d.dateLabel).join('、')}。</Text> : null}
      {!kept.length && !done.createdDays.length ? <Text className="ma-block">新设置从下一个新排的集市日开始用。</Text> : null}
    </View>
  );
}

/**
 * The market days already created; each opens 这天的安排… (`DayClosures`): a service that cannot
 * come that day, or the whole day called off. A cancelled day leaves the list; what it did stays
 * said above the list.
 */
function Days({ view, onChanged }: { view: MarketAdminView; onChanged: () => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);
  if (!view.market) return null;
  const onCancelled = (d: AdminDayView, r: DayCancelResult, reason: string) => {
    const parts = [`${d.dateLabel}的集市已取消（${reason}）。`];
    parts.push(r.bookingsCancelled ? `取消了 ${r.bookingsCancelled} 个预约，${toldText(r.residentsTold, r.residentsByWeChat, '居民')}。` : '这天没有居民预约。');
    if (r.stallsReleased) parts.push(`${r.stallsReleased} 个摊位已释放，${toldText(r.vendorsTold, r.vendorsByWeChat, '摊主')}。`);
    setCancelled(parts.join(''));
    setOpen(null);
    onChanged();
  };
  return (
    <View className="card days-card">
      <Text className="subtitle">已经排好的集市日</Text>
      <Text className="muted">某个服务这天来不了，或者整天不办了（比如天气不好），点那天的“这天的安排”。</Text>
      {cancelled ? <Text className="notice-ok day-cancelled" aria-live="polite">{cancelled}</Text> : null}
      {view.days.length === 0 ? <Text className="muted">还没有排好的集市日。</Text> : null}
      {view.days.map((d) => (
        <View key={d.id} className="ma-day" data-day={d.date}>
          <View className="name-line">
            <Text className="v-line ma-day-date">{d.dateLabel} {d.start}–{d.end}</Text>
            {d.keepsOldSettings ? <Tag type="warning">按原设置</Tag> : null}
          </View>
          <Text className="muted ma-day-place">{d.place}</Text>
          {open === d.id ? (
            <DayClosures day={d} onCancelled={onCancelled} />
          ) : (
            <View className="actions">
              <Button size="large" block className="day-manage" onClick={() => { setOpen(d.id); setCancelled(null); }}>
                这天的安排…
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}

interface StallRow {
  number: number;
  label: string;
  active: boolean;
  heldOn: string[];
}

/** The stall plan: labels, in use or not, more stalls; saved as a whole. */
function StallPlan({ stalls, onSaved }: { stalls: StallAdminView[]; onSaved: () => void }) {
  const [rows, setRows] = useState<StallRow[]>(stalls);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => setRows(stalls), [stalls]);
  const change = (n: number, patch: Partial<StallRow>) => {
    setRows(rows.map((r) => (r.number === n ? { ...r, ...patch } : r)));
    setDone(false);
  };
  const add = () => {
    const n = rows.reduce((m, r) => Math.max(m, r.number), 0) + 1;
    setRows([...rows, { number: n, label: `${n}号摊位`, active: true, heldOn: [] }]);
    setDone(false);
  };
  const save = async () => {
    if (busy) return;
    if (rows.some((r) => !r.label.trim())) return setError('每个摊位都要有名字');
    setBusy(true);
    setError(null);
    const r = await call('market', 'setStallPlan', { stalls: rows.map((x) => ({ number: x.number, label: x.label.trim(), active: x.active })) });
    setBusy(false);
    if (!r.ok) return setError(adminErrorText(r.error as CallError));
    setDone(true);
    onSaved();
  };
  return (
    <View className="card stall-plan">
      <Text className="subtitle">摊位安排（{rows.filter((r) => r.active).length} 个在用）</Text>
      <Text className="muted">摊主申请摊位时从在用的摊位里分。已经安排给摊主的摊位不能停用。</Text>
      {rows.length === 0 ? <Text className="muted">还没有摊位，点“加一个摊位”。</Text> : null}
      {rows.map((r) => (
        <View key={r.number} className={`ma-stall ${r.active ? '' : 'ma-stall-off'}`} data-stall={r.number}>
          <View className="name-line">
            <Text className="v-line">{r.number}号</Text>
            {r.active ? <Tag type="success">在用</Tag> : <Tag>停用</Tag>}
            {r.heldOn.length ? <Tag type="warning">有摊主</Tag> : null}
          </View>
          <Input className="v-input" value={r.label} maxlength={MARKET_LIMITS.stallLabel.max} placeholder={`${r.number}号摊位`} aria-label={`${r.number}号摊位的名字`} onInput={(e) => change(r.number, { label: e.detail.value })} />
          {r.heldOn.length ? <Text className="muted">已安排：{r.heldOn.join('、')}</Text> : null}
          {confirming === r.number ? (
            <View className="inline-confirm">
              <Text className="inline-confirm-text">停用 {r.label}？停用后摊主不能再申请它（点“保存摊位”才生效）。</Text>
              <View className="actions">
                <Button size="large" block className="stall-off-yes" onClick={() => { change(r.number, { active: false }); setConfirming(null); }}>
                  确定停用
                </Button>
                <Button size="large" block onClick={() => setConfirming(null)}>
                  再想想
                </Button>
              </View>
            </View>
          ) : (
            <View className="actions">
              {r.active ? (
                <Button size="large" block className="stall-off" onClick={() => setConfirming(r.number)}>
                  停用这个摊位…
                </Button>
              ) : (
                <Button size="large" block className="stall-on" onClick={() => change(r.number, { active: true })}>
                  重新启用
                </Button>
              )}
            </View>
          )}
        </View>
      ))}
      {error ? <Text className="v-notice" aria-live="assertive">{error}</Text> : null}
      {done ? <Text className="notice-ok stalls-done" aria-live="polite">摊位安排已保存。</Text> : null}
      <View className="actions">
        <Button size="large" block className="add-stall" onClick={add}>
          加一个摊位
        </Button>
        <Button type="primary" size="large" block className="save-stalls" loading={busy} disabled={busy} onClick={save}>
          保存摊位
        </Button>
      </View>
    </View>
  );
}
