/**
 * Local kiosk only: shows whom the kiosk is acting as, with a way to switch. Rendered only when
 * LOCAL_RUNTIME (the whole component is dropped from weapp and production H5 builds).
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { actingOpenid } from '../services/identity';
import type { Me } from './api';

export function IdentityBar({ me }: { me: Me | null }) {
  if (!LOCAL_RUNTIME) return null;
  const who =
    me && me.registered ? `${me.user.name}${me.community ? `（${me.community.name}）` : ''}` : me && actingOpenid() ? '新居民（未登记）' : '未选择身份';
  return (
    <View className="identity-bar" onClick={() => Taro.navigateTo({ url: '/pages/identity/index' })}>
      <Text>本地演示 · 当前身份：{who}</Text>
      <Text className="identity-switch">切换身份 ›</Text>
    </View>
  );
}
