/**
 * One post (邻里互助, issue 22): kind, title, the author's nickname, the words, the photos (tap to
 * enlarge), until when. There is no phone on it: 联系TA takes a short message (2–100 字), asks once
 * (解忧铺会把您的话和您的名字转告给TA) and `posts.contact` passes it to the author's 消息. The author
 * sees 撤下 (asked first); staff see 下架 with a required reason (asked first; the author is told).
 * The post comes from the board (`posts.list`) or, for its author, from 我的发布 (`posts.mine`: also a
 * post already off the board, with why) — the note in 消息 links here.
 */
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { isStaff, type Me } from '../../../account/api';
import { call } from '../../../services/call';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { PhotoList } from '../../../ticket/components/PhotoPicker';
import { charCount, TextBox } from '../../../ticket/components/TextBox';
import { POSTS_LIMITS as L } from '../../../../cloudfunctions/posts/limits';
import { dateWords, localDateWords, newRequestId, type PostView } from '../../api';
import { PostsError, PostsPage } from '../../components/PostsPage';

/** The caller, the board and their own posts at once (three calls in parallel). */
async function load() {
  const [me, board, mine] = await Promise.all([call('account', 'me'), call('posts', 'list', {}), call('posts', 'mine', {})]);
  if (!me.ok) return me;
  if (!board.ok) return board;
  if (!mine.ok) return mine;
  return { ok: true as const, data: { me: me.data, posts: [...board.data.posts, ...mine.data.posts] } };
}

export default function PostDetailPage() {
  const id = useRouter().params.id ?? '';
  const loaded = useRemote(load, [id]);
  const post = loaded.state === 'ok' ? (loaded.data.posts.find((p) => p.id === id) ?? null) : null;
  return (
    <PostsPage className="posts-detail">
      {loaded.state === 'loading' ? <LoadingState /> : null}
      {loaded.state === 'error' ? <PostsError error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.state === 'ok' && !post ? <NotFoundState text="这条信息已经撤下或过期了" /> : null}
      {loaded.state === 'ok' && post && loaded.data.me.registered ? <PostDetail key={post.id} initial={post} me={loaded.data.me} /> : null}
    </PostsPage>
  );
}

function PostDetail({ initial, me }: { initial: PostView; me: Extract<Me, { registered: true }> }) {
  const [post, setPost] = useState(initial);
  const staff = isStaff(me);
  const open = post.status === 'published';
  return (
    <>
      <View className="card po-article">
        <View className="po-meta">
          <Text className={`po-badge po-kind-${post.kind}`}>{post.kindLabel}</Text>
          {!open ? <Text className={`po-badge po-state-${post.status}`}>{post.statusLabel}</Text> : null}
        </View>
        <Text className="po-article-title">{post.title}</Text>
        <Text className="po-when">
          {post.author} · {dateWords(post.createdAt)}发布{open ? ` · 显示到${localDateWords(post.expiresOn)}` : ''}
        </Text>
        {post.body ? <Text className="po-body">{post.body}</Text> : null}
        <PhotoList urls={post.photoUrls} />
        {post.takeDownReason ? <Text className="po-reason">下架原因：{post.takeDownReason}</Text> : null}
      </View>
      {open && !post.mine && me.user.role === 'resident' ? <ContactCard post={post} /> : null}
      {open && post.mine ? <WithdrawCard post={post} onDone={setPost} /> : null}
      {open && staff ? <TakeDownCard post={post} onDone={setPost} /> : null}
    </>
  );
}

