/**
 * 入户走访和巡查 (issue 21): the way from the places grid workers and admins already work — home's staff
 * cards and the desk's 我的工单 — into the rounds pages: 我的住户, 巡查, 民情日志, and for community
 * admins 走访计划. Shown to grid workers and community admins only (`me`: `account.me`'s answer, or
 * `staff` when the page already knows; `admin` shows 走访计划 without `me`; `compact`: no explanation).
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '../../account/api';
import { Button } from '../../ui/nutui';
import { ROUNDS_URLS } from '../api';

const go = (url: string) => () => Taro.navigateTo({ url });

export function RoundsEntry({ me, staff, compact = false }: { me?: Me | null; staff?: boolean; compact?: boolean }) {
  const role = me && me.registered ? me.user.role : null;
  const isStaffMember = staff ?? (role === 'communityAdmin' || role === 'gridWorker');
  if (!isStaffMember) return null;
  return (
    <View className="card rounds-entry">
      <Text className="subtitle">入户走访和巡查</Text>
      {compact ? null : <Text className="muted">{role === 'communityAdmin' ? '各网格的住户、走访和巡查；走访计划' : '我负责的住户，谁该走访了；巡查网格'}</Text>}
      <View className="actions">
        <Button size="large" block className="open-households" onClick={go(ROUNDS_URLS.households())}>
          我的住户
        </Button>
        <Button size="large" block className="open-patrol" onClick={go(ROUNDS_URLS.patrol)}>
          巡查
        </Button>
        <Button size="large" block className="open-rounds-log" onClick={go(ROUNDS_URLS.log)}>
          民情日志
        </Button>
        {role === 'communityAdmin' ? (
          <Button size="large" block className="open-visit-plans" onClick={go(ROUNDS_URLS.plans)}>
            走访计划
          </Button>
        ) : null}
      </View>
    </View>
  );
}
