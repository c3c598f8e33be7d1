/**
 * Local kiosk only (registered in app.config only when TARO_APP_LOCAL=1): the subscribe messages
 * (订阅消息) WeChat would have delivered to the person the kiosk acts as — only those they allowed
 * (one 允许 = one message). The local emulator records them instead of sending
 * (`GET /api/local/messages`); each opens its page. The product's inbox is 消息
 * (src/pages/messages), which keeps every message whether or not WeChat delivered it.
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

export default function WeChatMessagesPage() {
  const messages = useRemote(load);
  if (messages.state === 'loading') return <Page><LoadingState /></Page>;
  if (messages.state === 'error') return <Page><ErrorState message={messages.error.message} code={messages.error.code} onRetry={messages.reload} /></Page>;
  return (
    <Page className="wechat-messages">
      <Text className="muted">本地演示：这些是微信“服务通知”里会收到的消息（只有点过“允许”的才会发）。所有消息都在解忧铺的“消息”里。</Text>
      {messages.data.length === 0 ? (
        <EmptyState text="微信里还没有收到消息" />
      ) : (
        messages.data.map((m, i) => (
          <View key={`${m.at}-${i}`} className="wechat-card">
            <Text className="wechat-time">{whenText(m.at)}</Text>
            {lines(m).map((l, j) => (
              <Text key={j} className={j === 0 ? 'wechat-title' : 'wechat-line'}>
                {l}
              </Text>
            ))}
            {m.page ? (
              <Button className="wechat-open" onClick={() => Taro.navigateTo({ url: `/${m.page}` })}>
                查看详情
              </Button>
            ) : null}
          </View>
        ))
      )}
      <Button className="wechat-refresh" onClick={messages.reload}>
        刷新
      </Button>
    </Page>
  );
}
