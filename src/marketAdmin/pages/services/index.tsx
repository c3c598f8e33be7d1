/**
 * 服务项目 (community admins): every service of the market's catalogue, in use or not, with its
 * booking mode, places and what the coming days hold; tap one to edit it, or add a new one.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { MARKET_ADMIN_URLS, offerText } from '../../api';
import '../../../stall/stall.css';
import '../../marketAdmin.css';
import { call } from '../../../services/call';

export default function ServicesPage() {
  const view = useRemote(() => call('market', 'marketSettings'));
  useReloadOnReturn(view.reload);
  return (
    <Page className="vendor-page market-admin">
      <View className="card">
        <Text className="title">服务项目</Text>
        <Text className="muted">名额改了，已经排好的集市日也跟着改（不能少于已经预约的人数）；名称、说明、预约方式从新排的集市日开始用。</Text>
        <View className="actions">
          <Button type="primary" size="large" block className="new-service" onClick={() => Taro.navigateTo({ url: MARKET_ADMIN_URLS.service() })}>
            新增服务项目
          </Button>
        </View>
      </View>
      {view.state === 'loading' ? <LoadingState /> : null}
      {view.state === 'error' ? <ErrorState message={view.error.message} code={view.error.code} onRetry={view.reload} /> : null}
      {view.state === 'ok' && view.data.services.length === 0 ? <EmptyState text="还没有服务项目。点上面的“新增服务项目”。" /> : null}
      {view.state === 'ok'
        ? view.data.services.map((s) => (
            <View key={s.id} className={`card tap-row ma-service-row ${s.active ? '' : 'ma-service-off'}`} data-service={s.name} onClick={() => Taro.navigateTo({ url: MARKET_ADMIN_URLS.service(s.id) })}>
              <View className="seller-body">
                <View className="name-line">
                  <Text className="subtitle">{s.name}</Text>
                  {s.active ? null : <Tag>停用</Tag>}
                </View>
                <Text className="ma-facts">{offerText(s)}</Text>
                {s.active && s.bookingMode !== 'none' ? (
                  <Text className="muted">
                    后面的集市已约 {s.comingBooked} 人{s.comingWaiting ? `，候补 ${s.comingWaiting} 人` : ''}
                  </Text>
                ) : null}
              </View>
              <Text className="v-link">修改 ›</Text>
            </View>
          ))
        : null}
    </Page>
  );
}
