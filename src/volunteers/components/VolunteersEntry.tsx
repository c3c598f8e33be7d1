/**
 * The ways into the 解忧智囊团 pages (volunteers, issue 22): home's 我的志愿服务 card for an active
 * volunteer (their roles; a tap opens 我的志愿服务), and the 解忧智囊团 button for staff cards (home's
 * 柜台代办 and the console's entry). `me`: `account.me`'s answer (`user.volunteerRoles` is present only
 * for an active volunteer); nothing for anyone else.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { VOLUNTEER_ROLE_LABELS } from '../../../cloudfunctions/shared/vocabulary/volunteers';
import { Button } from '../../ui/nutui';
import { VOLUNTEERS_URLS } from '../api';

export function VolunteerHomeCard({ me }: { me?: Me | null }) {
  const roles = me && me.registered ? me.user.volunteerRoles : undefined;
  if (!roles) return null;
  return (
    <View className="card tap-row home-volunteer" role="button" onClick={() => Taro.navigateTo({ url: VOLUNTEERS_URLS.mine })}>
      <View>
        <Text className="subtitle">我的志愿服务</Text>
        <Text className="muted">解忧智囊团 · {roles.map((r) => VOLUNTEER_ROLE_LABELS[r]).join('、')}；看值班和服务时长</Text>
      </View>
      <Text className="home-messages-go">›</Text>
    </View>
  );
}

/** 解忧智囊团: the button into the team page, for staff cards. */
export function VolunteersStaffButton() {
  return (
    <Button size="large" block className="open-volunteers" onClick={() => Taro.navigateTo({ url: VOLUNTEERS_URLS.team })}>
      解忧智囊团
    </Button>
  );
}
