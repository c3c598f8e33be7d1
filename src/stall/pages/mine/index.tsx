/**
 * 我的摊位, for a vendor (their own WeChat): the record's state (等待社区审核 / 已通过 / 没有通过 and
 * why), what they sell (edit and save), and the coming market days: apply for one or several, see
 * each application (等待抽签 with the draw's time in a lottery community, then the draw's result;
 * stall number, place on the waitlist, the check-in code shown large to show at
 * the kiosk) and withdraw (asked inside the card). A person without a record is offered the
 * registration; `?registered=1` greets a vendor who just registered.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { Me } from '../../../account/api';
import type { MarketDaySummary } from '../../../market/api';
import { call } from '../../../services/call';
import type { CallError, CallResult } from '../../../services/cloud';
import { requestSubscribe } from '../../../services/subscribe';
import { Button, Tag } from '../../../ui/nutui';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { GoodsEditor } from '../../components/GoodsEditor';
import { VendorPage } from '../../components/VendorPage';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { useBusyCall } from '../../../ui/useBusyCall';
import { ACTIVE_STATUSES } from '../../../../cloudfunctions/stall/domain/stalls';
import { STALL_LIMITS } from '../../../../cloudfunctions/stall/limits';
import { VENDOR_URLS, type MyVendor, type StallApplicationView, type VendorView } from '../../api';
import '../../stall.css';

interface MineData {
  me: Me;
  mine: MyVendor | null;
  days: MarketDaySummary[];
}

async function loadMine(): Promise<CallResult<MineData>> {
  const me = await call('account', 'me');
  if (!me.ok) return me;
  if (!me.data.registered) return { ok: true, data: { me: me.data, mine: null, days: [] } };
  const [mine, market] = await Promise.all([call('stall', 'myVendor'), call('market', 'listMarketDays')]);
  if (!mine.ok) return mine;
  return { ok: true, data: { me: me.data, mine: mine.data, days: market.ok ? market.data.days : [] } };
}

const ACTIVE: readonly string[] = ACTIVE_STATUSES;

export default function MyStallPage() {
  const justRegistered = useRouter().params.registered === '1';
  const data = useRemote(loadMine);
  useReloadOnReturn(data.reload);

  if (data.state === 'loading') return <VendorPage><LoadingState /></VendorPage>;
  if (data.state === 'error') return <VendorPage><ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /></VendorPage>;
  const { me, mine, days } = data.data;
  if (!me.registered || !mine)
    return (
      <VendorPage className="vendor-mine">
        <View className="card">
          <Text className="title">您还没有登记为摊主</Text>
          <Text className="v-line">在集市上卖菜、卖水果，或者来做义剪、磨刀的，先登记一下，社区审核通过后就能申请摊位。</Text>
          <View className="actions">
            <Button type="primary" size="large" block onClick={() => Taro.navigateTo({ url: VENDOR_URLS.register })}>
              登记成摊主
            </Button>
          </View>
        </View>
      </VendorPage>
    );
  if (!mine.vendor)
    return (
      <VendorPage className="vendor-mine">
        <View className="card">
          <Text className="title">这个微信登记的是居民</Text>
          <Text className="v-line">摊主请用自己的微信另外登记。</Text>
        </View>
      </VendorPage>
    );
  return <VendorHome vendor={mine.vendor} applications={mine.applications} days={days} justRegistered={justRegistered} reload={data.reload} />;
}

function VendorHome(props: { vendor: VendorView; applications: StallApplicationView[]; days: MarketDaySummary[]; justRegistered: boolean; reload: () => void }) {
  const { vendor, applications, days, justRegistered, reload } = props;
  // the coming market days, and any other date the vendor holds an application for
  const dates = [...new Set([...days.map((d) => d.date), ...applications.map((a) => a.date)])].sort();
  const labelOf = (date: string) => days.find((d) => d.date === date)?.dateLabel ?? applications.find((a) => a.date === date)?.dateLabel ?? date;
  const current = (date: string) => {
    const mine = applications.filter((a) => a.date === date);
    return mine.find((a) => ACTIVE.includes(a.status)) ?? mine[mine.length - 1] ?? null;
  };
  const open = dates.filter((d) => days.some((x) => x.date === d) && !ACTIVE.includes(current(d)?.status ?? ''));
  return (
    <VendorPage className="vendor-mine">
      {justRegistered && vendor.status === 'pending' ? (
        <Text className="notice-ok register-done" aria-live="polite">
          登记好了，{vendor.name}！社区审核通过后，就可以申请摊位。
        </Text>
      ) : null}
      <StatusCard vendor={vendor} />
      {vendor.status === 'approved' ? (
        <View>
          <Text className="v-section">集市摊位</Text>
          {dates.length === 0 ? <Text className="v-line card">最近没有集市。</Text> : null}
          {dates.map((d) => {
            const app = current(d);
            return app && ACTIVE.includes(app.status) ? <ApplicationCard key={app.id} app={app} onChanged={reload} /> : null;
          })}
          {open.length ? <ApplyCard dates={open} labelOf={labelOf} ended={(d) => current(d)} onApplied={reload} /> : null}
        </View>
      ) : null}
      {vendor.kind !== 'serviceVolunteer' ? <GoodsCard vendor={vendor} /> : null}
    </VendorPage>
  );
}

function StatusCard({ vendor }: { vendor: VendorView }) {
  return (
    <View className={`card vendor-status status-${vendor.status}`}>
      <View className="name-line">
        <Text className="title">{vendor.name}</Text>
        <Tag type={vendor.status === 'approved' ? 'success' : vendor.status === 'pending' ? 'warning' : 'default'}>{vendor.statusLabel}</Tag>
      </View>
      <Text className="v-line">
        {vendor.kindLabel}
        {vendor.provides ? `：${vendor.provides}` : ''}
        {vendor.phone ? ` · 电话 ${vendor.phone}` : ''}
      </Text>
      {vendor.status === 'pending' ? <Text className="v-line">社区管理员审核以后，这里会显示结果。通过后就可以申请摊位。</Text> : null}
      {vendor.status === 'rejected' ? <Text className="v-notice">没有通过：{vendor.rejectReason ?? '请到解忧铺问一问'}</Text> : null}
      {vendor.regular && vendor.regularStall ? <Text className="v-line">固定摊位：{vendor.regularStall}号摊（每周都留给您）</Text> : null}
    </View>
  );
}

function ApplicationCard({ app, onChanged }: { app: StallApplicationView; onChanged: () => void }) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useBusyCall(() => {
    setAsking(false);
    onChanged();
  });
  const withdraw = () => run(() => call('stall', 'withdraw', { applicationId: app.id }));
  return (
    <View className={`card stall-app app-${app.status}`} data-date={app.date}>
      <View className="name-line">
        <Text className="subtitle">{app.dateLabel}</Text>
        <Tag type={app.status === 'waitlisted' || app.status === 'applied' ? 'warning' : 'success'}>{app.statusLabel}</Tag>
      </View>
      {app.status === 'applied' ? (
        <Text className="v-line draw-wait">申请收到了。这个集市的摊位抽签分配：{app.drawAtLabel ? `${app.drawAtLabel} ` : ''}抽签，抽完这里会显示结果。</Text>
      ) : null}
      {app.viaDraw && app.status === 'allocated' ? <Text className="v-line draw-result">抽签结果：分到了摊位。</Text> : null}
      {app.stallNumber ? <Text className="stall-number">{app.stallNumber}号摊</Text> : null}
      {app.status === 'waitlisted' ? (
        <Text className="v-line">
          {app.viaDraw ? '抽签没抽中，' : '摊位满了，'}您在等候名单上{app.waitlistPosition ? `第 ${app.waitlistPosition} 位` : ''}。有人不来了，会按顺序给您。
        </Text>
      ) : null}
      {app.checkInCode ? (
        <View className="checkin-box">
          <Text className="v-line">集市当天签到时，给工作人员看这个号：</Text>
          <Text className="big-code checkin-code">{app.checkInCode}</Text>
        </View>
      ) : null}
      {app.status === 'checkedIn' ? <Text className="v-line">已经签到了。</Text> : null}
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      {app.status !== 'checkedIn' ? (
        asking ? (
          <InlineConfirm
            text={`${app.dateLabel}不来了吗？${app.status === 'applied' ? '您就不参加这天的抽签了。' : '摊位会让给下一位。'}`}
            yes="确定，不来了"
            yesClass="withdraw-yes"
            busy={busy}
            onYes={withdraw}
            onNo={() => setAsking(false)}
          />
        ) : (
          <View className="actions">
            <Button size="large" block className="withdraw" onClick={() => setAsking(true)}>
              {app.status === 'waitlisted' ? '不排了' : app.status === 'applied' ? '不参加抽签了' : '这天不来了'}
            </Button>
          </View>
        )
      ) : null}
    </View>
  );
}

function ApplyCard(props: { dates: string[]; labelOf: (d: string) => string; ended: (d: string) => StallApplicationView | null; onApplied: () => void }) {
  const { dates, labelOf, ended, onApplied } = props;
  const [chosen, setChosen] = useState<string[]>(dates.slice(0, 1));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const toggle = (d: string) => setChosen((c) => (c.includes(d) ? c.filter((x) => x !== d) : [...c, d].slice(-STALL_LIMITS.applyDates.max)));
  const apply = async () => {
    if (busy) return;
    const pick = chosen.filter((d) => dates.includes(d));
    if (!pick.length) return setError({ code: 'COMMON.INVALID_INPUT', message: '请先选哪一天来' });
    // the draw's result (and a stall given from the waiting list), and a change of the day (the market
    // day cancelled: `market/closures.ts` tells vendors with bookingChange) — both in ONE WeChat dialog
    // (up to 3 templates a call), asked only inside the tap, before anything is awaited
    void requestSubscribe([TEMPLATE_IDS.stallDraw, TEMPLATE_IDS.bookingChange]);
    setBusy(true);
    setError(null);
    const r = await call('stall', 'applyStall', { dates: pick.slice(0, STALL_LIMITS.applyDates.max) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setChosen([]);
    onApplied();
  };
  const n = chosen.filter((d) => dates.includes(d)).length;
  return (
    <View className="card apply-card">
      <Text className="subtitle">申请摊位</Text>
      <Text className="muted">选您要来的日子（可以选几个，最多 {STALL_LIMITS.applyDates.max} 个）</Text>
      <View className="choice-grid date-choices">
        {dates.map((d) => {
          const on = chosen.includes(d);
          const before = ended(d);
          return (
            <Button key={d} className="choice choice-wide" size="large" type={on ? 'success' : 'default'} onClick={() => toggle(d)}>
              {`${on ? '☑ ' : ''}${labelOf(d)}${before ? `（${before.statusLabel}）` : ''}`}
            </Button>
          );
        })}
      </View>
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="apply-submit" loading={busy} disabled={busy} onClick={apply}>
          {n > 1 ? `申请这 ${n} 天的摊位` : '申请摊位'}
        </Button>
      </View>
    </View>
  );
}

function GoodsCard({ vendor }: { vendor: VendorView }) {
  const [goods, setGoods] = useState(vendor.goods);
  const [saved, setSaved] = useState(vendor.goods);
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const changed = goods.join('|') !== saved.join('|');
  const save = async () => {
    if (busy) return;
    if (!goods.length) return setMsg({ ok: false, text: '至少要有一样' });
    setBusy(true);
    const r = await call('stall', 'updateGoods', { goods });
    setBusy(false);
    if (!r.ok) return setMsg({ ok: false, text: r.error.message });
    setSaved(r.data.goods);
    setMsg({ ok: true, text: '保存好了，居民查的时候就能看到。' });
  };
  return (
    <View className="card goods-card">
      <Text className="subtitle">我卖的东西</Text>
      <GoodsEditor
        goods={goods}
        onChange={(g) => {
          setGoods(g);
          setMsg(null);
        }}
      />
      {msg ? <Text className={msg.ok ? 'notice-ok' : 'v-notice'}>{msg.text}</Text> : null}
      {changed ? (
        <View className="actions">
          <Button size="large" block className="goods-save" loading={busy} disabled={busy} onClick={save}>
            保存
          </Button>
        </View>
      ) : null}
    </View>
  );
}
