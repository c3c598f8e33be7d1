/**
 * 我的代办 (issue 22; a resident): the errands they asked for (or the counter entered for them),
 * newest first, each with its state (等待接单 / 正在办理 / 已办好 / 已取消), who is doing it, the note
 * and the receipt photos once done; 不办了 while nobody has taken it on (asked first). 再请社区办一件
 * opens the form.
 */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ErrandView } from '../../../../cloudfunctions/errands/contract';
import { call } from '../../../services/call';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { whenText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { ERRANDS_URLS } from '../../api';
import '../../errands.css';

export default function MyErrandsPage() {
  const mine = useRemote(() => call('errands', 'mine', {}));
  useReloadOnReturn(mine.reload);
  return (
    <Page className="errands-mine">
      <View className="actions">
        <Button type="primary" size="large" block className="errand-new" onClick={() => Taro.navigateTo({ url: ERRANDS_URLS.request })}>
          请社区代缴代办
        </Button>
      </View>
      {mine.state === 'loading' ? <LoadingState /> : null}
      {mine.state === 'error' ? <ErrorState message={mine.error.message} code={mine.error.code} onRetry={mine.reload} /> : null}
      {mine.state === 'ok' ? (
        <View className="card">
          <Text className="title">我的代办</Text>
          {!mine.data.length ? <EmptyState text="还没有请社区代办过事情" /> : null}
          {mine.data.map((e) => (
            <ErrandRow key={e.id} e={e} onChanged={mine.reload} />
          ))}
        </View>
      ) : null}
    </Page>
  );
}

function ErrandRow({ e, onChanged }: { e: ErrandView; onChanged: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = async () => {
    setBusy(true);
    const r = await call('errands', 'cancel', { errandId: e.id });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    onChanged();
  };
  return (
    <View className="e-row errand-mine-row">
      <View className="e-head">
        <Text className="e-kind">{e.kindLabel}</Text>
        <Text className={`e-state ${e.status}`}>{e.statusLabel}</Text>
      </View>
      <Text className="e-what">{e.what}</Text>
      <Text className="e-meta">
        {whenText(e.requestedAt)}提交{e.byCounter ? `（${e.requestedByName}在柜台代提交）` : ''}
      </Text>
      {e.assigneeName && e.status !== 'cancelled' ? <Text className="e-meta">经办人：{e.assigneeName}</Text> : null}
      {e.status === 'done' ? <Text className="e-done">已办好{e.doneAt ? `（${whenText(e.doneAt)}）` : ''}{e.doneNote ? `：${e.doneNote}` : ''}</Text> : null}
      {e.receiptUrls.length ? (
        <View className="e-receipts">
          {e.receiptUrls.map((u, i) => (
            <Image key={u} className="e-receipt" src={u} mode="aspectFill" aria-label={`缴费凭证第 ${i + 1} 张`} nativeProps={{ alt: `缴费凭证第 ${i + 1} 张` }} onClick={() => Taro.previewImage({ urls: e.receiptUrls, current: u })} />
          ))}
        </View>
      ) : null}
      {e.cancelReason ? <Text className="e-meta">取消原因：{e.cancelReason}</Text> : null}
      {error ? <Text className="e-error">{error}</Text> : null}
      {e.status === 'requested' ? (
        asking ? (
          <InlineConfirm text="这件事不用社区办了？" yes="不办了" yesClass="errand-cancel-yes" busy={busy} onYes={cancel} onNo={() => setAsking(false)} />
        ) : (
          <View className="actions">
            <Button size="large" block className="errand-cancel" onClick={() => setAsking(true)}>
              不用办了
            </Button>
          </View>
        )
      ) : null}
    </View>
  );
}
