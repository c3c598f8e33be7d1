/**
 * 集市签到名单 (staff: grid workers and admins; `?date=YYYY-MM-DD`, else the coming market day):
 * every stall held that day and the waitlist. On the market day staff tap 签到 by a vendor's name or
 * type the code the vendor shows (3-AB12); on other days the list says when check-in opens. An
 * admin can take a stall back (收回摊位, asked inside the card): the first on the waitlist gets it; or
 * move a vendor to another free stall (换摊位: every stall as a button, held ones marked with who
 * holds them and not choosable).
 *
 * 摊位分配 (the card at the top): how the community gives out stalls (first come, or a lottery some
 * days before; an admin switches it), and for a lottery day when the draw is, how many wait for it,
 * an admin's 现在抽签, and once drawn the draw record (seed, applicants, drawn order, results).
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { MarketDaySummary } from '../../../market/api';
import { call } from '../../../services/call';
import type { CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button, Tag } from '../../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { whenText } from '../../../ui/time';
import { VendorPage } from '../../../stall/components/VendorPage';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { useBusyCall } from '../../../ui/useBusyCall';
import { todayLocal, VENDOR_URLS, type DayDrawView, type StallApplicationView, type StallView } from '../../../stall/api';
import '../../../stall/stall.css';

interface DayData {
  date: string;
  dateLabel: string;
  days: MarketDaySummary[];
  list: StallApplicationView[];
  admin: boolean;
  draw: DayDrawView | null;
  stalls: StallView[];
}

async function loadDay(asked: string): Promise<CallResult<DayData | null>> {
  const [market, me] = await Promise.all([call('market', 'listMarketDays'), call('account', 'me')]);
  if (!market.ok) return market;
  const days = market.data.days;
  const date = asked || days[0]?.date || '';
  if (!date) return { ok: true, data: null };
  const admin = me.ok && me.data.registered && me.data.user.role === 'communityAdmin';
  const [list, draw, stalls] = await Promise.all([call('stall', 'dayList', { date }), call('stall', 'drawRecord', { date }), admin ? call('stall', 'stalls') : Promise.resolve(null)]);
  if (!list.ok) return list;
  const label = days.find((d) => d.date === date)?.dateLabel ?? list.data[0]?.dateLabel ?? date;
  return { ok: true, data: { date, dateLabel: label, days, list: list.data, admin, draw: draw.ok ? draw.data : null, stalls: stalls?.ok ? stalls.data : [] } };
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
  const { date, dateLabel, days, list, admin, draw, stalls } = data;
  const onTheDay = date === todayLocal();
  const held = list.filter((a) => a.status === 'allocated' || a.status === 'checkedIn');
  const waiting = list.filter((a) => a.status === 'waitlisted');
  const applied = list.filter((a) => a.status === 'applied');
  const taken = new Set(held.map((a) => a.stallNumber));
  const free = stalls.map((x) => x.number).filter((n) => !taken.has(n));
  // every stall with who holds it, for 换摊位: held ones are shown, marked and not choosable
  const numbers = stalls.map((x) => x.number);
  const holders = new Map(held.filter((a) => a.stallNumber).map((a) => [a.stallNumber as number, a.vendorName]));
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
      {draw ? <DrawCard draw={draw} admin={admin} onChanged={reload} /> : null}
      {onTheDay ? <CodeCheckIn onDone={reload} /> : null}
      {list.length === 0 ? <EmptyState text="这一天还没有摊主。" /> : null}
      {held.map((a) => (
        <DayRow key={a.id} app={a} onTheDay={onTheDay} admin={admin} free={free} stalls={numbers} holders={holders} onChanged={reload} />
      ))}
      {waiting.length ? <Text className="v-section">等候名单</Text> : null}
      {waiting.map((a) => (
        <DayRow key={a.id} app={a} onTheDay={onTheDay} admin={admin} free={free} stalls={numbers} holders={holders} onChanged={reload} />
      ))}
      {applied.length ? <Text className="v-section">等待抽签</Text> : null}
      {applied.map((a) => (
        <DayRow key={a.id} app={a} onTheDay={onTheDay} admin={admin} free={free} stalls={numbers} holders={holders} onChanged={reload} />
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

/** 摊位分配: first come or lottery; the day's draw (when, 现在抽签, the record). */
function DrawCard({ draw, admin, onChanged }: { draw: DayDrawView; admin: boolean; onChanged: () => void }) {
  const { busy, error, run } = useBusyCall(onChanged);
  const [showRecord, setShowRecord] = useState(false);
  const { allocation, record } = draw;
  const lottery = allocation.mode === 'lottery';
  return (
    <View className="card draw-card">
      <Text className="subtitle">摊位分配</Text>
      <Text className="v-line draw-mode">
        {lottery ? `抽签：每次集市前 ${allocation.drawDaysBefore} 天 ${allocation.drawAt} 抽签。摊位够分时按申请先后，不够时抽签，老摊主先拿自己的摊位。` : '按申请先后分配摊位，满了排队候补。'}
      </Text>
      {lottery && !record ? (
        <Text className="v-line draw-when">
          这一天{draw.drawAtLabel ? `在 ${draw.drawAtLabel} ` : ''}抽签，现在有 {draw.waiting} 位在等。
        </Text>
      ) : null}
      {record ? (
        <View className="draw-record">
          <Text className="v-line draw-summary">
            已抽签（{record.drawnBy}，{whenText(record.drawnAt)}）：{record.applicants.length} 位申请，空摊位 {record.freeStalls.length} 个，
            {record.oversubscribed ? '摊位不够，按抽签顺序分配' : '摊位够分，按申请先后分配'}。
          </Text>
          {showRecord ? (
            <View className="draw-details">
              {record.results.map((r) => (
                <Text key={r.applicationId} className="v-line draw-result-row">
                  {r.vendorName}：{r.status === 'allocated' ? `${r.stallNumber}号摊${r.regular ? '（老摊主）' : ''}` : `候补第${r.waitlistPosition}位`}
                </Text>
              ))}
              <Text className="muted draw-seed">抽签种子（可用来复核）：{record.seed}</Text>
            </View>
          ) : null}
          <View className="actions">
            <Button size="large" block className="draw-show" onClick={() => setShowRecord(!showRecord)}>
              {showRecord ? '收起抽签记录' : '看抽签记录'}
            </Button>
          </View>
        </View>
      ) : null}
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      {admin ? (
        <View className="actions">
          {lottery && !record ? (
            <Button type="primary" size="large" block className="draw-now" loading={busy} disabled={busy} onClick={() => run(() => call('stall', 'drawStalls', { date: draw.date }))}>
              现在抽签
            </Button>
          ) : null}
          <Button size="large" block className="draw-mode-switch" disabled={busy} onClick={() => run(() => call('stall', 'setAllocation', { mode: lottery ? 'firstCome' : 'lottery', drawDaysBefore: allocation.drawDaysBefore, drawAt: allocation.drawAt }))}>
            {lottery ? '改成按申请先后分配' : '改成抽签分配'}
          </Button>
        </View>
      ) : null}
    </View>
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
    const r = await call('stall', 'checkIn', { code: c });
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

function DayRow(props: { app: StallApplicationView; onTheDay: boolean; admin: boolean; free: number[]; stalls: number[]; holders: Map<number, string>; onChanged: () => void }) {
  const { app, onTheDay, admin, free, stalls, holders, onChanged } = props;
  const [asking, setAsking] = useState(false);
  const [moving, setMoving] = useState(false);
  const { busy, error, run: act } = useBusyCall(() => {
    setAsking(false);
    setMoving(false);
    onChanged();
  });
  const held = app.status === 'allocated' || app.status === 'checkedIn';
  return (
    <View className={`card day-row app-${app.status}`} data-vendor={app.vendorName}>
      <View className="seller-row">
        <Text className="seller-stall">{app.stallNumber ? `${app.stallNumber}号摊` : app.waitlistPosition ? `等候第${app.waitlistPosition}` : app.status === 'applied' ? '待抽签' : '等候'}</Text>
        <View className="seller-body">
          <View className="name-line">
            <Text className="subtitle">{app.vendorName}</Text>
            <Tag type={app.status === 'checkedIn' ? 'success' : app.status === 'waitlisted' || app.status === 'applied' ? 'warning' : 'default'}>{app.statusLabel}</Tag>
          </View>
          {app.goods.length ? <Text className="muted">{app.goods.join('、')}</Text> : null}
        </View>
      </View>
      {error ? <Text className="v-notice" aria-live="assertive">{error.message}</Text> : null}
      {app.status === 'allocated' && !onTheDay ? <Text className="muted checkin-later">集市当天才能签到</Text> : null}
      {moving ? (
        <View className="inline-confirm move-box">
          <Text className="inline-confirm-text">把{app.vendorName}换到几号摊？{free.length ? '' : '现在没有空摊位。'}</Text>
          <View className="choice-grid move-choices">
            {stalls.map((n) => {
              const holder = holders.get(n);
              return holder ? (
                <Button key={n} size="large" className={`choice move-taken move-taken-${n}`} disabled>
                  {n}号 {n === app.stallNumber ? '他现在的摊位' : `已有摊主：${holder}`}
                </Button>
              ) : (
                <Button key={n} size="large" className={`choice move-to move-to-${n}`} disabled={busy} onClick={() => act(() => call('stall', 'moveStall', { applicationId: app.id, toNumber: n }))}>
                  {n}号摊
                </Button>
              );
            })}
          </View>
          <View className="actions">
            <Button size="large" block onClick={() => setMoving(false)}>
              不换了
            </Button>
          </View>
        </View>
      ) : asking ? (
        <InlineConfirm
          text={`收回${app.vendorName}的${app.stallNumber ? `${app.stallNumber}号摊` : '位置'}？${app.vendorName}这天就没有摊位了，等候名单第一位会得到它。`}
          yes="确定收回"
          yesClass="release-yes"
          busy={busy}
          onYes={() => act(() => call('stall', 'release', { applicationId: app.id }))}
          onNo={() => setAsking(false)}
        />
      ) : (
        <View className="actions">
          {app.status === 'allocated' && onTheDay ? (
            <Button size="large" block className="checkin" loading={busy} disabled={busy} onClick={() => act(() => call('stall', 'checkIn', { applicationId: app.id }))}>
              签到
            </Button>
          ) : null}
          {admin && held ? (
            <Button size="large" block className="move" onClick={() => setMoving(true)}>
              换摊位
            </Button>
          ) : null}
          {admin && (app.status === 'allocated' || app.status === 'waitlisted' || app.status === 'applied') ? (
            <Button size="large" block className="release" onClick={() => setAsking(true)}>
              {app.status === 'waitlisted' ? '移出等候名单' : app.status === 'applied' ? '取消申请' : '收回摊位'}
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
