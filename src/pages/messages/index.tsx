/**
 * 消息, the message centre (issue 18): every notification the kiosk sent this person — a problem
 * accepted or closed, a booking's reminder or change, a waitlist place, a stall draw, a product now
 * sold — stored for them whether or not WeChat delivered it (`account.myMessages`, newest first,
 * 20 at a time; 更多 loads the older ones). A person who declined WeChat's permission loses nothing.
 *
 * Unread messages stand out in words (未读), not only in colour. Tapping a message marks it read
 * (`account.readMessages`, without waiting) and opens the page it is about (its `page`), from which
 * 返回 (or WeChat's back) comes back here; 全部已读 marks them all. Coming back reloads the list after
 * the reads are answered. Loading, empty and error states; elder-mode sizes from app.css and below.
 * In the local demo a line leads to what WeChat itself would have delivered (pages/wechat).
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxMessage, InboxPage } from '../../account/api';
import { markAllRead, markRead, messageUrl, readsSettled } from '../../account/inbox';
import type { CallError, CallResult } from '../../services/cloud';
import { Button } from '../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../ui/PageState';
import { useReloadOnReturn } from '../../ui/useReloadOnReturn';
import { useClearOnLeave } from '../../ui/useClearOnLeave';
import { Page } from '../../ui/Page';
import { whenText } from '../../ui/time';
import { call } from '../../services/call';
import { useProxyWords } from '../../services/family';
import './index.css';

type Inbox = { state: 'loading' } | { state: 'error'; error: CallError } | { state: 'ok'; messages: InboxMessage[]; unread: number; more: boolean };

async function loadFirst(): Promise<CallResult<InboxPage>> {
  await readsSettled();
  return call('account', 'myMessages');
}

/** Joins an older page onto the list: by id, newest first. */
function appendOlder(list: InboxMessage[], older: InboxMessage[]): InboxMessage[] {
  const seen = new Set(list.map((m) => m.id));
  return [...list, ...older.filter((m) => !seen.has(m.id))];
}

export default function MessagesPage() {
  const [inbox, setInbox] = useState<Inbox>({ state: 'loading' });
  const [moreState, setMoreState] = useState<'idle' | 'loading' | CallError>('idle');
  const [notice, setNotice] = useState<string | null>(null);
  const seq = useRef(0);
  // 家人代办: while acting for an elder these are his messages (「邹建庄的消息」)
  const w = useProxyWords();
  const reload = useCallback(() => {
    const mine = ++seq.current;
    void loadFirst().then((r) => {
      if (mine !== seq.current) return;
      setInbox(r.ok ? { state: 'ok', ...r.data } : { state: 'error', error: r.error });
      setMoreState('idle');
    });
  }, []);
  useEffect(() => reload(), [reload]);
  useReloadOnReturn(reload);
  useClearOnLeave(() => setNotice(null));

  if (inbox.state === 'loading') return <Page proxy className="messages"><LoadingState text="正在打开消息…" /></Page>;
  if (inbox.state === 'error') return <Page proxy className="messages"><ErrorState message={inbox.error.message} code={inbox.error.code} onRetry={reload} /></Page>;
  const { messages, unread, more } = inbox;

  const open = (m: InboxMessage) => {
    setNotice(null);
    if (!m.read) {
      setInbox((s) => (s.state === 'ok' ? { ...s, unread: Math.max(0, s.unread - 1), messages: s.messages.map((x) => (x.id === m.id ? { ...x, read: true } : x)) } : s));
      void markRead([m.id]);
    }
    if (m.page) {
      Taro.navigateTo({ url: messageUrl(m.page) }).catch(() => setNotice('这条消息说的页面打不开了，请回首页找一找。'));
    }
  };

  const readAll = async () => {
    setNotice(null);
    const before = inbox;
    setInbox({ ...inbox, unread: 0, messages: messages.map((m) => ({ ...m, read: true })) });
    const left = await markAllRead();
    if (left === null) {
      setInbox(before);
      setNotice('没有标成已读，网络不太好，请稍后再试。');
    }
  };

  const loadMore = async () => {
    if (moreState === 'loading' || !messages.length) return;
    setMoreState('loading');
    const mine = seq.current;
    const last = messages[messages.length - 1];
    const r = await call('account', 'myMessages', { before: last.at, beforeId: last.id });
    if (mine !== seq.current) return;
    if (!r.ok) {
      setMoreState(r.error);
      return;
    }
    setInbox((s) => (s.state === 'ok' ? { state: 'ok', messages: appendOlder(s.messages, r.data.messages), unread: r.data.unread, more: r.data.more } : s));
    setMoreState('idle');
  };

  return (
    <Page proxy className="messages">
      <View className="card messages-head">
        <Text className="title">{w.say('消息', '{name}的消息')}</Text>
        {messages.length ? (
          <Text className="messages-count" aria-live="polite">
            {unread > 0 ? `有 ${unread} 条消息还没看` : '消息都看过了'}
          </Text>
        ) : null}
        <Text className="muted">问题有了进展、预约有变化，解忧铺都会在这里告诉{w.you}。在微信里点过“允许”的，微信“服务通知”里也会收到；没点也没关系，消息都在这里。</Text>
        {unread > 0 ? (
          <View className="actions">
            <Button size="large" block className="messages-read-all" onClick={readAll}>
              全部已读
            </Button>
          </View>
        ) : null}
      </View>
      {notice ? (
        <Text className="messages-notice" aria-live="assertive">
          {notice}
        </Text>
      ) : null}
      {messages.length === 0 ? (
        <EmptyState text={w.say('还没有消息。', '{name}还没有消息。')} />
      ) : (
        messages.map((m) => (
          <View
            key={m.id}
            className={`card message-card ${m.read ? 'message-read' : 'message-unread'}`}
            data-message={m.id}
            role="button"
            onClick={() => open(m)}
          >
            <View className="message-top">
              {m.read ? null : <Text className="message-new">未读</Text>}
              <Text className="message-time">{whenText(m.at)}</Text>
            </View>
            <Text className="message-title">{m.title}</Text>
            {m.lines.map((l, i) => (
              <Text key={i} className="message-line">
                {l}
              </Text>
            ))}
            {m.page ? <Text className="message-open">点这里查看 ›</Text> : null}
          </View>
        ))
      )}
      {more ? (
        <View className="actions">
          {typeof moreState === 'object' ? (
            <Text className="messages-notice" aria-live="assertive">
              {moreState.message}
            </Text>
          ) : null}
          <Button size="large" block className="messages-more" loading={moreState === 'loading'} disabled={moreState === 'loading'} onClick={loadMore}>
            更多
          </Button>
        </View>
      ) : messages.length > 0 ? (
        <Text className="muted messages-end">没有更早的消息了</Text>
      ) : null}
      {LOCAL_RUNTIME ? (
        <View className="card messages-local">
          <Text className="muted">本地演示：点过“允许”的消息，正式小程序里还会发到微信的“服务通知”。</Text>
          <View className="actions">
            <Button size="large" block className="messages-wechat" onClick={() => Taro.navigateTo({ url: '/pages/wechat/index' })}>
              看看微信里会收到哪些
            </Button>
          </View>
        </View>
      ) : null}
    </Page>
  );
}
