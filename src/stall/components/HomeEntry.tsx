/**
 * On the home page: 赵大爷's question one tap away — "周五集市有什么卖？" opens the registry (登记本)
 * with its search — and, for vendors, admins and staff, their way to stalls.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { Button } from '../../ui/nutui';
import { VENDOR_URLS } from '../api';
import './home-entry.css';

export function VendorHomeEntry({ me }: { me: Me | null }) {
  const role = me?.registered ? me.user.role : null;
  const go = (url: string) => () => Taro.navigateTo({ url });
  // a community without a market has no registry to look at
  if (me?.registered && me.community && !me.community.hasMarket) return null;
  return (
    <View className="card registry-entry">
      <Text className="title registry-entry-title">周五集市有什么卖？</Text>
      <Text className="home-line">有没有白菜、大葱？谁在几号摊？</Text>
      <View className="actions">
        <Button size="large" block className="registry-entry-go" onClick={go(VENDOR_URLS.registry)}>
          看看有什么卖
        </Button>
        {role === 'vendor' || !me?.registered ? (
          <Button size="large" block className="registry-entry-vendor" onClick={go(VENDOR_URLS.mine)}>
            {role === 'vendor' ? '我的摊位' : '我是摊主，要登记'}
          </Button>
        ) : null}
        {role === 'communityAdmin' ? (
          <Button size="large" block onClick={go(VENDOR_URLS.adminVendors)}>
            摊主审核和摊位
          </Button>
        ) : null}
        {role === 'gridWorker' ? (
          <Button size="large" block onClick={go(VENDOR_URLS.day())}>
            摊主签到名单
          </Button>
        ) : null}
      </View>
    </View>
  );
}
