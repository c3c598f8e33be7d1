/**
 * 我的志愿服务 (issue 22; a volunteer of the 解忧智囊团): their roles, this week's duties (today's
 * marked), their hours — in all, this month and by kind of act (值班, 送快递上门, 巡逻, …) with the
 * latest entries — and links to what they may do now (送快递上门; 待核查 for an 信息员; 巡逻 for a 巡逻员). Someone not
 * (or no longer) on the team reads that, and how to join (at the 解忧铺). Large text in elder mode.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DutyView, MineAnswer } from '../../../../cloudfunctions/volunteers/contract';
import { minutesWords, VOLUNTEER_TEAM_LABEL } from '../../../../cloudfunctions/shared/vocabulary/volunteers';
import { call } from '../../../services/call';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { dayText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { VOLUNTEER_TASK_URLS } from '../../api';
import '../../volunteers.css';

export default function MyVolunteeringPage() {
  const mine = useRemote(() => call('volunteers', 'mine', {}));
  useReloadOnReturn(mine.reload);
  return (
    <Page className="volunteers-mine">
      {mine.state === 'loading' ? <LoadingState /> : null}
      {mine.state === 'error' ? <ErrorState message={mine.error.message} code={mine.error.code} onRetry={mine.reload} /> : null}
      {mine.state === 'ok' ? <Mine data={mine.data} /> : null}
    </Page>
  );
}

function Mine({ data }: { data: MineAnswer }) {
  const v = data.volunteer;
  const patroller = !!v?.active && v.roles.includes('patroller');
  return (
    <>
      <View className="card v-me">
        <Text className="title">{VOLUNTEER_TEAM_LABEL}</Text>
        {v?.active ? (
          <>
            <View className="v-roles">
              {v.roleLabels.map((r) => (
                <Text key={r} className="v-role">{r}</Text>
              ))}
            </View>
            <Text className="v-meta">{dayText(v.since)}加入</Text>
          </>
        ) : (
          <Text className="v-line">{v ? '您已经退出了智囊团，谢谢您的服务！想再参加，到解忧铺说一声。' : '您还不是智囊团的志愿者。想参加巡逻、调解、宣讲，到解忧铺找工作人员报名。'}</Text>
        )}
      </View>
      {v?.active ? <Duties duties={data.duties} today={data.today} /> : null}
      {v?.active && (data.tasks.deliverParcels || data.tasks.verifyTickets || patroller) ? (
        <View className="card v-tasks">
          <Text className="title">现在可以做的事</Text>
          <View className="actions">
            {data.tasks.deliverParcels ? (
              <Button size="large" block className="v-task-deliver" onClick={() => Taro.navigateTo({ url: VOLUNTEER_TASK_URLS.deliverParcels })}>
                送快递上门
              </Button>
            ) : null}
            {data.tasks.verifyTickets ? (
              <Button size="large" block className="v-task-verify" onClick={() => Taro.navigateTo({ url: VOLUNTEER_TASK_URLS.verifyTickets })}>
                待核查
              </Button>
            ) : null}
            {patroller ? (
              <Button size="large" block className="v-task-patrol" onClick={() => Taro.navigateTo({ url: VOLUNTEER_TASK_URLS.patrol })}>
                巡逻
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
      {v ? <Hours hours={data.hours} /> : null}
    </>
  );
}

function Duties({ duties, today }: { duties: DutyView[]; today: string }) {
  return (
    <View className="card v-duties">
      <Text className="title">这周的值班</Text>
      {!duties.length ? <EmptyState text="这周还没有给您排班" /> : null}
      {duties.map((d) => (
        <View key={d.id} className="v-row v-duty">
          <View className="v-row-head">
            <Text className="v-name">
              {dayText(d.date)} {d.slotLabel}
              {d.date === today ? <Text className="v-today">今天</Text> : null}
            </Text>
            <Text className={`v-status ${d.status}`}>{d.statusLabel}</Text>
          </View>
          <Text className="v-meta">{d.roleLabel}{d.note ? ` · ${d.note}` : ''}</Text>
        </View>
      ))}
    </View>
  );
}

function Hours({ hours }: { hours: MineAnswer['hours'] }) {
  return (
    <View className="card v-hours">
      <Text className="title">我的服务时长</Text>
      <Text className="v-big v-hours-total">{minutesWords(hours.totalMinutes)}</Text>
      <Text className="v-meta">这个月 {minutesWords(hours.monthMinutes)}</Text>
      {hours.bySource.map((s) => (
        <View key={s.source} className="v-row v-hours-source">
          <View className="v-row-head">
            <Text className="v-line">{s.label}（{s.count} 次）</Text>
            <Text className="v-line">{minutesWords(s.minutes)}</Text>
          </View>
        </View>
      ))}
      {hours.recent.length ? <Text className="v-label">最近记录</Text> : null}
      {hours.recent.map((h) => (
        <Text key={h.id} className="v-meta">
          {dayText(h.date)} · {h.label} · {minutesWords(h.minutes)}{h.note ? ` · ${h.note}` : ''}
        </Text>
      ))}
    </View>
  );
}
