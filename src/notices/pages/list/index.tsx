/**
 * 社区公告 (a resident): the notices of their community, estate and building (`notices.forMe`), pinned
 * first, then newest; each shows its kind, title, date and 没看 until opened. Tapping one opens it.
 * Empty, loading and error states; reloads when shown again (a notice just opened reads 看过).
 */
import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { call } from '../../../services/call';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { dateWords, NOTICES_URLS, type NoticeView } from '../../api';
import { NoticesError, NoticesPage } from '../../components/NoticesPage';

export default function NoticeListPage() {
  const list = useRemote(() => call('notices', 'forMe'));
  useReloadOnReturn(list.reload);
  usePullDownRefresh(() => {
    list.reload();
    Taro.stopPullDownRefresh();
  });
  return (
    <NoticesPage className="notices-list">
      <Text className="title n-heading">社区公告</Text>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <NoticesError error={list.error} onRetry={list.reload} /> : null}
      {list.state === 'ok' && !list.data.notices.length ? <EmptyState text="现在没有公告" /> : null}
      {list.state === 'ok' && list.data.notices.length ? (
        <View>
          <Text className="n-summary">{list.data.unread ? `共 ${list.data.notices.length} 条，${list.data.unread} 条没看` : `共 ${list.data.notices.length} 条，都看过了`}</Text>
          {list.data.notices.map((n) => (
            <NoticeRow key={n.id} n={n} />
          ))}
        </View>
      ) : null}
    </NoticesPage>
  );
}

function NoticeRow({ n }: { n: NoticeView }) {
  return (
    <View className={`card n-row${n.read ? '' : ' n-unread'}${n.pinned ? ' n-pinned' : ''}`} role="button" onClick={() => Taro.navigateTo({ url: NOTICES_URLS.detail(n.id) })}>
      <View className="n-meta">
        {n.pinned ? <Text className="n-badge n-badge-pin">置顶</Text> : null}
        <Text className={`n-badge n-kind-${n.kind}`}>{n.kindLabel}</Text>
        {n.read ? <Text className="n-read">看过</Text> : <Text className="n-badge n-badge-new">没看</Text>}
      </View>
      <Text className="n-title">{n.title}</Text>
      <Text className="n-when">
        {dateWords(n.publishedAt)} · {n.byName} · {n.audienceLabel}
      </Text>
    </View>
  );
}