/** 联系TA: a short message the kiosk passes on to the author's 消息 (no phone either way). */
function ContactCard({ post }: { post: PostView }) {
  const [text, setText] = useState('');
  const [step, setStep] = useState<'edit' | 'confirm' | 'sending' | 'done'>('edit');
  const [error, setError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(() => newRequestId('pc'));
  if (step === 'done') {
    return (
      <View className="card">
        <Text className="po-done contact-done" aria-live="polite">
          已经转告了。{post.author}会在“消息”里看到您的话和您的名字；TA 想回话，会请解忧铺转达给您。
        </Text>
      </View>
    );
  }
  const ask = () => {
    if (charCount(text) < L.contact.min) return setError(`请写几句话（至少 ${L.contact.min} 个字）`);
    setError(null);
    setStep('confirm');
  };
  const send = async () => {
    setStep('sending');
    const r = await call('posts', 'contact', { postId: post.id, text, requestId });
    if (!r.ok) {
      setError(r.error.message);
      setStep('edit');
      return;
    }
    setStep('done');
  };
  return (
    <View className="card po-contact">
      <Text className="subtitle">联系TA</Text>
      <Text className="po-hint">这里看不到电话。您写几句话，解忧铺会转告给{post.author}。</Text>
      {step === 'edit' ? (
        <>
          <TextBox label="想对TA说什么" className="contact-text" value={text} min={L.contact.min} max={L.contact.max} placeholder="例如：自行车我想要，什么时候方便去拿？" onChange={(v) => { setText(v); setError(null); setRequestId(newRequestId('pc')); }} />
          {error ? (
            <Text className="v-notice contact-error" aria-live="assertive">
              {error}
            </Text>
          ) : null}
          <View className="actions">
            <Button type="primary" size="large" block className="contact-go" onClick={ask}>
              请解忧铺转告TA
            </Button>
          </View>
        </>
      ) : (
        <InlineConfirm text={`解忧铺会把您的话和您的名字转告给${post.author}，不会给出您的电话。确认转告吗？`} yes="确认转告" yesClass="contact-confirm" primary busy={step === 'sending'} onYes={send} onNo={() => setStep('edit')} no="再改改" />
      )}
    </View>
  );
}

/** 撤下: the author takes their own post off the board (asked first). */
function WithdrawCard({ post, onDone }: { post: PostView; onDone: (p: PostView) => void }) {
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
    onDone(r.data);
  };
  return (
    <View className="card po-own">
      <Text className="po-hint">这是您发布的。东西送出去了、事情办好了，就撤下吧。</Text>
      {error ? <Text className="v-notice">{error}</Text> : null}
      {step === 'idle' ? (
        <View className="actions">
          <Button size="large" block className="withdraw-go" onClick={() => setStep('confirm')}>
            撤下这条信息
          </Button>
        </View>
      ) : (
        <InlineConfirm text={`撤下以后，邻居们就看不到这条信息了${post.photoUrls.length ? '，照片也会删掉' : ''}。确认撤下吗？`} yes="确认撤下" yesClass="withdraw-confirm" busy={step === 'sending'} onYes={go} onNo={() => setStep('idle')} />
      )}
    </View>
  );
}

/** 下架 (staff): with a required reason, asked first; the author is told the reason in 消息. */
function TakeDownCard({ post, onDone }: { post: PostView; onDone: (p: PostView) => void }) {
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<'idle' | 'edit' | 'confirm' | 'sending'>('idle');
  const [error, setError] = useState<string | null>(null);
  const ask = () => {
    if (charCount(reason) < L.reason.min) return setError(`请写下架的原因（至少 ${L.reason.min} 个字），发布人会看到`);
    setError(null);
    setStep('confirm');
  };
  const go = async () => {
    setStep('sending');
    const r = await call('posts', 'takeDown', { postId: post.id, reason });
    if (!r.ok) {
      setError(r.error.message);
      setStep('edit');
      return;
    }
    onDone(r.data);
  };
  return (
    <View className="card po-staff">
      <Text className="subtitle">工作人员</Text>
      {step === 'idle' ? (
        <View className="actions">
          <Button size="large" block className="takedown-go" onClick={() => setStep('edit')}>
            下架这条信息
          </Button>
        </View>
      ) : step === 'edit' ? (
        <>
          <TextBox label="下架原因（必填，发布人会在“消息”里看到）" className="takedown-reason" value={reason} min={L.reason.min} max={L.reason.max} placeholder="例如：内容不实，请到解忧铺说明" onChange={(v) => { setReason(v); setError(null); }} />
          {error ? (
            <Text className="v-notice takedown-error" aria-live="assertive">
              {error}
            </Text>
          ) : null}
          <View className="actions">
            <Button type="primary" size="large" block className="takedown-next" onClick={ask}>
              下一步
            </Button>
            <Button size="large" block onClick={() => setStep('idle')}>
              不下架了
            </Button>
          </View>
        </>
      ) : (
        <InlineConfirm text={`下架后邻居们就看不到了，${post.author}会在“消息”里看到原因：${reason.trim().replace(/[。.！!]+$/, '')}。确认下架吗？`} yes="确认下架" yesClass="takedown-confirm" busy={step === 'sending'} onYes={go} onNo={() => setStep('edit')} no="再改改" />
      )}
    </View>
  );
}
