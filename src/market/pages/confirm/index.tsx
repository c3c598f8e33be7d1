/**
 * Booking confirmation: shows what will be booked (service, day, time, place) and books on one tap;
 * then the booking's own page (market/pages/booking, loaded by id) takes this page's place, so a
 * reload or a shared link shows the booking, never this form again. A repeated tap or a retry after
 * a network error reuses the same requestId, so it can never make two bookings. At the counter
 * (`for` = the resident's id) it books for that resident — loaded by id (`account.getResident`),
 * never named from the URL — and first asks the staff member to confirm the resident's spoken consent.
 *
 * Issue 17: a visitor not registered yet is told so before the button, with 先登记 — the registration
 * page brings them back here, to the same slot (`back`). A slot overlapping another booking of theirs
 * that day is warned about (the resident may still book; at the counter the staff member must tick
 * 仍要预约, else `bookFor` answers BOOKING.OVERLAPS). A full slot (tapped on the day page) offers
 * 排队候补 instead: the tap asks WeChat's permission for the promotion message, joins the line and
 * says the place in it; a slot they already wait for says their place. At the counter a full slot (or
 * one `bookFor` finds full: BOOKING.SLOT_FULL) offers 帮TA排候补 with the same consent choice
 * (`joinWaitlistFor`), and a slot the resident waits for says their place. Both 候补 cards are
 * components/WaitCard (the words and, at the counter, the consent choice passed in).
 */
