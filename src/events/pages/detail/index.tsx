/**
 * One event (活动): what it is, when and where, places left, and what the resident can do now —
 * 报名 (`market.book` on the event's slot; the tap first asks WeChat for the day-before reminder and
 * a change notice, as the market's booking does), 排队候补 when full (`market.joinWaitlist`; the tap
 * asks for the 候补成功 message) with the place in line, 取消报名 / 不排了 (asked inside the card: no
 * pop-up). A booking shows its code, big, to show at the door (签到).
 * At the counter (`for` = the resident's id; staff only) it signs that resident up (`market.bookFor`)
 * once the staff member confirms the resident's spoken consent (代报名); the name is the record's. A full
 * event offers 帮TA排候补 there with the same consent (`market.joinWaitlistFor`), and the resident's
 * place in line can be given up (取消候补, `market.leaveWaitlistFor`, asked first).
 * A repeated tap or a retry reuses the same requestId: one sign-up, never two.
 */
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { call } from '../../../services/call';
import { newRequestId, type CallResult } from '../../../services/cloud';
import { requestSubscribe } from '../../../services/subscribe';
import { useProxyWords } from '../../../services/family';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { placesWords, type EventView } from '../../api';
import { EventsError, EventsPage } from '../../components/EventsPage';

type Asking = null | 'cancel' | 'leave';

