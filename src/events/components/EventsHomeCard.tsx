/**
 * 社区活动 on home (issue 22): for a registered person, the next coming events (up to two: title, day,
 * places in words, their own 已报名 / 候补) — a tap opens the list; for staff, 活动管理 (create,
 * edit, cancel for admins; roster and 签到 for all staff). Loads `market.listEvents` itself (one
 * database round trip), reloads when home shows again; shows nothing while loading, on error, or
 * with no event (staff still get 活动管理).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { isStaff, type Me } from '../../account/api';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { useReloadOnReturn } from '../../ui/useReloadOnReturn';
import { useRemote } from '../../ui/useRemote';
import { EVENTS_URLS, placesWords } from '../api';
import '../events.css';

export function EventsHomeCard({ me }: { me: Me | null }) {
  const registered = !!me?.registered;
  const list = useRemote(() => (registered ? call('market', 'listEvents', {}) : Promise.resolve({ ok: true as const, data: { communityName: null, events: [] } })), [registered]);
  useReloadOnReturn(list.reload);
  const staff = isStaff(me);
  const events = list.state === 'ok' ? list.data.events : [];
  if (!events.length && !staff) return null;
  return (
    <View className="card events-home">
      <View role="button" className="events-home-open" onClick={() => Taro.navigateTo({ url: EVENTS_URLS.list() })}>
        <Text className="events-home-label">社区活动</Text>
        {events.slice(0, 2).map((e) => (
          <Text key={e.id} className="events-home-item">
            {e.kindLabel} · {e.title} · {e.dateLabel} {e.start} ·{' '}
            {e.myBooking ? '您已报名' : e.myWaitlist ? `您在候补第 ${e.myWaitlist.position} 位` : placesWords(e)}
          </Text>
        ))}
        {events.length ? <Text className="events-home-go">点这里看活动、报名 ›</Text> : <Text className="events-home-item">最近没有活动</Text>}
      </View>
      {staff ? (
        <View className="actions">
          <Button size="large" block className="open-events-manage" onClick={() => Taro.navigateTo({ url: EVENTS_URLS.manage })}>
            活动管理（发布、签到）
          </Button>
        </View>
      ) : null}
    </View>
  );
}
