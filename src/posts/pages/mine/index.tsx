/**
 * 我的发布 (邻里互助, issue 22): the caller's posts in every state, newest first — 展示中 (with 撤下,
 * asked first), 已撤下, 已过期, 已被下架 (with the reason staff gave). A tap opens the post.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/call';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { POSTS_URLS, type PostView } from '../../api';
import { PostCard } from '../../components/PostCard';
import { PostsError, PostsPage } from '../../components/PostsPage';

export default function MyPostsPage() {
  const mine = useRemote(() => call('posts', 'mine', {}));
  useReloadOnReturn(mine.reload);
  return (
    <PostsPage className="posts-mine">
      <Text className="title po-heading">我的发布</Text>
      {mine.state === 'loading' ? <LoadingState /> : null}
      {mine.state === 'error' ? <PostsError error={mine.error} onRetry={mine.reload} /> : null}
      {mine.state === 'ok' && !mine.data.posts.length ? <EmptyState text="您还没有发布过信息" actionText="去发布" onAction={() => Taro.navigateTo({ url: POSTS_URLS.publish })} /> : null}
      {mine.state === 'ok'
        ? mine.data.posts.map((p) => (
            <View key={p.id} className="po-mine-item">
              <PostCard post={p} showState />
              {p.status === 'published' ? <Withdraw post={p} onDone={mine.reload} /> : null}
            </View>
          ))
        : null}
    </PostsPage>
  );
}

/** 撤下 under a post on the board (asked first). */
function Withdraw({ post, onDone }: { post: PostView; onDone: () => void }) {
  const [step, setStep] = useState<'idle' | 'confirm' | 'sending'>('idle');
  const [error, setError] = useState<string | null>(null);
  const go = async () => {
    setStep('sending');
    const r = await call('posts', 'withdraw', { postId: post.id });
    if (!r.ok) {
      setError(r.error.message);
      setStep('idle');
      return;
    }
    onDone();
  };
  return (
    <View className="po-mine-actions">
      {error ? <Text className="v-notice">{error}</Text> : null}
      {step === 'idle' ? (
        <Button size="large" block className="mine-withdraw" onClick={() => setStep('confirm')}>
          撤下「{post.title}」
        </Button>
      ) : (
        <InlineConfirm text={`撤下「${post.title}」以后，邻居们就看不到了${post.photoUrls.length ? '，照片也会删掉' : ''}。确认撤下吗？`} yes="确认撤下" yesClass="mine-withdraw-confirm" busy={step === 'sending'} onYes={go} onNo={() => setStep('idle')} />
      )}
    </View>
  );
}
