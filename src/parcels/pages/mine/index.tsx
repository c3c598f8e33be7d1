/**
 * 我的快递 (issue 22; a resident): the parcels waiting at the 解忧铺 for them, each with its pickup
 * code big and its shelf spot, and the last 10 picked up or taken to the door. Large text in elder mode.
 */
import { Text, View } from '@tarojs/components';
import { call } from '../../../services/call';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, isNotRegistered, LoadingState, NotRegisteredState } from '../../../ui/PageState';
import { dayText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import '../../parcels.css';

export default function MyParcelsPage() {
  const mine = useRemote(() => call('parcels', 'myParcels', {}));
  useReloadOnReturn(mine.reload);
  return (
    <Page className="parcels-mine">
      {mine.state === 'loading' ? <LoadingState /> : null}
      {mine.state === 'error' ? isNotRegistered(mine.error) ? <NotRegisteredState /> : <ErrorState message={mine.error.message} code={mine.error.code} onRetry={mine.reload} /> : null}
      {mine.state === 'ok' ? (
        <>
          <View className="card parcel-waiting">
            <Text className="title">待取的快递</Text>
            {!mine.data.waiting.length ? <EmptyState text="现在没有您的快递" /> : <Text className="p-line">到解忧铺报取件码就能取；行动不便的，可以请工作人员送上门。</Text>}
            {mine.data.waiting.map((p) => (
              <View key={p.id} className="p-row parcel-mine-row">
                <Text className="p-line">{p.carrierLabel}快递 · {dayText(p.loggedAt)}到</Text>
                <Text className="p-line">取件码</Text>
                <Text className="p-big-code parcel-mine-code">{p.code}</Text>
                <Text className="p-shelf">货架 {p.shelf}</Text>
              </View>
            ))}
          </View>
          {mine.data.done.length ? (
            <View className="card parcel-done">
              <Text className="title">取过的快递</Text>
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
