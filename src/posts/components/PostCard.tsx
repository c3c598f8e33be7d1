/**
 * One post in a list (the board, 我的发布): its kind, title, the author's nickname, when it was
 * posted and until when, the first photo small; a tap opens it. `showState` (我的发布) adds its state
 * and, for a post taken down, the reason.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { dateWords, localDateWords, POSTS_URLS, type PostView } from '../api';

export function PostCard({ post, showState = false }: { post: PostView; showState?: boolean }) {
  return (
    <View className="card po-row" role="button" onClick={() => Taro.navigateTo({ url: POSTS_URLS.detail(post.id) })}>
      <View className="po-row-main">
        <View className="po-meta">
          <Text className={`po-badge po-kind-${post.kind}`}>{post.kindLabel}</Text>
          {showState ? <Text className={`po-badge po-state-${post.status}`}>{post.statusLabel}</Text> : null}
        </View>
        <Text className="po-title">{post.title}</Text>
        <Text className="po-when">
          {post.author} · {dateWords(post.createdAt)}发布{post.status === 'published' ? ` · 显示到${localDateWords(post.expiresOn)}` : ''}
        </Text>
        {showState && post.takeDownReason ? <Text className="po-reason">下架原因：{post.takeDownReason}</Text> : null}
      </View>
      {post.photoUrls[0] ? <Image className="po-thumb" src={post.photoUrls[0]} mode="aspectFill" aria-label={`${post.title}的照片`} nativeProps={{ alt: `${post.title}的照片` }} /> : null}
    </View>
  );
}
