/**
 * 家人代办 (issue 22 §5): the banner 「正在为 邹建庄 办理 · 切回自己」 on top of every page where a family
 * member acts for the elder (src/services/familyActions.ts `FAMILY_PROXY_PAGES`) while the switch is
 * on. 切回自己 turns it off and opens home as oneself (one tap). Nothing when acting as oneself.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { setActingFor, useActingFor } from '../services/family';
import { Button } from './nutui';

export function FamilyBanner() {
  const acting = useActingFor();
  if (!acting) return null;
  const back = () => {
    setActingFor(null);
    Taro.reLaunch({ url: '/pages/index/index' });
  };
  return (
    <View className="family-banner" role="status" aria-live="polite">
      <Text className="family-banner-text">正在为 {acting.elderName} 办理</Text>
      <Button className="family-banner-back" size="large" onClick={back}>
        切回自己
      </Button>
    </View>
  );
}