export default function EventDetailPage() {
  const { params } = useRouter();
  const id = decodeURIComponent(params.id ?? '');
  const forId = params.for ? decodeURIComponent(params.for) : '';
  const load = useCallback(async (): Promise<CallResult<{ e: EventView; residentName: string | null }>> => {
    const [e, resident] = await Promise.all([call('market', 'getEvent', forId ? { eventId: id, forResidentId: forId } : { eventId: id }), forId ? call('account', 'getResident', { residentId: forId }) : Promise.resolve(null)]);
    if (!e.ok) return e;
    if (resident && !resident.ok) return resident;
    return { ok: true, data: { e: e.data, residentName: resident ? resident.data.name : null } };
  }, [id, forId]);
  const ev = useRemote(load, [load]);
  // 家人代办: signing an elder up names him (「已为邹建庄报名」); the counter names the resident itself
  const w = useProxyWords(!!forId);
  useReloadOnReturn(ev.reload);
  const requestId = useRef(newRequestId());
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Asking>(null);
  const [consent, setConsent] = useState(false);
  // the counter: the resident has another booking at that time (BOOKING.OVERLAPS) — 仍要报名 once confirmed with them
  const [overlap, setOverlap] = useState<null | 'asked' | 'ok'>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useClearOnLeave(() => {
    setNotice(null);
    setAsking(null);
  });

  if (ev.state === 'loading') return <EventsPage proxy className="event-detail"><LoadingState /></EventsPage>;
  if (ev.state === 'error') return <EventsPage proxy className="event-detail"><EventsError error={ev.error} onRetry={ev.reload} /></EventsPage>;
  const { e, residentName } = ev.data;
  const after = (text: string) => (r: { ok: true } | { ok: false; error: { message: string } }) => {
    setBusy(false);
    setAsking(null);
    setNotice(r.ok ? { ok: true, text } : { ok: false, text: r.error.message });
    if (r.ok) requestId.current = newRequestId();
    ev.reload();
  };

  const signUp = async () => {
    if (busy) return;
    if (forId && !consent) return setNotice({ ok: false, text: `请先问 ${residentName ?? '居民'} 是否同意由您代为报名，同意后勾选上面的“居民已口头同意”` });
    // the reminder the day before and a change notice: WeChat asks only inside the tap, before anything is awaited
    if (!forId) void requestSubscribe([TEMPLATE_IDS.bookingReminder, TEMPLATE_IDS.bookingChange]);
    setBusy(true);
    const r = forId
      ? await call('market', 'bookFor', { residentId: forId, slotId: e.slotId, requestId: requestId.current, consent: spokenConsentGiven(), ...(overlap === 'ok' ? { allowOverlap: true } : {}) })
      : await call('market', 'book', { slotId: e.slotId, requestId: requestId.current });
    if (!r.ok && r.error.code === 'BOOKING.OVERLAPS') setOverlap('asked');
    after(forId ? `已为 ${residentName ?? '居民'} 报名：${e.title}` : `${w.say('报名成功：', '已为{name}报名：')}${e.title}，到场时出示报名码`)(r);
  };
  const joinLine = async () => {
    if (busy) return;
    if (forId) {
      // at the counter: the resident's spoken consent first, as for 代报名
      if (!consent) return setNotice({ ok: false, text: `请先问 ${residentName ?? '居民'} 是否同意由您代为排候补，同意后勾选上面的“居民已口头同意”` });
      setBusy(true);
      const r = await call('market', 'joinWaitlistFor', { residentId: forId, slotId: e.slotId, consent: spokenConsentGiven() });
      return after(r.ok ? `已帮 ${residentName ?? '居民'} 排上候补，排在第 ${r.data.position} 位；有人取消时自动为TA报名` : '')(r);
    }
    void requestSubscribe([TEMPLATE_IDS.waitlistPromoted, TEMPLATE_IDS.bookingChange]);
    setBusy(true);
    const r = await call('market', 'joinWaitlist', { slotId: e.slotId });
    after(r.ok ? `${w.say('已排上候补，您', '已为{name}排上候补，')}排在第 ${r.data.position} 位；有人取消时自动为${w.you}报名，并发消息告诉${w.you}` : '')(r);
  };
  const cancel = async () => {
    if (!e.myBooking) return;
    setBusy(true);
    after(`${w.say('已取消报名：', '已为{name}取消报名：')}${e.title}，名额让给其他居民了`)(await call('market', 'cancelBooking', { bookingId: e.myBooking.id }));
  };
  const leave = async () => {
    if (!e.myWaitlist) return;
    setBusy(true);
    const r = forId ? await call('market', 'leaveWaitlistFor', { residentId: forId, entryId: e.myWaitlist.id }) : await call('market', 'leaveWaitlist', { entryId: e.myWaitlist.id });
    after(forId ? `已为 ${residentName ?? '居民'} 取消 ${e.title} 的候补` : `${w.say('已不再排 ', '已为{name}取消 ')}${e.title} 的候补`)(r);
  };

  const who = forId ? (residentName ?? '居民') : w.you;
  return (
    <EventsPage proxy className="event-detail">
      <View className="card ev-article">
        <View className="ev-meta">
          <Text className="ev-badge">{e.kindLabel}</Text>
          {e.status === 'cancelled' ? <Text className="ev-badge ev-badge-off">已取消</Text> : null}
        </View>
        <Text className="title ev-title">{e.title}</Text>
        <Text className="ev-line">时间：{e.dateLabel} {e.start}–{e.end}</Text>
        <Text className="ev-line">地点：{e.place}</Text>
        <Text className={`ev-places ev-places-${e.state}`}>{placesWords(e)}</Text>
        {e.description ? <Text className="ev-desc">{e.description}</Text> : null}
        {e.status === 'cancelled' && e.cancelReason ? <Text className="notice">取消原因：{e.cancelReason}</Text> : null}
      </View>

      <View className="card ev-action">
        {notice ? (
          <Text className={notice.ok ? 'notice-ok ev-notice' : 'notice ev-notice'} aria-live="polite">
            {notice.text}
          </Text>
        ) : null}
        {e.myBooking ? (
          <View className="ev-mine">
            <Text className="subtitle">{e.myBooking.status === 'checkedIn' ? `${who}已签到` : `${who}已报名`}</Text>
            {e.myBooking.status === 'booked' ? (
              <View>
                <Text className="muted">报名码（到场签到时给工作人员看）</Text>
                <Text className="ev-code event-code">{e.myBooking.code}</Text>
              </View>
            ) : null}
            {e.myBooking.status === 'booked' && e.state !== 'closed' ? (
              asking === 'cancel' ? (
                <InlineConfirm text="确定取消报名吗？取消后名额会让给排队候补的居民。" yes="确定取消报名" yesClass="event-cancel-yes" busy={busy} onYes={cancel} onNo={() => setAsking(null)} no="不取消" />
              ) : (
                <View className="actions">
                  <Button size="large" block className="event-cancel" onClick={() => { setNotice(null); setAsking('cancel'); }}>
                    取消报名
                  </Button>
                </View>
              )
            ) : null}
          </View>
        ) : e.myWaitlist ? (
          <View className="ev-waiting">
            <Text className="ev-wait-pos event-wait-position">{who}排在候补第 {e.myWaitlist.position} 位</Text>
            <Text className="muted">{`有人取消时按先后自动为${who}报名，并发消息告诉${who}。`}</Text>
            {asking === 'leave' ? (
              <InlineConfirm
                text={forId ? `确定为 ${who} 取消候补吗？取消以后，有名额也不会再为 ${who} 报名。` : `确定不排了吗？不排以后，有名额也不会再为${who}报名。`}
                yes={forId ? '确定取消候补' : '确定不排了'}
                yesClass="event-leave-yes"
                busy={busy}
                onYes={leave}
                onNo={() => setAsking(null)}
                no="继续排队"
              />
            ) : (
              <View className="actions">
                <Button size="large" block className="event-leave" onClick={() => { setNotice(null); setAsking('leave'); }}>
                  {forId ? '取消候补' : '不排了'}
                </Button>
              </View>
            )}
          </View>
        ) : e.state === 'open' ? (
          <View>
            {forId ? (
              <View className="ev-consent" role="checkbox" aria-checked={consent} onClick={() => { setConsent(!consent); setNotice(null); }}>
                <Text className="ev-consent-box">{consent ? '✓' : ''}</Text>
                <Text>{residentName ?? '居民'} 已口头同意由我代为报名</Text>
              </View>
            ) : null}
            {forId && overlap ? (
              <View className="ev-consent ev-overlap" role="checkbox" aria-checked={overlap === 'ok'} onClick={() => { setOverlap(overlap === 'ok' ? 'asked' : 'ok'); setNotice(null); }}>
                <Text className="ev-consent-box">{overlap === 'ok' ? '✓' : ''}</Text>
                <Text>时间和别的预约有重叠，居民确认能赶上，仍要报名</Text>
              </View>
            ) : null}
            <View className="actions">
              <Button type="primary" size="large" block className="event-sign-up" loading={busy} disabled={busy} onClick={signUp}>
                {forId ? `为 ${residentName ?? '居民'} 报名` : w.say('我要报名', '为{name}报名')}
              </Button>
            </View>
          </View>
        ) : e.state === 'full' ? (
          <View>
            <Text className="muted">{`名额已经报满了。排队候补：有人取消时按先后自动为${who}报名。`}</Text>
            {forId ? (
              <View className="ev-consent" role="checkbox" aria-checked={consent} onClick={() => { setConsent(!consent); setNotice(null); }}>
                <Text className="ev-consent-box">{consent ? '✓' : ''}</Text>
                <Text>{who} 已口头同意由我代为排候补</Text>
              </View>
            ) : null}
            <View className="actions">
              <Button type="primary" size="large" block className={forId ? 'event-join-line-for' : 'event-join-line'} loading={busy} disabled={busy} onClick={joinLine}>
                {forId ? `帮 ${who} 排候补` : '排队候补'}
              </Button>
            </View>
          </View>
        ) : (
          <Text className="muted ev-closed">{e.status === 'cancelled' ? '活动已取消，不能报名' : '报名已结束'}</Text>
        )}
      </View>
      {!forId ? (
        <View className="actions">
          <Button size="large" block className="open-my-bookings" onClick={() => Taro.navigateTo({ url: '/market/pages/bookings/index' })}>
            看{w.my('预约和报名')}
          </Button>
        </View>
      ) : null}
    </EventsPage>
  );
}
