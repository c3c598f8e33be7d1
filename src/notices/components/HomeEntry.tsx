/**
 * 社区公告 on home (issue 22): for a registered person, the newest pinned notice's title (or the newest
 * notice's) and how many are unread, in words; tapping opens the list. Loads `notices.forMe` itself
 * (one call, one database round trip), reloads whenever home shows again; shows nothing while
 * loading, when there is no notice, or when the call failed (home has its own error state).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { call } from '../../services/call';
import { useReloadOnReturn } from '../../ui/useReloadOnReturn';
import { useRemote } from '../../ui/useRemote';
import { NOTICES_URLS } from '../api';
import '../notices.css';

export function NoticesHomeEntry({ me }: { me: Me | null }) {
  const registered = !!me?.registered;
  const notices = useRemote(() => (registered ? call('notices', 'forMe') : Promise.resolve({ ok: true as const, data: { notices: [], unread: 0 } })), [registered]);
  useReloadOnReturn(notices.reload);
  if (notices.state !== 'ok' || !notices.data.notices.length) return null;
  const { unread } = notices.data;
  const top = notices.data.notices.find((n) => n.pinned) ?? notices.data.notices[0];
  return (
    <View className={`card tap-row notices-home${unread ? ' notices-home-unread' : ''}`} role="button" onClick={() => Taro.navigateTo({ url: NOTICES_URLS.list })}>
      <View className="notices-home-head">
        <Text className="notices-home-label">社区公告</Text>
        {unread ? <Text className="notices-home-count">{unread} 条没看</Text> : <Text className="notices-home-none">都看过了</Text>}
      </View>
      <Text className="notices-home-title">
        {top.pinned ? '【置顶】' : ''}
        {top.title}
      </Text>
      <Text className="notices-home-go">点这里看全部 ›</Text>
    </View>
  );
}
