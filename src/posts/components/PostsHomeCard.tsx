/**
 * Home's 邻里互助 card (issue 22) for a registered person: how many posts are on the community's
 * board and the newest one's title; a tap opens the board. Loads `posts.list` itself (one call, one
 * database round trip), reloads when home shows again; shows nothing while loading or on error (home
 * has its own error state); with no post, a line inviting the first.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { call } from '../../services/call';
import { useReloadOnReturn } from '../../ui/useReloadOnReturn';
import { useRemote } from '../../ui/useRemote';
import { POSTS_URLS } from '../api';
import '../posts.css';

export function PostsHomeCard({ me }: { me?: Me | null }) {
  if (!me?.registered) return null;
  return <BoardCard />;
}

function BoardCard() {
  const board = useRemote(() => call('posts', 'list', {}));
  useReloadOnReturn(board.reload);
  if (board.state !== 'ok') return null;
  const posts = board.data.posts;
  return (
    <View className="card tap-row posts-home" role="button" onClick={() => Taro.navigateTo({ url: POSTS_URLS.list })}>
      <View>
        <Text className="posts-home-label">邻里互助</Text>
        {posts.length ? (
          <>
            <Text className="posts-home-count">邻居们发了 {posts.length} 条：旧物置换、互助、招聘</Text>
            <Text className="posts-home-title">
              【{posts[0].kindLabel}】{posts[0].title}
            </Text>
          </>
        ) : (
          <Text className="posts-home-count">有闲置的东西、想找人帮忙，都可以发在这里</Text>
        )}
      </View>
      <Text className="home-messages-go">›</Text>
    </View>
  );
}
