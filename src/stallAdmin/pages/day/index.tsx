/**
 * 集市签到名单 (staff: grid workers and admins; `?date=YYYY-MM-DD`, else the coming market day):
 * every stall held that day and the waitlist. On the market day staff tap 签到 by a vendor's name or
 * type the code the vendor shows (3-AB12); on other days the list says when check-in opens. An
 * admin can release a stall (asked inside the card): the first on the waitlist gets it.
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { accountApi } from '../../../account/api';
import { marketApi, type MarketDaySummary } from '../../../market/api';
import type { CallError, CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button, Tag } from '../../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { VendorPage } from '../../../vendor/components/VendorPage';
import { todayLocal, vendorApi, VENDOR_URLS, type StallApplicationView } from '../../../vendor/api';
import '../../../vendor/vendor.css';

interface DayData {
  date: string;
  dateLabel: string;
  days: MarketDaySummary[];
  list: StallApplicationView[];
  admin: boolean;
}

async function loadDay(asked: string): Promise<CallResult<DayData | null>> {
  const [market, me] = await Promise.all([marketApi.listMarketDays(), accountApi.me()]);
  if (!market.ok) return market;
  const days = market.data.days;
  const date = asked || days[0]?.date || '';
  if (!date) return { ok: true, data: null };
  const list = await vendorApi.dayList(date);
  if (!list.ok) return list;
  const label = days.find((d) => d.date === date)?.dateLabel ?? list.data[0]?.dateLabel ?? date;
  const admin = me.ok && me.data.registered && me.data.user.role === 'communityAdmin';
  return { ok: true, data: { date, dateLabel: label, days, list: list.data, admin } };
}

export default function DayListPage() {
  const asked = decodeURIComponent(useRouter().params.date ?? '');
  const load = useCallback(() => loadDay(asked), [asked]);
  const data = useRemote(load, [load]);
  if (data.state === 'loading') return <VendorPage><LoadingState /></VendorPage>;
  if (data.state === 'error') return <VendorPage><ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /></VendorPage>;
  if (!data.data) return <VendorPage><EmptyState text="最近没有集市。" /></VendorPage>;
  return <DayList data={data.data} reload={data.reload} />;
}

function DayList({ data, reload }: { data: DayData; reload: () => void }) {
  const { date, dateLabel, days, list, admin } = data;
  const onTheDay = date === todayLocal();
  const held = list.filter((a) => a.status !== 'waitlisted');
  const waiting = list.filter((a) => a.status === 'waitlisted');
  const pick = (d: string) => Taro.redirectTo({ url: VENDOR_URLS.day(d) });
  return (
    <VendorPage className="day-list">
      <View className="card">
        <Text className="title">摊主签到名单</Text>
        <Text className="subtitle day-date">{dateLabel}</Text>
        <Text className="v-line">
          {held.length} 个摊位有人，已签到 {held.filter((a) => a.status === 'checkedIn').length} 位{waiting.length ? `，等候 ${waiting.length} 位` : ''}
        </Text>
        {!onTheDay ? <Text className="v-notice not-today">签到只在集市当天（{dateLabel}）办理，到那天这里会有“签到”按钮。</Text> : null}
      </View>
      {onTheDay ? <CodeCheckIn onDone={reload} /> : null}
      {list.length === 0 ? <EmptyState text="这一天还没有摊主。" /> : null}
      {held.map((a) => (
        <DayRow key={a.id} app={a} onTheDay={onTheDay} admin={admin} onChanged={reload} />
      ))}
      {waiting.length ? <Text className="v-section">等候名单</Text> : null}
      {waiting.map((a) => (
        <DayRow key={a.id} app={a} onTheDay={onTheDay} admin={admin} onChanged={reload} />
      ))}
      {days.length > 1 ? (
        <View className="card other-days">
          <Text className="subtitle">看别的日子</Text>
          <ChoiceButtons options={days.slice(0, 4).map((d) => ({ value: d.date, label: d.dateLabel }))} selected={date} onSelect={pick} className="choice-grid" itemClassName="choice choice-wide" />
        </View>
      ) : null}
    </VendorPage>
  );
}

function CodeCheckIn({ onDone }: { onDone: () => void }) {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async () => {
    const c = code.trim().toUpperCase().replace(/\s+/g, '').replace(/[－—–]/g, '-');
    if (!/^\d{1,3}-[A-Z0-9]{4}$/.test(c)) return setMsg({ ok: false, text: '请输入摊主给您看的签到号，比如 3-AB12' });
    setBusy(true);
    const r = await vendorApi.checkIn({ code: c });
    setBusy(false);
    if (!r.ok) return setMsg({ ok: false, text: r.error.message });
    setCode('');
    setMsg({ ok: true, text: `${r.data.vendorName}（${r.data.stallNumber ?? ''}号摊）签到好了` });
    onDone();
  };
  return (
    <View className="card code-checkin">
      <Text className="subtitle">按签到号签到</Text>
      <Input className="v-input code-input" value={code} placeholder="比如 3-AB12" maxlength={8} aria-label="摊主的签到号" onInput={(e) => { setCode(e.detail.value); setMsg(null); }} onConfirm={run} />
      {msg ? <Text className={msg.ok ? 'notice-ok' : 'v-notice'}>{msg.text}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="code-submit" loading={busy} disabled={busy} onClick={run}>
          签到
        </Button>
      </View>
    </View>
  );
}

function DayRow({ app, onTheDay, admin, onChanged }: { app: StallApplicationView; onTheDay: boolean; admin: boolean; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const act = async (p: () => Promise<CallResult<unknown>>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    const r = await p();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setAsking(false);
    onChanged();
  };
  return (
    <View className={`card day-row app-${app.status}`} data-vendor={app.vendorName}>
      <View className="seller-row">
        <Text className="seller-stall">{app.stallNumber ? `${app.stallNumber}号摊` : app.waitlistPosition ? `等候第${app.waitlistPosition}` : '等候'}</Text>
        <View className="seller-body">
          <View className="name-line">
            <Text className="subtitle">{app.vendorName}</Text>
            <Tag type={app.status === 'checkedIn' ? 'success' : app.status === 'waitlisted' ? 'warning' : 'default'}>{app.statusLabel}</Tag>
          </View>
          {app.goods.length ? <Text className="muted">{app.goods.join('、')}</Text> : null}
        </View>
      </View>
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      {app.status === 'allocated' && !onTheDay ? <Text className="muted checkin-later">集市当天才能签到</Text> : null}
      {asking ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">让出{app.vendorName}的{app.stallNumber ? `${app.stallNumber}号摊` : '位置'}？等候名单第一位会得到它。</Text>
          <View className="actions">
            <Button size="large" block className="release-yes" loading={busy} disabled={busy} onClick={() => act(() => vendorApi.release(app.id))}>
              确定让出
            </Button>
            <Button size="large" block onClick={() => setAsking(false)}>
              再想想
            </Button>
          </View>
        </View>
      ) : (
        <View className="actions">
          {app.status === 'allocated' && onTheDay ? (
            <Button size="large" block className="checkin" loading={busy} disabled={busy} onClick={() => act(() => vendorApi.checkIn({ applicationId: app.id }))}>
              签到
            </Button>
          ) : null}
          {admin && (app.status === 'allocated' || app.status === 'waitlisted') ? (
            <Button size="large" block className="release" onClick={() => setAsking(true)}>
              {app.status === 'waitlisted' ? '移出等候名单' : '让出摊位'}
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
