/**
 * 邻里互助 (issue 22): the community's board — tabs 旧物置换 / 互助广告 / 就业招聘 (one `posts.list`
 * call, the tabs filter it), each post with its kind, title, the author's nickname (「3号楼 赵大爷」,
 * never a phone) and its first photo; a tap opens it (联系TA there). 我要发布 and 我的发布 on top.
 * Reloads when shown again (after publishing, withdrawing or taking down).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { call } from '../../../services/call';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { POST_KIND_LABELS, POST_KINDS } from '../../../../cloudfunctions/shared/vocabulary/posts';
import { POSTS_URLS, type PostKind } from '../../api';
import { PostCard } from '../../components/PostCard';
import { PostsError, PostsPage } from '../../components/PostsPage';

/** What an empty tab says. */
const EMPTY: Record<PostKind, string> = {
  swap: '还没有人发旧物置换。家里有用不上的东西，可以发上来送给邻居',
  help: '还没有互助信息。需要邻居搭把手，可以发上来',
  job: '现在没有招聘信息。社区有招工的消息会发在这里',
};

export default function PostsListPage() {
  const board = useRemote(() => call('posts', 'list', {}));
  useReloadOnReturn(board.reload);
  const [kind, setKind] = useState<PostKind>('swap');
  const shown = board.state === 'ok' ? board.data.posts.filter((p) => p.kind === kind) : [];
  return (
    <PostsPage className="posts-list">
      <Text className="title po-heading">邻里互助</Text>
      <Text className="po-summary">闲置的东西送邻居、找人搭把手、看看招工信息。联系发布人都由解忧铺转告，不会给出电话。</Text>
      <View className="actions po-top-actions">
        <Button type="primary" size="large" block className="open-publish" onClick={() => Taro.navigateTo({ url: POSTS_URLS.publish })}>
          我要发布
        </Button>
        <Button size="large" block className="open-mine" onClick={() => Taro.navigateTo({ url: POSTS_URLS.mine })}>
          我的发布
        </Button>
      </View>
      <ChoiceButtons className="choice-grid po-tabs" itemClassName="choice po-tab" options={POST_KINDS.map((k) => ({ value: k, label: POST_KIND_LABELS[k] }))} selected={kind} onSelect={(k) => setKind(k as PostKind)} />
      {board.state === 'loading' ? <LoadingState /> : null}
      {board.state === 'error' ? <PostsError error={board.error} onRetry={board.reload} /> : null}
      {board.state === 'ok' && !shown.length ? <EmptyState text={EMPTY[kind]} /> : null}
      {shown.map((p) => (
        <PostCard key={p.id} post={p} />
      ))}
    </PostsPage>
  );
}
