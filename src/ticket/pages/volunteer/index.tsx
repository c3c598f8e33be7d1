/**
 * 志愿者的问题 (issue 22; docs/everyday-services-design.md §4): what a volunteer of the 解忧智囊团 is
 * asked to do in the case loop — `ticket.volunteerTasks` → `{ toVerify, mediations }`. A 信息员 sees
 * 待核查 (handled community problems to look at on site: no reporter, no words — the informant's
 * view), a tap opens the ticket with its 核查 form; a 调解员 sees 请我调解 (the neighbour disputes a
 * grid worker invited them onto), a tap opens what the grid worker sees. Someone who is not an
 * active volunteer reads that this page is for volunteers. Loading, error (with a retry) and empty
 * states; reloaded on return.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '../../../services/call';
import { LoadingState } from '../../../ui/PageState';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { TICKET_URLS, type StaffTicketView } from '../../api';
import { TicketErrorState, TicketPage } from '../../components/TicketPage';
import { whenText } from '../../when';

/** One ticket: what and where, who handles it, and what the volunteer is asked to do. */
function TaskCard({ t, kind }: { t: StaffTicketView; kind: 'verify' | 'mediate' }) {
  const handledAt = t.timeline.filter((s) => s.type === 'handled').slice(-1)[0]?.at;
  return (
    <View className={`card queue-card volunteer-task volunteer-${kind}`} data-ticket={t.id} onClick={() => Taro.navigateTo({ url: TICKET_URLS.deskDetail(t.id) })}>
      <View className="queue-head">
        <Text className="queue-category">{t.categoryLabel}</Text>
        <Text className="queue-status">{kind === 'verify' ? '待核查' : t.statusLabel}</Text>
      </View>
      <Text className="queue-line">地点：{t.place.text}</Text>
      <Text className="queue-line">网格员：{t.assigneeName ?? '—'}</Text>
      {kind === 'verify' && handledAt ? <Text className="queue-line">{whenText(handledAt)} 反馈已处理，请到现场看一看</Text> : null}
      {kind === 'mediate' ? <Text className="queue-line">网格员请您帮忙调解。请为反映人保密</Text> : null}
      <Text className="queue-open">{kind === 'verify' ? '去核查 ›' : '看详情 ›'}</Text>
    </View>
  );
}

export default function VolunteerTicketsPage() {
  const tasks = useRemote(() => call('ticket', 'volunteerTasks'));
  useReloadOnReturn(tasks.reload);
  const notVolunteer = tasks.state === 'error' && tasks.error.code === 'COMMON.FORBIDDEN';
  return (
    <TicketPage className="ticket-volunteer">
      {tasks.state === 'loading' ? <LoadingState /> : null}
      {notVolunteer ? <Text className="ticket-empty volunteer-only">这一页是给社区解忧智囊团的志愿者用的。想当志愿者，请到解忧铺找工作人员登记。</Text> : null}
      {tasks.state === 'error' && !notVolunteer ? <TicketErrorState error={tasks.error} onRetry={tasks.reload} /> : null}
      {tasks.state === 'ok' ? (
        <View>
          <View className="volunteer-verify-list">
            <Text className="title ticket-page-title">待核查（{tasks.data.toVerify.length}）</Text>
            <Text className="ticket-hint">网格员说已经处理好的社区问题，请您到现场看看是不是真的解决了，拍张照片。</Text>
            {tasks.data.toVerify.length ? tasks.data.toVerify.map((t) => <TaskCard key={t.id} t={t} kind="verify" />) : <Text className="ticket-empty">现在没有要核查的问题。</Text>}
          </View>
          <View className="volunteer-mediate-list">
            <Text className="title ticket-page-title">请我调解（{tasks.data.mediations.length}）</Text>
            {tasks.data.mediations.length ? tasks.data.mediations.map((t) => <TaskCard key={t.id} t={t} kind="mediate" />) : <Text className="ticket-empty">现在没有请您调解的事。</Text>}
          </View>
        </View>
      ) : null}
    </TicketPage>
  );
}
