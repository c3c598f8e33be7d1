/**
 * 报名名单和签到 (staff of the event's community): who signed up (已签到 / 未签到, with 签到 when it can
 * succeed: from an hour before the event until it ends), 按报名码签到 (the code the resident shows or
 * reads out; `market.checkInByCode`, case forgiven), and who waits in line, in order. The outcome of
 * each check-in is said in words on the page.
 */
import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { MARKET_LIMITS as L } from '../../../../cloudfunctions/market/limits';
import { call } from '../../../services/call';
import { Button } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import type { BookingView } from '../../api';
import { EventsError, EventsPage } from '../../components/EventsPage';

export default function EventRosterPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const load = useCallback(() => call('market', 'eventRoster', { eventId: id }), [id]);
  const roster = useRemote(load, [load]);
  useReloadOnReturn(roster.reload);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useClearOnLeave(() => setNotice(null));

  const byCode = async () => {
    const c = code.trim();
    if (c.length < L.code.min) return setNotice({ ok: false, text: '请输入居民的报名码（预约码）' });
    setBusy('code');
    const r = await call('market', 'checkInByCode', { code: c });
    setBusy(null);
    setNotice(r.ok ? { ok: true, text: `${r.data.residentName} 已签到：${r.data.serviceName}` } : { ok: false, text: r.error.message });
    if (r.ok) setCode('');
    roster.reload();
  };
  const one = async (b: BookingView) => {
    setBusy(b.id);
    const r = await call('market', 'checkIn', { bookingId: b.id });
    setBusy(null);
    setNotice(r.ok ? { ok: true, text: `${b.residentName} 已签到` } : { ok: false, text: r.error.message });
    roster.reload();
  };

  if (roster.state === 'loading') return <EventsPage className="events-roster"><LoadingState /></EventsPage>;
  if (roster.state === 'error') return <EventsPage className="events-roster"><EventsError error={roster.error} onRetry={roster.reload} /></EventsPage>;
  const { event: e, bookings, waitlist, checkedIn } = roster.data;
  return (
    <EventsPage className="events-roster">
      <View className="card">
        <Text className="title ev-title">{e.title}</Text>
        <Text className="ev-line">
          {e.dateLabel} {e.start}–{e.end} · {e.place}
        </Text>
        <Text className="ev-places roster-count">
          报名 {bookings.length} 人，已签到 {checkedIn} 人{waitlist.length ? `，候补 ${waitlist.length} 人` : ''}
        </Text>
      </View>
      <View className="card">
        <Text className="subtitle">按报名码签到</Text>
        <View className="ev-code-form">
          <Input className="v-input roster-code" value={code} maxlength={L.code.max} placeholder="居民报的码" aria-label="报名码" onInput={(x) => { setCode(x.detail.value); setNotice(null); }} />
          <Button type="primary" size="large" className="roster-code-check-in" loading={busy === 'code'} disabled={!!busy} onClick={byCode}>
            签到
          </Button>
        </View>
        {notice ? (
          <Text className={notice.ok ? 'notice-ok roster-notice' : 'notice roster-notice'} aria-live="polite">
            {notice.text}
          </Text>
        ) : null}
      </View>
      <View className="card">
        <Text className="subtitle">报名名单</Text>
        {!bookings.length ? <EmptyState text="还没有人报名" /> : null}
        {bookings.map((b) => (
          <View key={b.id} className="ev-roster-row" data-booking={b.id}>
            <View>
              <Text className="ev-roster-name">{b.residentName}</Text>
              <Text className="ev-roster-state">
                {' '}
                {b.status === 'checkedIn' ? '已签到' : '未签到'}
                {b.assisted ? ` · ${b.actorName}代报名` : ''}
                {b.fromWaitlist ? ' · 候补成功' : ''}
              </Text>
            </View>
            {b.status === 'booked' && b.checkInOpen ? (
              <Button size="large" className="roster-check-in" loading={busy === b.id} disabled={!!busy} onClick={() => one(b)}>
                签到
              </Button>
            ) : null}
          </View>
        ))}
      </View>
      {waitlist.length ? (
        <View className="card">
          <Text className="subtitle">候补（按先后）</Text>
          {waitlist.map((w) => (
            <View key={w.id} className="ev-roster-row">
              <Text className="ev-roster-name">
                {w.position}. {w.residentName}
              </Text>
              {w.actorName ? <Text className="muted ev-roster-by">由 {w.actorName} 代为排候补</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
    </EventsPage>
  );
}
