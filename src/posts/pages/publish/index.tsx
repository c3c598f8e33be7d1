/**
 * 发布信息 (邻里互助, issue 22): what kind (旧物置换 / 互助广告; staff also 就业招聘), a title, a few
 * words, up to 3 photos (uploaded into the caller's own folder, `PhotoPicker`), how long it shows
 * (7 / 15 / 30 天), then 发布 (`posts.publish`, one requestId per form: a retry publishes once). The
 * words are checked by WeChat before anything is stored; a refusal says so and keeps the form.
 * Afterwards: 看看我发的 (the post) or 回到邻里互助.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { isStaff, type Me } from '../../../account/api';
import { call } from '../../../services/call';
import type { CallError } from '../../../services/result';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { LoadingState, NotRegisteredState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { PhotoPicker, type Photo } from '../../../ticket/components/PhotoPicker';
import { charCount, LineBox, TextBox } from '../../../ticket/components/TextBox';
import { POSTS_LIMITS as L } from '../../../../cloudfunctions/posts/limits';
import { POST_KIND_LABELS } from '../../../../cloudfunctions/shared/vocabulary/posts';
import { localDateWords, newRequestId, POSTS_URLS, type PostKind, type PostView } from '../../api';
import { PostsError, PostsPage } from '../../components/PostsPage';

export default function PublishPage() {
  const me = useRemote(() => call('account', 'me'));
  return (
    <PostsPage className="posts-publish">
      {me.state === 'loading' ? <LoadingState /> : null}
      {me.state === 'error' ? <PostsError error={me.error} onRetry={me.reload} /> : null}
      {me.state === 'ok' ? me.data.registered ? <PublishForm me={me.data} /> : <NotRegisteredState /> : null}
    </PostsPage>
  );
}

/** What each kind's title field suggests. */
/**
 * The words for a refused 发布: the function's message, except that a photo WeChat's image check
 * refused (`COMMON.IMAGE_REJECTED`, `details.photo` 1-based) is named when there are several
 * (「第 2 张照片不能发布，请换一张再发」), so the resident knows which one to take out.
 */
function refusalText(error: CallError, photoCount: number): string {
  const n = (error.details as { photo?: unknown } | undefined)?.photo;
  if (error.code === 'COMMON.IMAGE_REJECTED' && photoCount > 1 && typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= photoCount) {
    return `第 ${n} 张照片不能发布，请换一张再发`;
  }
  return error.message;
}

const PLACEHOLDER: Record<PostKind, string> = { swap: '例如：儿童自行车', help: '例如：借个梯子', job: '例如：超市招理货员' };

function PublishForm({ me }: { me: Extract<Me, { registered: true }> }) {
  const staff = isStaff(me);
  const kinds: PostKind[] = staff ? ['swap', 'help', 'job'] : ['swap', 'help'];
  const [kind, setKind] = useState<PostKind>('swap');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [days, setDays] = useState<number>(15);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<PostView | null>(null);
  const [requestId, setRequestId] = useState(() => newRequestId('pp'));
  const edit = () => {
    setError(null);
    setRequestId(newRequestId('pp'));
  };

  const send = async () => {
    if (busy) return;
    if (charCount(title) < L.title.min) return setError(`请写标题（至少 ${L.title.min} 个字）`);
    setBusy(true);
    setError(null);
    const r = await call('posts', 'publish', { kind, title, body, photos: photos.map((p) => p.fileID), days, requestId });
    setBusy(false);
    if (!r.ok) return setError(refusalText(r.error, photos.length));
    setDone(r.data);
  };

  if (done) {
    return (
      <View className="card">
        <Text className="po-done publish-done" aria-live="polite">
          已发布：{done.title}。邻居们在“邻里互助”里能看到，显示到{localDateWords(done.expiresOn)}。
        </Text>
        <View className="actions">
          <Button type="primary" size="large" block className="open-done" onClick={() => Taro.redirectTo({ url: POSTS_URLS.detail(done.id) })}>
            看看我发的
          </Button>
          <Button size="large" block className="back-board" onClick={() => Taro.redirectTo({ url: POSTS_URLS.list })}>
            回到邻里互助
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="card po-form">
      <Text className="title">发布信息</Text>
      <Text className="po-summary">邻居们只会看到您的楼号和称呼（比如“3号楼 赵大爷”），看不到电话。有人想联系您，解忧铺会在“消息”里转告。</Text>
      <Text className="field-label">发什么</Text>
      <ChoiceButtons className="choice-grid publish-kind" itemClassName="choice" options={kinds.map((k) => ({ value: k, label: POST_KIND_LABELS[k] }))} selected={kind} onSelect={(k) => { setKind(k as PostKind); edit(); }} />
      {!staff ? <Text className="po-hint">招聘信息由社区统一发布。</Text> : null}
      <LineBox label="标题" className="publish-title" value={title} max={L.title.max} placeholder={PLACEHOLDER[kind]} onChange={(v) => { setTitle(v); edit(); }} />
      <TextBox label="说明（可以不写）" className="publish-body" value={body} max={L.body.max} placeholder="东西什么样、在哪儿、怎么给" onChange={(v) => { setBody(v); edit(); }} />
      <PhotoPicker userId={me.user.id} photos={photos} max={L.photos} label={`照片（可以不拍，最多 ${L.photos} 张）`} onChange={(p) => { setPhotos(p); edit(); }} />
      <Text className="field-label">显示多久</Text>
      <ChoiceButtons className="choice-grid publish-days" itemClassName="choice" options={L.days.choices.map((d) => ({ value: String(d), label: `${d} 天` }))} selected={String(days)} onSelect={(d) => { setDays(Number(d)); edit(); }} />
      {error ? (
        <Text className="v-notice publish-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="publish-send" loading={busy} disabled={busy} onClick={send}>
          发布
        </Button>
      </View>
    </View>
  );
}
