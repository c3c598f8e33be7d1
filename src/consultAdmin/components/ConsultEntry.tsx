/**
 * 社区议事 for staff (issue 20): the way from the places staff already work — home's staff cards, the
 * desk's 我的工单, the console — into the consultAdmin pages: 议题和表决, 会议记录, 意见建议. Shown to
 * grid workers and community admins only (`me`: `account.me`'s answer; `compact`: one row of buttons
 * without the explanation, for the desk).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { Button } from '../../ui/nutui';
import { CONSULT_ADMIN_URLS } from '../labels';

const go = (url: string) => () => Taro.navigateTo({ url });

export function ConsultEntry({ me, staff, compact = false }: { me?: Me | null; staff?: boolean; compact?: boolean }) {
  const isStaffMember = staff ?? (!!me && me.registered && (me.user.role === 'communityAdmin' || me.user.role === 'gridWorker'));
  if (!isStaffMember) return null;
  return (
    <View className="card consult-admin-entry">
      <Text className="subtitle">社区议事</Text>
      {compact ? null : <Text className="muted">居民按户表决的议题、纸质票计票；会议记录；居民的意见建议</Text>}
      <View className="actions">
        <Button size="large" block className="open-consult-topics" onClick={go(CONSULT_ADMIN_URLS.topics)}>
          议题和表决
        </Button>
        <Button size="large" block className="open-consult-meetings" onClick={go(CONSULT_ADMIN_URLS.meetings)}>
          会议记录
        </Button>
        <Button size="large" block className="open-consult-opinions" onClick={go(CONSULT_ADMIN_URLS.opinions)}>
          意见建议
        </Button>
      </View>
    </View>
  );
}
