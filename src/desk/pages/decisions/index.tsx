/**
 * 待我处理 (issue 21, docs/case-loop-design.md §3): what waits on the caller's decision —
 * `ticket.pendingDecisions` → `{ extensions, toVerify }`. Community admins see 延期申请 (each with the
 * asked-for date, who asked and why; a tap opens the ticket to 批准 or 不批准) and 待核查 (handled
 * community problems to check on site); a grid worker sees 待核查: the community's handled problems
 * that are not theirs to check (never the ones they handled). Loading, error (with a retry) and an
 * empty state for each list; reloaded when the person comes back from a ticket.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { call } from '../../../services/call';
import type { CallResult } from '../../../services/cloud';
import { TICKET_URLS, type StaffTicketView } from '../../../ticket/api';
import type { PendingDecisions } from '../../../../cloudfunctions/ticket/contract';
import { TicketErrorState, TicketPage } from '../../../ticket/components/TicketPage';
import { dayText, whenText } from '../../../ticket/when';

/** One ticket waiting on a decision: what and where, who handles it, and what is asked of the reader. */
function DecisionCard({ t, kind }: { t: StaffTicketView; kind: 'extension' | 'verify' }) {
  const x = t.extension;
  return (
    <View className={`card queue-card decision-card decision-${kind}`} data-ticket={t.id} onClick={() => Taro.navigateTo({ url: TICKET_URLS.deskDetail(t.id) })}>
      <View className="queue-head">
        <Text className="queue-category">{t.categoryLabel}</Text>
        <Text className="queue-status">{kind === 'extension' ? '申请延期' : '待核查'}</Text>
      </View>
      <Text className="queue-summary">{[...t.text].slice(0, 40).join('')}</Text>
      <Text className="queue-line">地点：{t.place.text}</Text>
      <Text className="queue-line">办理人：{t.assigneeName ?? '—'}</Text>
      {kind === 'extension' && x ? (
        <View>
          <Text className="queue-line decision-ask">
            申请延到 {dayText(x.untilDate)}
            {t.dueAt ? `（原期限 ${dayText(t.dueAt)}）` : ''}
          </Text>
          <Text className="queue-line">原因：{x.reason}</Text>
        </View>
      ) : null}
      {kind === 'verify' ? <Text className="queue-line">处理结果已反馈（{whenText(t.timeline.filter((s) => s.type === 'handled').slice(-1)[0]?.at ?? t.createdAt)}），请到现场核查</Text> : null}
      <Text className="queue-open">{kind === 'extension' ? '审批 ›' : '去核查 ›'}</Text>
    </View>
  );
}

/** The lists and whether the caller is an admin (who alone decides extensions). */
async function load(): Promise<CallResult<{ admin: boolean; lists: PendingDecisions }>> {
  const [me, lists] = await Promise.all([call('account', 'me'), call('ticket', 'pendingDecisions')]);
  if (!lists.ok) return lists;
  return { ok: true, data: { admin: me.ok && me.data.registered && me.data.user.role === 'communityAdmin', lists: lists.data } };
}

export default function DecisionsPage() {
  const list = useRemote(load);
  useReloadOnReturn(list.reload);
  return (
    <TicketPage className="desk-decisions">
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <TicketErrorState error={list.error} onRetry={list.reload} /> : null}
      {list.state === 'ok' ? <Lists admin={list.data.admin} extensions={list.data.admin || list.data.lists.extensions.length ? list.data.lists.extensions : null} toVerify={list.data.lists.toVerify} /> : null}
    </TicketPage>
  );
}

function Lists({ admin, extensions, toVerify }: { admin: boolean; extensions: StaffTicketView[] | null; toVerify: StaffTicketView[] }) {
  return (
    <View>
      {extensions ? (
        <View className="decisions-extensions">
          <Text className="title ticket-page-title">延期申请（{extensions.length}）</Text>
          {extensions.length ? extensions.map((t) => <DecisionCard key={t.id} t={t} kind="extension" />) : <Text className="ticket-empty">现在没有等您审批的延期申请。</Text>}
        </View>
      ) : null}
      <View className="decisions-verify">
        <Text className="title ticket-page-title">待核查（{toVerify.length}）</Text>
        <Text className="ticket-hint">{admin ? '网格员已反馈处理结果的社区问题，办结前要由办理人以外的人到现场看一看。' : '其他网格员办好的社区问题，请您到现场看看是不是真的解决了（自己办的不能自己核查）。'}</Text>
        {toVerify.length ? toVerify.map((t) => <DecisionCard key={t.id} t={t} kind="verify" />) : <Text className="ticket-empty">现在没有要核查的问题。</Text>}
      </View>
    </View>
  );
}
