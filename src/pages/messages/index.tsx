/**
 * Local kiosk only (registered in app.config only when TARO_APP_LOCAL=1): the subscribe messages
 * (订阅消息) the person the kiosk acts as would have received on WeChat — a ticket accepted,
 * handled or closed, a waitlist place, a cancelled booking, a product someone now sells. The local
 * emulator records them instead of sending (`GET /api/local/messages`); each opens its page.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { listMyMessages, type LocalMessage } from '../../services/identity';
import type { CallResult } from '../../services/cloud';
import { NETWORK_ERROR } from '../../services/cloud';
import { Button } from '../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../ui/PageState';
import { useRemote } from '../../ui/useRemote';
import { Page } from '../../ui/Page';
import { whenText } from '../../ticket/when';
import './index.css';

async function load(): Promise<CallResult<LocalMessage[]>> {
  try {
    return { ok: true, data: await listMyMessages() };
  } catch {
    return { ok: false, error: NETWORK_ERROR };
  }
}

/** What the card says: the template's fields in order (thing1, phrase2, …). */
function lines(m: LocalMessage): string[] {
  return Object.keys(m.data)
    .sort((a, b) => Number(a.replace(/\D/g, '')) - Number(b.replace(/\D/g, '')))
    .map((k) => m.data[k].value);
}

export default function MessagesPage() {
  const messages = useRemote(load);
  if (messages.state === 'loading') return <Page><LoadingState /></Page>;
  if (messages.state === 'error') return <Page><ErrorState message={messages.error.message} code={messages.error.code} onRetry={messages.reload} /></Page>;
  return (
    <Page className="messages">
      <Text className="muted">本地演示：正式小程序里，这些消息会以“服务通知”发到微信上。</Text>
      {messages.data.length === 0 ? (
        <EmptyState text="还没有收到消息" />
      ) : (
        messages.data.map((m, i) => (
          <View key={`${m.at}-${i}`} className="message-card">
            <Text className="message-time">{whenText(m.at)}</Text>
            {lines(m).map((l, j) => (
              <Text key={j} className={j === 0 ? 'message-title' : 'message-line'}>
                {l}
              </Text>
            ))}
            {m.page ? (
              <Button className="message-open" onClick={() => Taro.navigateTo({ url: `/${m.page}` })}>
                查看详情
              </Button>
            ) : null}
          </View>
        ))
      )}
      <Button className="message-refresh" onClick={messages.reload}>
        刷新
      </Button>
    </Page>
  );
}
