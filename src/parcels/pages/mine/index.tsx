/**
 * 我的快递 (issue 22; a resident): the parcels waiting at the 解忧铺 for them, each with its pickup
 * code big and its shelf spot, and the last 10 picked up or taken to the door. Large text in elder mode.
 * 快递到了用微信提醒我 asks for one WeChat message of the template `parcelArrived` (one tap of 允许 = one
 * message; the message centre tells them anyway).
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '../../../services/call';
import { requestSubscribe } from '../../../services/subscribe';
import { useProxyWords } from '../../../services/family';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { dayText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import '../../parcels.css';

export default function MyParcelsPage() {
  const mine = useRemote(() => call('parcels', 'myParcels', {}));
  useReloadOnReturn(mine.reload);
  // 家人代办: while acting for an elder these are his parcels (「邹建庄的快递」)
  const w = useProxyWords();
  return (
    <Page proxy className="parcels-mine">
      {mine.state === 'loading' ? <LoadingState /> : null}
      {mine.state === 'error' ? <ErrorState message={mine.error.message} code={mine.error.code} onRetry={mine.reload} /> : null}
      {mine.state === 'ok' ? (
        <>
          <View className="card parcel-waiting">
            <Text className="title">{w.say('待取的快递', '{name}待取的快递')}</Text>
            {!mine.data.waiting.length ? <EmptyState text={`现在没有${w.you}的快递`} /> : <Text className="p-line">到解忧铺报取件码就能取；行动不便的，可以请工作人员送上门。</Text>}
            {mine.data.waiting.map((p) => (
              <View key={p.id} className="p-row parcel-mine-row">
                <Text className="p-line">{p.carrierLabel}快递 · {dayText(p.loggedAt)}到</Text>
                <Text className="p-line">取件码</Text>
                <Text className="p-big-code parcel-mine-code">{p.code}</Text>
                <Text className="p-shelf">货架 {p.shelf}</Text>
              </View>
            ))}
          </View>
          {/* a WeChat reminder asked for here would reach the member's WeChat, but the message is sent to the elder's: none while acting for him */}
          {w.elder ? null : <RemindMe />}
          {mine.data.done.length ? (
            <View className="card parcel-done">
              <Text className="title">{w.say('取过的快递', '{name}取过的快递')}</Text>
              {mine.data.done.map((p) => (
                <View key={p.id} className="p-row">
                  <Text className="p-line">
                    {p.carrierLabel}快递 · {p.statusLabel}
                    {p.doneAt ? ` · ${dayText(p.doneAt)}` : ''}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

/** 快递到了用微信提醒我: one tap asks WeChat for the next parcel's message (must run inside the tap). */
function RemindMe() {
  const [asked, setAsked] = useState<'no' | 'yes' | 'declined'>('no');
  const ask = () => {
    void requestSubscribe([TEMPLATE_IDS.parcelArrived]).then((ids) => setAsked(ids.length ? 'yes' : 'declined'));
  };
  return (
    <View className="card parcel-remind">
      {asked === 'yes' ? (
        <Text className="p-done parcel-remind-done">好的，下一个快递到了会用微信告诉您</Text>
      ) : (
        <>
          <Text className="p-line">快递到了，“消息”里都会告诉您；也可以让微信提醒您一次。</Text>
          {asked === 'declined' ? <Text className="p-error">没有打开微信提醒，看“消息”也一样</Text> : null}
          <View className="actions">
            <Button size="large" block className="parcel-remind-go" onClick={ask}>
              快递到了用微信提醒我
            </Button>
          </View>
        </>
      )}
    </View>
  );
}
