/**
 * One booking, loaded by id from the server (`?id=<bookingId>`, at the counter also
 * `&for=<residentId>`): where booking a place ends (预约成功), and what a reload or a shared link of
 * that page shows — the same booking, never the confirmation form again. A booking that is not
 * there (any more) says so, with the way home.
 *
 * It shows the service, day and time, place and the booking code large; at the counter also the
 * resident's name and, in the H5 app, 打印预约单: the browser prints only the slip (name, service,
 * time, place, code large; `@media print` in app.css). The slip also says whom to call and how to
 * cancel: the kiosk's name and phone (`listMarketDays` → `kiosk`, from the community's `contact`)
 * and, for a resident, 我的预约 → 取消预约; on paper, the phone or the counter.
 *
 * The resident's own page reads the booking from `myBookings`; the counter's from `bookingsFor` of
 * the resident in the URL — so a booking of someone else never shows, whatever the URL says.
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import type { BookingView, MarketDaysResult } from '../../api';
import { bookingIn, bookingTitle } from '../../bookingView';
import { call } from '../../../services/call';
import { useProxyWords } from '../../../services/family';
import type { ProxyWords } from '../../../services/familyActions';
import type { CallResult } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { Page, backToPage } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import '../../market.css';

/** True in the H5 app, where the browser can print (the mini-program cannot). */
const canPrint = () => process.env.TARO_ENV === 'h5' && typeof window !== 'undefined' && typeof window.print === 'function';

export default function BookingPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const forId = params.for ? decodeURIComponent(params.for) : '';
  const load = useCallback(async (): Promise<CallResult<{ b: BookingView; kiosk: MarketDaysResult['kiosk'] }>> => {
    const [r, days] = await Promise.all([forId ? call('market', 'bookingsFor', { residentId: forId }) : call('market', 'myBookings'), call('market', 'listMarketDays')]);
    if (!r.ok) return r;
    const found = bookingIn(r.data, id);
    // the kiosk's phone is help on the slip, not the booking: a slip without it still shows
    return found.ok ? { ok: true, data: { b: found.data, kiosk: days.ok ? days.data.kiosk : null } } : found;
  }, [id, forId]);
  const booking = useRemote(load, [load]);
  // 家人代办: a booking made for an elder is named as theirs (never at the counter)
  const w = useProxyWords(!!forId);
  useReloadOnReturn(booking.reload);

  if (booking.state === 'loading') return <Page proxy className="booking-page"><LoadingState /></Page>;
  if (booking.state === 'error') {
    return (
      <Page proxy className="booking-page">
        <ErrorState message={booking.error.message} code={booking.error.code} onRetry={booking.reload} />
      </Page>
    );
  }
  const { b, kiosk } = booking.data;
  const counter = !!forId;
  const assist = counter ? `&for=${encodeURIComponent(forId)}` : '';
  const active = b.status === 'booked';
  const time = `${b.dateLabel} ${b.mode === 'queue' ? `${b.slotLabel}（排队取号）` : b.slotLabel}`;
  return (
    <Page proxy className="confirm-done booking-page">
      <View className="card print-slip">
        <Text className="slip-heading">{b.eventId ? '解忧铺 · 活动报名单' : '解忧铺 · 集市预约单'}</Text>
        <Text className="title booking-title">{bookingTitle(b, counter, w)}</Text>
        {counter ? <Text className="confirm-line slip-name">居民：{b.residentName}</Text> : null}
        <Text className="confirm-line">{b.eventId ? '活动' : '项目'}：{b.serviceName}</Text>
        <Text className="confirm-line">时间：{time}</Text>
        <Text className="confirm-line">地点：{b.place}</Text>
        {active ? (
          <View>
            <Text className="muted slip-code-label slip-screen-only">{counter ? '预约码（请念给居民听，或打印、抄在小票上交给他）' : w.say('您的预约码（到场时给工作人员看）', '{name}的预约码（到场时给工作人员看）')}</Text>
            <Text className="muted slip-code-label slip-print-only">预约码（集市当天到场时给工作人员看）</Text>
            <Text className="big-code booking-code slip-code">{b.code}</Text>
            <SlipHelp kiosk={kiosk} counter={counter} w={w} />
          </View>
        ) : null}
      </View>
      <View className="card booking-next no-print">
        <View className="actions">
          {counter && active && canPrint() ? (
            <Button className="slip-print" size="large" block onClick={() => window.print()}>
              打印预约单
            </Button>
          ) : null}
          {counter ? (
            <Button type="primary" size="large" block onClick={() => backToPage('counter/pages/resident/index', `/counter/pages/resident/index?id=${encodeURIComponent(forId)}`)}>
              回到 {b.residentName} 的预约
            </Button>
          ) : (
            <Button type="primary" size="large" block onClick={() => Taro.redirectTo({ url: '/market/pages/bookings/index' })}>
              查看{w.my('预约')}
            </Button>
          )}
          {b.eventId ? (
            <Button size="large" block onClick={() => Taro.navigateTo({ url: `/events/pages/detail/index?id=${encodeURIComponent(b.eventId!)}${assist}` })}>
              看这个活动
            </Button>
          ) : (
            <Button size="large" block onClick={() => backToPage('market/pages/day/index', `/market/pages/day/index?id=${encodeURIComponent(b.marketDayId)}${assist}`)}>
              {counter ? `为 ${b.residentName} 预约其他项目` : w.say('继续预约其他项目', '为{name}预约其他项目')}
            </Button>
          )}
        </View>
      </View>
    </Page>
  );
}

/**
 * The slip's last lines: whom to ask (the kiosk, its phone and hours) and how to cancel — a resident
 * on their phone in 我的预约 (a family member acting for an elder: 邹建庄的预约); on paper (a resident
 * served at the counter) by phone or at the counter.
 */
function SlipHelp({ kiosk, counter, w }: { kiosk: MarketDaysResult['kiosk']; counter: boolean; w: ProxyWords }) {
  const name = kiosk?.name ?? '解忧铺';
  const phone = kiosk?.phone ?? null;
  return (
    <View className="slip-help">
      {phone ? (
        <Text className="confirm-line slip-phone">
          {name}电话：{phone}
          {kiosk?.hours ? `（${kiosk.hours}）` : ''}
        </Text>
      ) : (
        <Text className="confirm-line slip-phone">有事请到{name}柜台{kiosk?.place ? `（${kiosk.place}）` : ''}</Text>
      )}
      <Text className={`confirm-line slip-cancel${counter ? '' : ' slip-screen-only'}`}>
        不能来了：{counter ? (phone ? `请打上面的电话，或到${name}柜台，说预约码就能取消` : `请到${name}柜台，说预约码就能取消`) : `在“${w.my('预约')}”里点“取消预约”`}
        {!counter && phone ? '，或打上面的电话' : ''}
      </Text>
      {!counter ? (
        <Text className="confirm-line slip-cancel slip-print-only">不能来了：{phone ? `请打上面的电话，或到${name}柜台，说预约码就能取消` : `请到${name}柜台，说预约码就能取消`}</Text>
      ) : null}
    </View>
  );
}
