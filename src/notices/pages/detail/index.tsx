/**
 * One notice (a resident): opening it is `notices.read` (counts this person once, even when tapped
 * twice), which answers the notice itself: kind, title, the whole text (large in 长辈模式), who
 * published it, when, for whom and until when. A notice withdrawn or expired meanwhile says so.
 */
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { call } from '../../../services/call';
import { LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { dateWords, localDateWords } from '../../api';
import { NoticesError, NoticesPage } from '../../components/NoticesPage';

export default function NoticeDetailPage() {
  const id = useRouter().params.id ?? '';
  const notice = useRemote(() => (id ? call('notices', 'read', { noticeId: id }) : Promise.resolve({ ok: false as const, error: { code: 'CLIENT.NOT_FOUND' as const, message: '没有找到这条公告' } })), [id]);
  return (
    <NoticesPage className="notices-detail">
      {notice.state === 'loading' ? <LoadingState /> : null}
      {notice.state === 'error' ? notice.error.code === 'CLIENT.NOT_FOUND' ? <NotFoundState text={notice.error.message} /> : <NoticesError error={notice.error} onRetry={notice.reload} /> : null}
      {notice.state === 'ok' ? (
        <View className="card n-article">
          <View className="n-meta">
            {notice.data.pinned ? <Text className="n-badge n-badge-pin">置顶</Text> : null}
            <Text className={`n-badge n-kind-${notice.data.kind}`}>{notice.data.kindLabel}</Text>
          </View>
          <Text className="n-article-title">{notice.data.title}</Text>
          <Text className="n-when">
            {notice.data.byName} · {dateWords(notice.data.publishedAt)}发布 · 给{notice.data.audienceLabel}
          </Text>
          <Text className="n-body">{notice.data.body}</Text>
          {notice.data.expiresOn ? <Text className="n-when n-expires">{localDateWords(notice.data.expiresOn)}以后不再显示</Text> : null}
        </View>
      ) : null}
    </NoticesPage>
  );
}
