/**
 * 民情日志: the visits of the caller's grids (an admin: of the community), newest first
 * (`rounds.visits`, at most `ROUNDS_LIMITS.listMax`), each with its room, date, worker, whom they met,
 * topics, note and the problems filed from it. A tap on a visit opens its household.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '../../../services/call';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { localDate } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { ROUNDS_LIMITS as L } from '../../../../cloudfunctions/rounds/limits';
import { ROUNDS_URLS } from '../../api';
import { RoundsError, RoundsPage } from '../../components/RoundsPage';
import { VisitItem } from '../../components/VisitItem';

export default function LogPage() {
  const visits = useRemote(() => call('rounds', 'visits', {}));
  useReloadOnReturn(visits.reload);
  const today = localDate();
  return (
    <RoundsPage className="rounds-log">
      <Text className="title">民情日志</Text>
      {visits.state === 'loading' ? <LoadingState /> : null}
      {visits.state === 'error' ? <RoundsError error={visits.error} onRetry={visits.reload} /> : null}
      {visits.state === 'ok' && !visits.data.length ? <EmptyState text="还没有走访记录。到“我的住户”里选一户，点“记录走访”。" actionText="去我的住户" onAction={() => Taro.redirectTo({ url: ROUNDS_URLS.households() })} /> : null}
      {visits.state === 'ok' && visits.data.length ? (
        <View className="card log-list">
          <Text className="r-totals">
            最近 {visits.data.length} 次走访{visits.data.length >= L.listMax ? `（只列出最近 ${L.listMax} 次）` : ''}，新的在前
          </Text>
          {visits.data.map((v) => (
            <View key={v.id} className="log-row" role="button" onClick={() => Taro.navigateTo({ url: ROUNDS_URLS.household(v.householdKey) })}>
              <VisitItem v={v} withRoom today={today} />
            </View>
          ))}
        </View>
      ) : null}
    </RoundsPage>
  );
}
