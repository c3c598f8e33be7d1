/**
 * 摊主审核 (community admins): every vendor of the community, those waiting for approval first;
 * tap one to approve or reject, give a stall or set a regular stall. The day's check-in list is one
 * tap away.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button, Tag } from '../../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { VendorPage } from '../../../stall/components/VendorPage';
import { call } from '../../../services/call';
import { VENDOR_URLS, type VendorView } from '../../../stall/api';
import '../../../stall/stall.css';

export default function AdminVendorsPage() {
  const list = useRemote(() => call('stall', 'vendors'));
  useReloadOnReturn(list.reload);
  return (
    <VendorPage className="admin-vendors">
      <View className="card">
        <Text className="title">摊主和摊位</Text>
        <Text className="muted">等待审核的排在最前面。点一位摊主办理。</Text>
        <View className="actions">
          <Button size="large" block onClick={() => Taro.navigateTo({ url: VENDOR_URLS.day() })}>
            集市签到名单
          </Button>
        </View>
      </View>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? <EmptyState text="还没有摊主登记。" /> : null}
      {list.state === 'ok' ? (
        <View>
          {list.data.some((v) => v.status === 'pending') ? <Text className="v-section">等待审核（{list.data.filter((v) => v.status === 'pending').length}）</Text> : null}
          {list.data.map((v, i) => (
            <View key={v.id}>
              {v.status !== 'pending' && (i === 0 || list.data[i - 1].status === 'pending') ? <Text className="v-section">已处理</Text> : null}
              <VendorRow v={v} />
            </View>
          ))}
        </View>
      ) : null}
    </VendorPage>
  );
}

function VendorRow({ v }: { v: VendorView }) {
  return (
    <View className={`card vendor-row tap-row status-${v.status}`} data-vendor={v.name} onClick={() => Taro.navigateTo({ url: VENDOR_URLS.adminVendor(v.id) })}>
      <View className="seller-body">
        <View className="name-line">
          <Text className="subtitle">{v.name}</Text>
          <Tag type={v.status === 'approved' ? 'success' : v.status === 'pending' ? 'warning' : 'default'}>{v.statusLabel}</Tag>
        </View>
        <Text className="muted">
          {v.kindLabel}：{v.provides ?? v.goods.join('、')}
        </Text>
        {v.regular && v.regularStall ? <Text className="muted">固定 {v.regularStall}号摊</Text> : null}
      </View>
      <Text className="v-link">办理 ›</Text>
    </View>
  );
}