import { View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { loadDayFor } from '../../loadDayFor';
import { call } from '../../../services/call';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { requestSubscribe } from '../../../services/subscribe';
import { useProxyWords } from '../../../services/family';
import { Button } from '../../../ui/nutui';
import { Page, backToPage } from '../../../ui/Page';
import { ErrorState, LoadingState, REGISTER_URL } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { WaitCard } from '../../components/WaitCard';
import '../../market.css';

type Submit = { state: 'idle' } | { state: 'sending' } | { state: 'done' } | { state: 'waiting'; position: number } | { state: 'failed'; error: CallError };

export default function ConfirmPage() {
  const { params } = useRouter();
  const dayId = decodeURIComponent(params.day ?? '');
  const slotId = decodeURIComponent(params.slot ?? '');
  const forId = params.for ? decodeURIComponent(params.for) : '';
  const load = useCallback(() => loadDayFor(dayId, forId), [dayId, forId]);
  const detail = useRemote(load, [load]);
  const requestId = useRef(newRequestId());
  // 家人代办: booking for an elder names them (never at the counter, which names the resident itself)
  const w = useProxyWords(!!forId);
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });
  const [consent, setConsent] = useState(false);
  const [overlapOk, setOverlapOk] = useState(false);
  // a problem said here is about this visit: gone when the user leaves, or fixes it (consent)
  useClearOnLeave(() => setSubmit((s) => (s.state === 'failed' ? { state: 'idle' } : s)));
  const toggleConsent = () => {
    setConsent(!consent);
    if (submit.state === 'failed' && submit.error.code === 'COUNTER.CONSENT_REQUIRED') setSubmit({ state: 'idle' });
  };

  const toggleOverlap = () => {
    setOverlapOk(!overlapOk);
    if (submit.state === 'failed' && submit.error.code === 'BOOKING.OVERLAPS') setSubmit({ state: 'idle' });
  };
  const here = `/market/pages/confirm/index?day=${encodeURIComponent(dayId)}&slot=${encodeURIComponent(slotId)}`;
  // registration takes this page's place and gives it back after (the same slot)
  const register = () => Taro.redirectTo({ url: `${REGISTER_URL}?back=${encodeURIComponent(here)}` });
  const showMine = () => Taro.redirectTo({ url: '/market/pages/bookings/index' });

  /** Puts them in line with `join` (the call of the resident's own tap or the counter's) and says the place; a failure is said, and a place that came free meanwhile reloads the page to book it instead. */
  const lineUp = async (join: () => Promise<CallResult<{ position: number }>>) => {
    setSubmit({ state: 'sending' });
    const r = await join();
    if (!r.ok) {
      setSubmit({ state: 'failed', error: r.error });
      if (r.error.code === 'BOOKING.NOT_FULL') detail.reload(); // a place came free: book it instead
      return;
    }
    setSubmit({ state: 'waiting', position: r.data.position });
  };

  const joinLine = async () => {
    if (submit.state === 'sending') return;
    // the promotion message, and a change to the place it gives: WeChat asks only inside the tap,
    // before anything is awaited (one dialog, up to 3 templates)
    void requestSubscribe([TEMPLATE_IDS.waitlistPromoted, TEMPLATE_IDS.bookingChange]);
    await lineUp(() => call('market', 'joinWaitlist', { slotId }));
  };

  // at the counter: the resident in line, with their spoken consent (the same choice as for a booking)
  const joinLineFor = async () => {
    if (submit.state === 'sending') return;
    if (!consent) {
      setSubmit({ state: 'failed', error: { code: 'COUNTER.CONSENT_REQUIRED', message: '请先问居民是否同意由您代为排候补，同意后点上面的按钮确认' } });
      return;
    }
    await lineUp(() => call('market', 'joinWaitlistFor', { residentId: forId, slotId, consent: spokenConsentGiven() }));
  };

  const confirm = async () => {
    if (submit.state === 'sending') return;
    if (forId && !consent) {
      setSubmit({ state: 'failed', error: { code: 'COUNTER.CONSENT_REQUIRED', message: '请先问居民是否同意由您代为预约，同意后点上面的按钮确认' } });
      return;
    }
    // the reminder the day before (issue 11) and a change or cancellation (issue 18), in one dialog:
    // WeChat asks only inside the tap, before anything is awaited; at the counter the resident is not the one tapping
    if (!forId) void requestSubscribe([TEMPLATE_IDS.bookingReminder, TEMPLATE_IDS.bookingChange]);
    setSubmit({ state: 'sending' });
    const r = forId
      ? await call('market', 'bookFor', { residentId: forId, slotId, requestId: requestId.current, consent: spokenConsentGiven(), ...(overlapOk ? { allowOverlap: true } : {}) })
      : await call('market', 'book', { slotId, requestId: requestId.current });
    if (!r.ok) {
      setSubmit({ state: 'failed', error: r.error });
      // taken meanwhile: the page shows the slot full and offers the line (at the counter 帮TA排候补)
      if (r.error.code === 'BOOKING.SLOT_FULL') detail.reload();
      return;
    }
    setSubmit({ state: 'done' });
    // the booking's own page takes this one's place: a reload shows the booking, not this form
    Taro.redirectTo({ url: `/market/pages/booking/index?id=${encodeURIComponent(r.data.id)}${forId ? `&for=${encodeURIComponent(forId)}` : ''}` });
  };

  if (detail.state === 'loading') return <Page proxy><LoadingState /></Page>;
  if (detail.state === 'error') return <Page proxy><ErrorState message={detail.error.message} code={detail.error.code} onRetry={detail.reload} /></Page>;
  const { detail: day0, resident, waitlist, registered } = detail.data;
  const service = day0.services.find((s) => s.slots.some((sl) => sl.id === slotId));
  const slot = service?.slots.find((sl) => sl.id === slotId);
  const { day } = day0;
  if (submit.state === 'done') return <Page proxy className="confirm"><LoadingState text="预约好了，正在打开预约单…" /></Page>;
  const backToDay = () => backToPage('market/pages/day/index', `/market/pages/day/index?id=${encodeURIComponent(dayId)}${forId ? `&for=${encodeURIComponent(forId)}` : ''}`);

  if (!service || !slot) {
    return (
      <Page proxy>
        <ErrorState message="没有找到这个时段，请返回重新选择" code="BOOKING.SLOT_NOT_FOUND" onRetry={backToDay} />
      </Page>
    );
  }

  const notice =
    submit.state === 'failed' ? (
      <Text className="notice" aria-live="assertive">
        {submit.error.message}
      </Text>
    ) : null;
  const back = (
    <Button size="large" block onClick={backToDay}>
      返回重新选择
    </Button>
  );
  const lines = (
    <View>
      <Text className="confirm-line">项目：{service.name}</Text>
      <Text className="confirm-line">日期：{day.dateLabel}</Text>
      <Text className="confirm-line">时间：{service.bookingMode === 'queue' ? `${slot.label}（排队取号）` : slot.label}</Text>
      <Text className="confirm-line">地点：{day.place}</Text>
    </View>
  );

  // a visitor: nothing can be booked or waited for before registering — say so, and come back here after
  if (!forId && registered === false) {
    return (
      <Page proxy className="confirm">
        <View className="card">
          <Text className="title">预约前要先登记</Text>
          {lines}
          <Text className="notice confirm-register-why">您还没有登记。登记一下住在哪里（1 分钟），登记完会回到这个时段，再点确认预约。</Text>
          <View className="actions">
            <Button className="confirm-register" type="primary" size="large" block onClick={register}>
              先登记，再回来预约
            </Button>
            {back}
          </View>
        </View>
      </Page>
    );
  }

  const mine = waitlist.find((w) => w.slotId === slotId);
  if (!forId && (slot.state === 'full' || mine || submit.state === 'waiting')) {
    return (
      <Page proxy className="confirm confirm-wait">
        <WaitCard
          who={w.you}
          lines={lines}
          position={submit.state === 'waiting' ? submit.position : mine?.position}
          waiting={slot.waiting}
          inLineWords={`有人取消时，按排队先后自动为${w.you}预约，并发消息告诉${w.you}；预约好了会出现在“${w.my('预约')}”里。不想等了可以在“${w.my('预约')}”里不排了。`}
          next={{ label: `查看${w.my('预约')}`, onClick: showMine }}
          joinWords={`可以排队候补：有人取消时，按排队先后自动为${w.you}预约，并发消息告诉${w.you}。`}
          join={{ label: '排队候补', className: 'wait-join', onClick: joinLine, sending: submit.state === 'sending' }}
          notice={notice}
          back={back}
        />
      </Page>
    );
  }

  if (forId && resident && (slot.state === 'full' || mine || submit.state === 'waiting')) {
    const name = resident.name;
    const toResident = () => backToPage('counter/pages/resident/index', `/counter/pages/resident/index?id=${encodeURIComponent(forId)}`);
    return (
      <Page proxy className="confirm confirm-wait confirm-wait-for">
        <WaitCard
          who={name}
          lines={lines}
          position={submit.state === 'waiting' ? submit.position : mine?.position}
          waiting={slot.waiting}
          inLineWords={`有人取消时，按排队先后自动为${name}预约，并发消息告诉${name}；预约好了会出现在${name}的预约里。不排了可以在${name}的页面上取消候补。`}
          next={{ label: `回到${name}的页面`, onClick: toResident, className: 'wait-back-resident' }}
          joinWords={`可以帮${name}排队候补：有人取消时，按排队先后自动为${name}预约。`}
          join={{ label: `帮${name}排候补`, className: 'wait-join-for', onClick: joinLineFor, sending: submit.state === 'sending' }}
          consent={
            <Button className={`consent-choice${consent ? ' consent-on' : ''}`} size="large" block type={consent ? 'success' : 'default'} onClick={toggleConsent}>
              {consent ? '☑ 居民已口头同意由我代为排候补' : '☐ 已问过居民，他同意由我代为排候补'}
            </Button>
          }
          notice={notice}
          back={back}
        />
      </Page>
    );
  }

  return (
    <Page proxy className="confirm">
      <View className="card">
        <Text className="title">{resident ? `为 ${resident.name} 代为预约` : w.say('请确认预约信息', '请确认为{name}预约的信息')}</Text>
        {lines}
        <Text className="confirm-line">剩余名额：{slot.remaining}</Text>
        {slot.overlaps ? (
          <Text className="notice overlap-warning" aria-live="polite">
            注意：{resident ? `${resident.name}这天` : `${w.you}这天`}已经约了 {slot.overlaps.serviceName} {slot.overlaps.slotLabel}，和这个时间有重叠，可能两边赶不上。{resident ? '请先问问居民。' : '仍要预约也可以。'}
          </Text>
        ) : null}
        {forId && (slot.overlaps || (submit.state === 'failed' && submit.error.code === 'BOOKING.OVERLAPS')) ? (
          <View className="actions">
            <Button className={`consent-choice overlap-choice${overlapOk ? ' consent-on' : ''}`} size="large" block type={overlapOk ? 'success' : 'default'} onClick={toggleOverlap}>
              {overlapOk ? '☑ 居民知道时间重叠，仍要预约' : '☐ 居民知道时间重叠，仍要预约'}
            </Button>
          </View>
        ) : null}
        {forId ? (
          <View className="actions consent">
            <Button className={`consent-choice${consent ? ' consent-on' : ''}`} size="large" block type={consent ? 'success' : 'default'} onClick={toggleConsent}>
              {consent ? '☑ 居民已口头同意由我代为预约' : '☐ 已问过居民，他同意由我代为预约'}
            </Button>
          </View>
        ) : null}
        {notice}
        <View className="actions">
          <Button type="primary" size="large" block loading={submit.state === 'sending'} disabled={submit.state === 'sending'} onClick={confirm}>
            {submit.state === 'failed' && submit.error.code === 'CLIENT.NETWORK' ? '再试一次' : '确认预约'}
          </Button>
          {back}
        </View>
        {/* at the counter the resident may have no phone: cancelling is done at the counter, not in "my bookings" */}
        {forId ? <Text className="muted">居民要取消时，请他来解忧铺找工作人员办理。</Text> : <Text className="muted">{`开始前都可以在“${w.my('预约')}”里取消。`}</Text>}
      </View>
    </Page>
  );
}
