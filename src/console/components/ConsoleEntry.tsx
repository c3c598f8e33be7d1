/**
 * The home page's way into the console for community admins (统计和台账), and for grid workers
 * their own figures (我的统计). Nothing for anyone else.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { Button } from '../../ui/nutui';
import { CONSOLE_URLS } from '../stats-api';

export function ConsoleEntry({ me }: { me: Me | null }) {
  if (!me || !me.registered) return null;
  const role = me.user.role;
  if (role !== 'communityAdmin' && role !== 'gridWorker') return null;
  return (
    <View className="card console-entry">
      <Text className="subtitle">统计和台账</Text>
      <Text className="muted">{role === 'communityAdmin' ? '本月的诉求、办结和集市的数字，下载台账' : '我负责的网格这个月的数字'}</Text>
      <View className="actions">
        <Button size="large" block onClick={() => Taro.navigateTo({ url: CONSOLE_URLS.stats })}>
          {role === 'communityAdmin' ? '看统计' : '我的统计'}
        </Button>
        {role === 'communityAdmin' ? (
          <Button size="large" block onClick={() => Taro.navigateTo({ url: CONSOLE_URLS.ledger })}>
            下载台账
          </Button>
        ) : null}
      </View>
    </View>
  );
}
