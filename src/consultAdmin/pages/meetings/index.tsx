/**
 * 会议 (staff): the community's meetings in three lists — 草稿 (not yet announced), 即将召开 (planned
 * and cancelled ones not over), 已召开/往期 — each with its kind, day and time (China time), place,
 * sign-ups and, once held, the attendance; a tap opens its record (`meetingEdit`). 新建会议 at the top.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '../../../services/call';
import type { CallResult } from '../../../services/cloud';
import { Button, Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import type { MeetingCard } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_ADMIN_URLS } from '../../labels';
import '../../../stall/stall.css';
import '../../consultAdmin.css';

interface Lists {
  drafts: MeetingCard[];
  coming: MeetingCard[];
  past: MeetingCard[];
}

async function load(): Promise<CallResult<Lists>> {
  const [drafts, coming, past] = await Promise.all([call('consult', 'meetings', { filter: 'drafts' }), call('consult', 'meetings', { filter: 'coming' }), call('consult', 'meetings', { filter: 'past' })]);
  if (!drafts.ok) return drafts;
  if (!coming.ok) return coming;
  if (!past.ok) return past;
  return { ok: true, data: { drafts: drafts.data, coming: coming.data, past: past.data } };
}

export default function MeetingsPage() {
  const lists = useRemote(load);
  useReloadOnReturn(lists.reload);
  return (
    <Page className="vendor-page consult-admin meetings-page">
      <View className="card">
        <Text className="title">会议</Text>
        <Text className="muted">业主会议、座谈会、庭院会、议事长廊、协商议事：先存草稿，公布后居民能报名；开完记下到会人数、纪要和决定。</Text>
        <View className="actions">
          <Button type="primary" size="large" block className="new-meeting" onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.meetingEdit() })}>
            新建会议
          </Button>
        </View>
      </View>
      {lists.state === 'loading' ? <LoadingState /> : null}
      {lists.state === 'error' ? <ErrorState message={lists.error.message} code={lists.error.code} onRetry={lists.reload} /> : null}
      {lists.state === 'ok' ? (
        <>
          <Section title="草稿" list={lists.data.drafts} empty="没有草稿。" />
          <Section title="即将召开" list={lists.data.coming} empty="近期没有安排会议。" />
          <Section title="已召开" list={lists.data.past} empty="还没有开过的会议。" />
        </>
      ) : null}
    </Page>
  );
}

function Section({ title, list, empty }: { title: string; list: MeetingCard[]; empty: string }) {
  return (
    <View className={`meetings-section meetings-${title}`}>
      <Text className="ca-section">
        {title}（{list.length}）
      </Text>
      {list.length ? list.map((m) => <MeetingRow key={m.id} m={m} />) : <Text className="muted ca-block">{empty}</Text>}
    </View>
  );
}

function MeetingRow({ m }: { m: MeetingCard }) {
  return (
    <View className="card tap-row ca-row meeting-row" data-meeting={m.title} onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.meetingEdit(m.id) })}>
      <View className="ca-row-body">
        <View className="name-line">
          <Text className="subtitle">{m.title}</Text>
          <Tag type={m.status === 'held' ? 'success' : m.status === 'cancelled' ? 'default' : 'primary'}>{m.statusLabel}</Tag>
        </View>
        <Text className="ca-facts">
          {m.kindLabel} · {m.dateLabel} {m.timeLabel}
        </Text>
        <Text className="muted ca-block">{m.place}</Text>
        {m.status === 'held' ? <Text className="muted ca-block">到会 {m.attendanceTotal} 人{m.hasMinutes ? '，有纪要' : '，还没写纪要'}</Text> : null}
        {m.status !== 'held' && m.capacity != null ? <Text className="muted ca-block">报名 {m.signedUp}/{m.capacity} 人</Text> : null}
      </View>
      <Text className="v-link">{m.status === 'held' ? '看记录 ›' : '打开 ›'}</Text>
    </View>
  );
}
