/**
 * Home's 家人代办 line (issue 22 §5), for everyone with WeChat: the way to get a code and to act for a
 * linked elder; while acting for one it says so (「正在为 邹建庄 办理」), so nobody forgets it is on.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useActingFor } from '../../services/family';
import { FAMILY_URLS } from '../api';

export function FamilyHomeEntry() {
  const acting = useActingFor();
  return (
    <View className="card tap-row home-family" role="button" onClick={() => Taro.navigateTo({ url: FAMILY_URLS.index })}>
      <View>
        <Text className="subtitle">家人代办</Text>
        {acting ? (
          <Text className="family-acting home-family-acting">正在为 {acting.elderName} 办理 · 点这里切换</Text>
        ) : (
          <Text className="muted">替家里老人预约、反映问题、看消息（需到解忧铺绑定）</Text>
        )}
      </View>
      <Text className="home-messages-go">›</Text>
    </View>
  );
}
