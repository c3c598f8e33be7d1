/**
 * My bookings: coming bookings first (soonest first; cancelled and past ones folded), with the code to show at the
 * stall and a cancel button (asks first) until the slot starts; a booking the waitlist gave them says
 * 候补成功. Then the places in line (候补中, with the place; 不排了 asks inside the card). With nothing
 * coming, 去预约 leads to the coming market day (the one of a just-cancelled booking, else home).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { BookingView, WaitlistView } from '../../api';
import { BookingList } from '../../components/BookingList';
import { WaitlistCard } from '../../components/WaitlistCard';
import { call } from '../../../services/call';
import { useProxyWords } from '../../../services/family';
import type { CallResult } from '../../../services/cloud';
import { Page } from '../../../ui/Page';
import { localDate } from '../../../ui/time';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import '../../market.css';

interface Mine {
  bookings: BookingView[];
  waitlist: WaitlistView[];
}

/** The caller's bookings and places in line (in parallel: one wait). */
async function loadMine(): Promise<CallResult<Mine>> {
  const [bookings, waitlist] = await Promise.all([call('market', 'myBookings'), call('market', 'myWaitlist')]);
  if (!bookings.ok) return bookings;
  if (!waitlist.ok) return waitlist;
  return { ok: true, data: { bookings: bookings.data, waitlist: waitlist.data } };
}

/** Today's date (YYYY-MM-DD) in China, as market days are dated. */

export default function BookingsPage() {
  const list = useRemote(loadMine);
  // 家人代办: while acting for an elder the page is theirs (「邹建庄的预约」)
  const w = useProxyWords();
  useReloadOnReturn(list.reload);
  const [leaving, setLeaving] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useClearOnLeave(() => {
    setLeaving(null);
    setNotice(null);
  });

  const leave = async (e: WaitlistView) => {
    setBusy(e.id);
    const r = await call('market', 'leaveWaitlist', { entryId: e.id });
    setBusy(null);
    setLeaving(null);
    setNotice(r.ok ? { ok: true, text: `${w.say('已不再排 ', '已为{name}取消候补：')}${e.dateLabel} ${e.slotLabel} 的${e.serviceName}` } : { ok: false, text: r.error.message });
    list.reload();
  };

  const goBook = (bookings: BookingView[]) => () => {
    const today = localDate();
    // a market day (an event's booking has none: its marketDayId is `event:<id>`)
    const day = bookings.find((b) => b.date >= today && !b.eventId)?.marketDayId;
    if (day) Taro.navigateTo({ url: `/market/pages/day/index?id=${encodeURIComponent(day)}` });
    else Taro.reLaunch({ url: '/pages/index/index' });
  };

  return (
    <Page proxy className="bookings">
      <Text className="title bookings-title">{w.my('预约')}</Text>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' && list.data.bookings.length === 0 && list.data.waitlist.length === 0 ? (
        <EmptyState text={w.say('您还没有预约', '还没有帮{name}预约')} actionText="回首页去预约" onAction={() => Taro.reLaunch({ url: '/pages/index/index' })} />
      ) : null}
      {notice ? <Text className={notice.ok ? 'notice-ok' : 'notice'}>{notice.text}</Text> : null}
      {list.state === 'ok' ? <BookingList bookings={list.data.bookings} reload={list.reload} split onGoBook={goBook(list.data.bookings)} /> : null}
      {list.state === 'ok' && list.data.waitlist.length > 0 ? (
        <View className="waitlist-section">
          <Text className="subtitle waitlist-title">排队候补（{list.data.waitlist.length}）</Text>
          {list.data.waitlist.map((e) => (
            <WaitlistCard
              key={e.id}
              entry={e}
              busy={busy === e.id}
              confirming={leaving === e.id}
              onLeave={(x) => {
                setNotice(null);
                setLeaving(x.id);
              }}
              onConfirmLeave={leave}
              onKeep={() => setLeaving(null)}
              whom={w.you}
            />
          ))}
        </View>
      ) : null}
    </Page>
  );
}
