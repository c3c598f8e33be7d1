/**
 * 活动管理 (staff; home's staff area → 活动管理): the community's coming events with their places,
 * sign-ups and line; each opens its 签到 list (roster); a community admin also creates an event
 * (发布活动) and edits or cancels one (修改 / 取消活动, on the edit page). A resident who lands here
 * is told the page is for staff.
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback } from 'react';
import type { Me } from '../../../account/api';
import { call } from '../../../services/call';
import type { CallResult } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { EVENTS_URLS, type EventsResult } from '../../api';
import { EventsError, EventsPage } from '../../components/EventsPage';

export default function EventManagePage() {
  const load = useCallback(async (): Promise<CallResult<{ me: Me; list: EventsResult }>> => {
    const [me, list] = await Promise.all([call('account', 'me'), call('market', 'listEvents', {})]);
    if (!me.ok) return me;
    if (!list.ok) return list;
    if (!me.data.registered || (me.data.user.role !== 'gridWorker' && me.data.user.role !== 'communityAdmin')) return { ok: false, error: { code: 'COMMON.FORBIDDEN', message: '' } };
    return { ok: true, data: { me: me.data, list: list.data } };
  }, []);
  const page = useRemote(load, [load]);
  useReloadOnReturn(page.reload);
  usePullDownRefresh(() => {
    page.reload();
    Taro.stopPullDownRefresh();
  });
  const admin = page.state === 'ok' && page.data.me.registered && page.data.me.user.role === 'communityAdmin';
  return (
    <EventsPage className="events-manage">
      <Text className="title ev-heading">活动管理</Text>
      {page.state === 'loading' ? <LoadingState /> : null}
      {page.state === 'error' ? <EventsError error={page.error} onRetry={page.reload} /> : null}
      {admin ? (
        <View className="actions ev-new">
          <Button type="primary" size="large" block className="event-new" onClick={() => Taro.navigateTo({ url: EVENTS_URLS.edit() })}>
            发布新活动
          </Button>
        </View>
      ) : null}
      {page.state === 'ok' && !page.data.list.events.length ? <EmptyState text="最近没有活动" /> : null}
      {page.state === 'ok'
        ? page.data.list.events.map((e) => (
            <View key={e.id} className={`card ev-row ev-${e.state}`} data-event={e.id}>
              <View className="ev-meta">
                <Text className="ev-badge">{e.kindLabel}</Text>
              </View>
              <Text className="ev-title">{e.title}</Text>
              <Text className="ev-line">
                {e.dateLabel} {e.start}–{e.end} · {e.place}
              </Text>
              <Text className={`ev-places ev-places-${e.state}`}>
                已报名 {e.booked} / {e.places} 人{e.waiting ? `，候补 ${e.waiting} 人` : ''}{e.state === 'full' ? '（已报满）' : ''}
              </Text>
              <View className="actions">
                <Button size="large" block className="event-open-roster" onClick={() => Taro.navigateTo({ url: EVENTS_URLS.roster(e.id) })}>
                  报名名单和签到
                </Button>
                {admin ? (
                  <Button size="large" block className="event-edit" onClick={() => Taro.navigateTo({ url: EVENTS_URLS.edit(e.id) })}>
                    修改或取消活动
                  </Button>
                ) : null}
              </View>
            </View>
          ))
        : null}
    </EventsPage>
  );
}
