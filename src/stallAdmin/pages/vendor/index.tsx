/**
 * One vendor, for a community admin (`?id=`): who they are and what they sell; approve or reject
 * (with a reason, asked inside the card) while they wait; once approved, give them a stall on a
 * coming market day (a chosen stall or the first free one) and set or end a regular stall. The
 * stall buttons of the chosen day mark stalls already held (“3号 已有摊主：马师傅”, not choosable),
 * from that day's list (`dayList`), read again after each assignment.
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { MarketDaySummary } from '../../../market/api';
import { call } from '../../../services/call';
import type { CallError, CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { PhoneCall } from '../../../ui/PhoneCall';
import { Button, Tag } from '../../../ui/nutui';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { VendorPage } from '../../../stall/components/VendorPage';
import { useBusyCall } from '../../../ui/useBusyCall';
import { STALL_LIMITS } from '../../../../cloudfunctions/stall/limits';
import { VENDOR_URLS, type StallApplicationView, type StallView, type VendorView } from '../../../stall/api';
import '../../../stall/stall.css';

interface VendorData {
  vendor: VendorView | null;
  stalls: StallView[];
  days: MarketDaySummary[];
}

async function loadVendor(id: string): Promise<CallResult<VendorData>> {
  const [vendors, stalls, market] = await Promise.all([call('stall', 'vendors'), call('stall', 'stalls'), call('market', 'listMarketDays')]);
  if (!vendors.ok) return vendors;
  return { ok: true, data: { vendor: vendors.data.find((v) => v.id === id) ?? null, stalls: stalls.ok ? stalls.data : [], days: market.ok ? market.data.days : [] } };
}

export default function AdminVendorPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const load = useCallback(() => loadVendor(id), [id]);
  const data = useRemote(load, [load]);
  if (data.state === 'loading') return <VendorPage><LoadingState /></VendorPage>;
  if (data.state === 'error') return <VendorPage><ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /></VendorPage>;
  const { vendor, stalls, days } = data.data;
  if (!vendor)
    return (
      <VendorPage className="admin-vendor">
        <View className="card">
          <Text className="title">没有找到这位摊主</Text>
          <View className="actions">
            <Button size="large" block onClick={() => Taro.redirectTo({ url: VENDOR_URLS.adminVendors })}>
              看全部摊主
            </Button>
          </View>
        </View>
      </VendorPage>
    );
  return (
    <VendorPage className="admin-vendor">
      <View className="card">
        <View className="name-line">
          <Text className="title">{vendor.name}</Text>
          <Tag type={vendor.status === 'approved' ? 'success' : vendor.status === 'pending' ? 'warning' : 'default'}>{vendor.statusLabel}</Tag>
        </View>
        <Text className="v-line">
          {vendor.kindLabel}：{vendor.provides ?? vendor.goods.join('、')}
        </Text>
        {vendor.phone ? <PhoneCall className="v-line" label="电话：" phone={vendor.phone} /> : null}
        {vendor.regular && vendor.regularStall ? <Text className="v-line">固定摊位：{vendor.regularStall}号摊</Text> : null}
        {vendor.absences ? <Text className="v-line">没来（缺席）：{vendor.absences} 次</Text> : null}
        {vendor.status === 'rejected' && vendor.rejectReason ? <Text className="v-line">没有通过的原因：{vendor.rejectReason}</Text> : null}
      </View>
      {vendor.status === 'pending' ? <Decide vendor={vendor} onDone={data.reload} /> : null}
      {vendor.status === 'approved' ? <GiveStall vendor={vendor} stalls={stalls} days={days} /> : null}
      {vendor.status === 'approved' ? <Regular vendor={vendor} stalls={stalls} onDone={data.reload} /> : null}
    </VendorPage>
  );
}

function Decide({ vendor, onDone }: { vendor: VendorView; onDone: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useBusyCall(onDone);
  return (
    <View className="card decide-card">
      <Text className="subtitle">审核</Text>
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      {rejecting ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">为什么不通过？（摊主会看到）</Text>
          <Input className="v-input" value={reason} placeholder="比如：电话打不通，请来解忧铺一趟" maxlength={STALL_LIMITS.rejectReason.max} aria-label="不通过的原因" onInput={(e) => setReason(e.detail.value)} />
          <View className="actions">
            <Button size="large" block className="reject-yes" loading={busy} disabled={busy} onClick={() => ([...reason.trim()].length < STALL_LIMITS.rejectReason.min ? setError({ code: 'COMMON.INVALID_INPUT', message: '请写上原因（至少两个字）' }) : run(() => call('stall', 'reject', { vendorId: vendor.id, reason: reason.trim() })))}>
              确定不通过
            </Button>
            <Button size="large" block onClick={() => setRejecting(false)}>
              再想想
            </Button>
          </View>
        </View>
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="approve" loading={busy} disabled={busy} onClick={() => run(() => call('stall', 'approve', { vendorId: vendor.id }))}>
            审核通过
          </Button>
          <Button size="large" block className="reject" onClick={() => setRejecting(true)}>
            不通过…
          </Button>
        </View>
      )}
    </View>
  );
}

function GiveStall({ vendor, stalls, days }: { vendor: VendorView; stalls: StallView[]; days: MarketDaySummary[] }) {
  const [date, setDate] = useState<string | null>(days[0]?.date ?? null);
  const [stall, setStall] = useState<string>('auto');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [done, setDone] = useState<StallApplicationView | null>(null);
  // who holds which stall on the chosen day (null while it loads or if it could not be read)
  const [holders, setHolders] = useState<Map<number, string> | null>(null);
  const [seen, setSeen] = useState(0);
  useEffect(() => {
    if (!date) return;
    let live = true;
    setHolders(null);
    void call('stall', 'dayList', { date }).then((r) => {
      if (!live || !r.ok) return;
      setHolders(new Map(r.data.filter((a) => a.stallNumber && (a.status === 'allocated' || a.status === 'checkedIn')).map((a) => [a.stallNumber as number, a.vendorName])));
    });
    return () => {
      live = false;
    };
  }, [date, seen]);
  if (!days.length) return <Text className="v-line card">最近没有集市，不能安排摊位。</Text>;
  const give = async () => {
    if (busy || !date) return;
    setBusy(true);
    setError(null);
    setDone(null);
    const r = await call('stall', 'assignStall', stall === 'auto' ? { vendorId: vendor.id, date } : { vendorId: vendor.id, date, stallNumber: Number(stall) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setDone(r.data);
    setStall('auto');
    setSeen((n) => n + 1);
  };
  const holderOf = (n: number) => holders?.get(n);
  return (
    <View className="card give-stall">
      <Text className="subtitle">给他安排摊位</Text>
      <Text className="field-label">哪一天</Text>
      <ChoiceButtons options={days.slice(0, 4).map((d) => ({ value: d.date, label: d.dateLabel }))} selected={date} onSelect={(d) => { setDate(d); setDone(null); }} className="choice-grid" itemClassName="choice choice-wide" />
      <Text className="field-label">几号摊</Text>
      <Text className="muted">选“自动”：有固定摊位的给固定摊位，没有的给空着的最小号。已有摊主的摊位不能再选。</Text>
      {holders === null ? <Text className="muted">正在查这一天哪些摊位有人…</Text> : null}
      <ChoiceButtons
        options={[
          { value: 'auto', label: '自动' },
          ...stalls.map((s) => {
            const holder = holderOf(s.number);
            return holder ? { value: String(s.number), label: `${s.number}号 已有摊主：${holder}`, disabled: true } : { value: String(s.number), label: `${s.number}号` };
          }),
        ]}
        selected={stall}
        onSelect={(s) => { setStall(s); setDone(null); }}
        className="choice-grid stall-choices"
        itemClassName="choice"
      />
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      {done ? (
        <Text className="notice-ok give-done" aria-live="polite">
          {done.status === 'waitlisted'
            ? `${done.dateLabel}摊位满了，${vendor.name}排在等候名单第 ${done.waitlistPosition ?? '?'} 位。`
            : done.status === 'applied' || !done.stallNumber
              ? `${done.dateLabel}没有空摊位了，${vendor.name}还在等抽签${done.drawAtLabel ? `（${done.drawAtLabel}）` : ''}。`
              : `安排好了：${done.dateLabel}，${vendor.name}在 ${done.stallNumber}号摊。签到号 ${done.checkInCode ?? ''}`}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="assign" loading={busy} disabled={busy} onClick={give}>
          安排摊位
        </Button>
      </View>
    </View>
  );
}

function Regular({ vendor, stalls, onDone }: { vendor: VendorView; stalls: StallView[]; onDone: () => void }) {
  const [stall, setStall] = useState<string | null>(vendor.regularStall ? String(vendor.regularStall) : null);
  const { busy, error, setError, run } = useBusyCall(onDone);
  const save = (n: number | null) => run(() => call('stall', 'setRegular', { vendorId: vendor.id, stallNumber: n }));
  return (
    <View className="card regular-card">
      <Text className="subtitle">固定摊位</Text>
      <Text className="muted">固定摊位每周都留给他；缺席 3 次就不再固定。</Text>
      <ChoiceButtons options={stalls.map((s) => ({ value: String(s.number), label: `${s.number}号` }))} selected={stall} onSelect={setStall} className="choice-grid stall-choices" itemClassName="choice" />
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      <View className="actions">
        <Button
          size="large"
          block
          className="set-regular"
          loading={busy}
          disabled={busy}
          onClick={() => {
            if (!stall) return setError({ code: 'COMMON.INVALID_INPUT', message: '请先在上面选一个摊位' });
            if (vendor.regular && stall === String(vendor.regularStall)) return setError({ code: 'COMMON.INVALID_INPUT', message: `他的固定摊位已经是 ${stall}号摊` });
            void save(Number(stall));
          }}
        >
          {stall ? `设为固定 ${stall}号摊` : '设为固定摊位'}
        </Button>
        {vendor.regular ? (
          <Button size="large" block className="end-regular" disabled={busy} onClick={() => save(null)}>
            不再固定
          </Button>
        ) : null}
      </View>
    </View>
  );
}
