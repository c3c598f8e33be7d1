/**
 * 社区活动 (a resident): the community's coming events (文艺演出, 义诊, 宣讲 …), soonest first — kind,
 * title, day and time, place, places left in words, and the resident's own state (已报名 / 候补第 N
 * 位). Tapping one opens it (报名, 候补, 取消 there). At the counter (`for` = the resident's id, staff
 * only) it is the list the staff member signs that resident up from (代报名): the resident's name is
 * the record's (`account.getResident`), never the URL's.
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { useCallback } from 'react';
import { call } from '../../../services/call';
import { useProxyWords } from '../../../services/family';
import type { CallResult } from '../../../services/cloud';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { EVENTS_URLS, placesWords, type EventsResult, type EventView } from '../../api';
import { EventsError, EventsPage } from '../../components/EventsPage';

export default function EventListPage() {
  const { params } = useRouter();
  const forId = params.for ? decodeURIComponent(params.for) : '';
  const load = useCallback(async (): Promise<CallResult<EventsResult & { residentName: string | null }>> => {
    const [list, resident] = await Promise.all([call('market', 'listEvents', forId ? { forResidentId: forId } : {}), forId ? call('account', 'getResident', { residentId: forId }) : Promise.resolve(null)]);
    if (!list.ok) return list;
    if (resident && !resident.ok) return resident;
    return { ok: true, data: { ...list.data, residentName: resident ? resident.data.name : null } };
  }, [forId]);
  const list = useRemote(load, [load]);
  // 家人代办: the list a family member signs the elder up from names him
  const w = useProxyWords(!!forId);
  useReloadOnReturn(list.reload);
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <EventsPage proxy className="events-list">
      <Text className="title ev-heading">{list.state === 'ok' && list.data.residentName ? `为 ${list.data.residentName} 代报名活动` : w.say('社区活动', '为{name}报名社区活动')}</Text>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <EventsError error={list.error} onRetry={list.reload} /> : null}
      {list.state === 'ok' && !list.data.events.length ? <EmptyState text="最近没有要报名的活动" /> : null}
      {list.state === 'ok' && list.data.events.length ? (
        <View>
          <Text className="ev-summary">共 {list.data.events.length} 个活动，点开可以报名</Text>
          {list.data.events.map((e) => (
            <EventRow key={e.id} e={e} forId={forId} />
          ))}
        </View>
      ) : null}
    </EventsPage>
  );
}

/** One event of the list: what, when, where, places and the resident's own state. */
export function EventRow({ e, forId, onOpen }: { e: EventView; forId?: string; onOpen?: () => void }) {
  const mine = e.myBooking ? (e.myBooking.status === 'checkedIn' ? '已签到' : '已报名') : e.myWaitlist ? `候补第 ${e.myWaitlist.position} 位` : null;
  return (
    <View className={`card ev-row ev-${e.status === 'cancelled' ? 'closed' : e.state}`} role="button" data-event={e.id} onClick={onOpen ?? (() => Taro.navigateTo({ url: EVENTS_URLS.detail(e.id, forId) }))}>
      <View className="ev-meta">
        <Text className="ev-badge">{e.kindLabel}</Text>
        {mine ? <Text className={`ev-badge ${e.myBooking ? 'ev-badge-mine' : 'ev-badge-wait'}`}>{mine}</Text> : null}
        {e.status === 'cancelled' ? <Text className="ev-badge ev-badge-off">已取消</Text> : null}
      </View>
      <Text className="ev-title">{e.title}</Text>
      <Text className="ev-line">
        {e.dateLabel} {e.start}–{e.end}
      </Text>
      <Text className="ev-line">地点：{e.place}</Text>
      <Text className={`ev-places ev-places-${e.state}`}>{placesWords(e)}</Text>
    </View>
  );
}
