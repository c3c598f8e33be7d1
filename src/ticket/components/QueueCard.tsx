/**
 * One row of a worker's queue or the admin's hard-case list: what and where, since when, the
 * deadline — an overdue ticket says 已超时 in words on a red band, not by colour alone.
 */
import { View, Text } from '@tarojs/components';
import type { QueueItem } from '../api';
import { whenText } from '../when';

/**
 * What the deadline asks for: a supervised ticket (督办) must be 办结 by the supervision deadline —
 * `ticket` `supervise` sets `dueAt` to it even while nobody has accepted the ticket (workflow.ts) —
 * otherwise a pending ticket is due to be 受理 and one in progress to be 办好.
 */
export function dueWhat(t: { status: string; supervised: boolean }): string {
  if (t.supervised) return '办结';
  return t.status === 'pending' ? '受理' : '办好';
}

function dueLine(t: QueueItem): string | null {
  if (!t.dueAt) return null;
  const what = dueWhat(t);
  return t.overdue ? `应在 ${whenText(t.dueAt)} 前${what}` : `请在 ${whenText(t.dueAt)} 前${what}`;
}

export function QueueCard({ item, onOpen, action = '查看 ›', showAssignee = true }: { item: QueueItem; onOpen: () => void; action?: string; showAssignee?: boolean }) {
  const due = dueLine(item);
  return (
    <View className={`card queue-card${item.overdue ? ' queue-overdue' : ''}`} data-ticket={item.id} onClick={onOpen}>
      {item.overdue ? <Text className="overdue-band">已超时</Text> : null}
      <View className="queue-head">
        <Text className="queue-category">{item.categoryLabel}</Text>
        <Text className="queue-status">{item.statusLabel}</Text>
      </View>
      <Text className="queue-summary">{item.summary}</Text>
      <Text className="queue-line">地点：{item.placeText}</Text>
      <Text className="queue-line">反映时间：{whenText(item.createdAt)}</Text>
      {due ? <Text className={`queue-line${item.overdue ? ' queue-due-over' : ''}`}>{due}</Text> : null}
      {showAssignee && item.assigneeName ? <Text className="queue-line">办理人：{item.assigneeName}</Text> : null}
      {item.supervised ? <Text className="queue-line queue-supervised">社区督办中</Text> : null}
      <Text className="queue-open">{action}</Text>
    </View>
  );
}
