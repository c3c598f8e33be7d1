/**
 * 送快递上门 (issue 22; a volunteer of the 解忧智囊团, or staff): the parcels to take to the door —
 * `parcels.toDeliver`: elders' parcels and those a resident asked for at the counter, oldest first,
 * each with the resident's name, 楼栋/单元/房号 and the shelf spot to take it from (never the pickup
 * code or a phone). 已送达 asks first inside the row (no pop-up), then `parcels.deliver` records it
 * (the resident's 我的快递 then reads 已送到家, and the volunteer's hours are counted by the server).
 * Someone who is not a volunteer reads that the page is for volunteers. Large text in elder mode.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { DoorParcel } from '../../../../cloudfunctions/parcels/contract';
import { call } from '../../../services/call';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { whenText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import '../../parcels.css';

/** The home in words: `3号楼 2单元 301`. */
const homeText = (p: DoorParcel): string => (p.home ? [p.home.building, p.home.unit, p.home.room].filter(Boolean).join(' ') : '住址没有登记，请问工作人员');

export default function DeliverPage() {
  const list = useRemote(() => call('parcels', 'toDeliver', {}));
  useReloadOnReturn(list.reload);
  const forbidden = list.state === 'error' && list.error.code === 'COMMON.FORBIDDEN';
  return (
    <Page className="parcels-deliver">
      {list.state === 'loading' ? <LoadingState /> : null}
      {forbidden ? <Text className="p-error deliver-volunteers-only">这一页是给社区解忧智囊团的志愿者和工作人员用的。想当志愿者，请到解忧铺找工作人员登记。</Text> : null}
      {list.state === 'error' && !forbidden ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' ? <DoorList parcels={list.data.parcels} onChanged={list.reload} /> : null}
    </Page>
  );
}

/** The list: each parcel with 已送达 (asked first). */
function DoorList({ parcels, onChanged }: { parcels: DoorParcel[]; onChanged: () => void }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const deliver = async (p: DoorParcel) => {
    if (busy) return;
    setBusy(true);
    const r = await call('parcels', 'deliver', { parcelId: p.id });
    setBusy(false);
    setAsking(null);
    if (r.ok) {
      setError(null);
      setDone(`已记下：${p.residentName} 的快递送到家了。谢谢您！`);
    } else {
      setDone(null);
      setError(r.error.message);
    }
    onChanged();
  };
  return (
    <View className="card parcel-door-list">
      <Text className="title">要送上门的快递（{parcels.length}）</Text>
      <Text className="p-line">到解忧铺按货架位置取出快递，送到居民家里，当面交给本人后点“已送达”。</Text>
      {done ? (
        <Text className="p-done deliver-done" aria-live="polite">
          {done}
        </Text>
      ) : null}
      {error ? <Text className="p-error">{error}</Text> : null}
      {!parcels.length ? <EmptyState text="现在没有要送上门的快递" /> : null}
      {parcels.map((p) => (
        <View key={p.id} className="p-row parcel-door-row" data-parcel={p.id}>
          <View className="p-row-head">
            <Text className="p-name">{p.residentName}</Text>
            <Text className="p-shelf">货架 {p.shelf}</Text>
          </View>
          <Text className="p-line parcel-door-home">送到：{homeText(p)}</Text>
          <Text className="p-meta">
            {p.carrierLabel}快递 · {whenText(p.loggedAt)} 到 · {p.why === 'elder' ? '老人的快递' : '居民请求送上门'}
          </Text>
          {asking === p.id ? (
            <InlineConfirm text={`已经把快递交到 ${p.residentName} 手里了？`} yes="确定已送达" yesClass="parcel-door-yes" primary busy={busy} onYes={() => void deliver(p)} onNo={() => setAsking(null)} />
          ) : (
            <View className="actions">
              <Button size="large" block type="primary" className="parcel-door-deliver" onClick={() => setAsking(p.id)}>
                已送达
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
