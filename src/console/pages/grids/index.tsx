/**
 * 网格和楼栋 (community admins): each grid with the buildings it covers and its grid workers; the
 * buildings no grid covers yet (their problems go to the community's hard-case list); tap a grid to
 * change it, or make a new one.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { PeoplePage } from '../../components/PeoplePage';
import { PEOPLE_URLS, type GridsData } from '../../people-api';
import { call } from '../../../services/call';

/** Buildings of the community that no grid covers, as `小区 楼栋、楼栋` lines. */
export function uncovered(data: GridsData): string[] {
  return data.estates.flatMap((e) => {
    const covered = new Set(data.grids.flatMap((g) => g.covers.filter((c) => c.estateId === e.id).flatMap((c) => c.buildings)));
    const left = e.buildings.filter((b) => !covered.has(b));
    return left.length ? [`${e.name} ${left.join('、')}`] : [];
  });
}

export default function GridsPage() {
  const data = useRemote(() => call('account', 'grids'));
  useReloadOnReturn(data.reload);
  return (
    <PeoplePage className="console-grids">
      <View className="card">
        <Text className="title">网格和楼栋</Text>
        <Text className="muted">一栋楼只属于一个网格。居民反映的问题，按楼栋交给那个网格的网格员。</Text>
        <View className="actions">
          <Button type="primary" size="large" block className="new-grid" onClick={() => Taro.navigateTo({ url: PEOPLE_URLS.grid(null) })}>
            新建网格
          </Button>
        </View>
      </View>
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /> : null}
      {data.state === 'ok' && data.data.grids.length === 0 ? <EmptyState text="社区还没有网格。点上面的“新建网格”。" /> : null}
      {data.state === 'ok' && uncovered(data.data).length ? (
        <View className="card uncovered">
          <Text className="subtitle">还没有网格的楼栋</Text>
          <Text className="p-line">这些楼的问题会交给社区统一安排：</Text>
          {uncovered(data.data).map((line) => (
            <Text key={line} className="p-line">
              {line}
            </Text>
          ))}
        </View>
      ) : null}
      {data.state === 'ok'
        ? data.data.grids.map((g) => (
            <View key={g.id} className="card tap-row grid-row" data-grid={g.code} onClick={() => Taro.navigateTo({ url: PEOPLE_URLS.grid(g.id) })}>
              <View className="p-row-body">
                <Text className="subtitle">{g.code}</Text>
                {g.covers.map((c) => (
                  <Text key={c.estateId} className="p-line">
                    {c.estateName} {c.buildings.join('、')}
                  </Text>
                ))}
                {g.covers.length === 0 ? <Text className="p-line">还没有楼栋</Text> : null}
                <Text className="p-line">网格员：{g.workers.length ? g.workers.map((w) => w.name).join('、') : '还没有'}</Text>
              </View>
              <Text className="p-link">修改 ›</Text>
            </View>
          ))
        : null}
    </PeoplePage>
  );
}
