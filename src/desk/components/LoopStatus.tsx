/**
 * The case-loop state of a ticket in the desk detail page's header (issue 21): a waiting extension
 * request (申请延到 …，等社区管理员审批) or the last decision on one (已批准延期至 … / 延期未批准：reason),
 * a suspension (暂停办理至 …：reason — the clock stands still), and the on-site check
 * (核查通过 / 待核查 for a handled community problem). Nothing when none applies.
 */
import { Text, View } from '@tarojs/components';
import type { StaffTicketView } from '../../ticket/api';
import { PhotoList } from '../../ticket/components/PhotoPicker';
import { dayText } from '../../ticket/when';

export function LoopStatus({ t }: { t: StaffTicketView }) {
  const x = t.extension;
  const s = t.suspension;
  const v = t.verification;
  const lines = [
    s ? (
      <Text key="s" className="ticket-line loop-line loop-suspended">
        已挂起：暂停办理到 {dayText(s.untilDate)}，期间不计时（{s.byName}：{s.reason}）
      </Text>
    ) : null,
    x?.status === 'requested' ? (
      <Text key="x" className="ticket-line loop-line loop-extension-requested">
        {x.byName} 申请延期到 {dayText(x.untilDate)}，等社区管理员审批（{x.reason}）
      </Text>
    ) : null,
    x?.status === 'approved' ? (
      <Text key="x" className="ticket-line loop-line loop-extension-approved">
        已批准延期到 {dayText(x.untilDate)}{x.decidedByName ? `（${x.decidedByName} 批准）` : ''}
      </Text>
    ) : null,
    x?.status === 'declined' && t.status === 'inProgress' ? (
      <Text key="x" className="ticket-line loop-line loop-extension-declined">
        延期申请没有批准{x.declineReason ? `：${x.declineReason}` : ''}，还按原来的期限办
      </Text>
    ) : null,
    v?.passed ? (
      <Text key="v" className="ticket-line loop-line loop-verified">
        核查通过（{v.byName}{v.note ? `：${v.note}` : ''}）
      </Text>
    ) : null,
    !v && t.needsVerification && t.status === 'handled' ? (
      <Text key="v" className="ticket-line loop-line loop-to-verify">
        待核查：办结前要由办理人以外的人到现场核查
      </Text>
    ) : null,
  ].filter(Boolean);
  if (!lines.length) return null;
  return (
    <View className="loop-status">
      {lines}
      {v?.passed && v.photos.length ? <PhotoList urls={v.photos} /> : null}
    </View>
  );
}
