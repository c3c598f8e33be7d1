/**
 * The home page's ways into tickets: residents 反映问题 and 我反映的问题; grid workers 我的工单;
 * community admins also 疑难督办; staff 待我处理 (issue 21); everyone registered 问题挂牌 (the public board).
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { Button } from '../../ui/nutui';
import { TICKET_URLS } from '../api';
import '../ticket.css';

const go = (url: string) => () => Taro.navigateTo({ url });

export function TicketEntries({ me }: { me: Me | null }) {
  if (!me || !me.registered) return null;
  const role = me.user.role;
  if (role === 'gridWorker' || role === 'communityAdmin') {
    return (
      <View className="card ticket-entries ticket-entries-staff">
        <Text className="subtitle">居民反映的问题</Text>
        <Text className="muted">{role === 'communityAdmin' ? '网格员的工单，没人管的疑难问题' : '等您受理的，和您正在办的'}</Text>
        <View className="actions">
          <Button size="large" block onClick={go(TICKET_URLS.queue)}>
            我的工单
          </Button>
          <Button size="large" block className="open-decisions" onClick={go(TICKET_URLS.decisions)}>
            待我处理
          </Button>
          {role === 'communityAdmin' ? (
            <Button size="large" block onClick={go(TICKET_URLS.hardCases)}>
              疑难督办
            </Button>
          ) : null}
          <Button size="large" block className="open-board" onClick={go(TICKET_URLS.board)}>
            问题挂牌
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="card ticket-entries">
      <Text className="subtitle">有烦心事？</Text>
      <Text className="muted">邻里纠纷、楼道堆物、养鸽子……告诉网格员，帮您想办法。</Text>
      <View className="actions">
        <Button size="large" block onClick={go(TICKET_URLS.report)}>
          反映问题
        </Button>
        <Button size="large" block onClick={go(TICKET_URLS.mine)}>
          我反映的问题
        </Button>
        <Button size="large" block className="open-board" onClick={go(TICKET_URLS.board)}>
          社区问题挂牌
        </Button>
      </View>
    </View>
  );
}
