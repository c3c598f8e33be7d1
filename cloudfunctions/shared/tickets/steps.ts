/**
 * The names of a ticket's steps as staff read them (the desk's timeline, and the ledger's step
 * column: `console/domain/ledger.ts`) — one definition for the ticket and console functions.
 * Pure: a `TicketEvent` in, a Chinese phrase out.
 */
import type { TicketEvent } from '../model';
import { dateWords } from '../time';

/** What staff read for every step (with the actor's name and whether residents see it); the ledger's step names too. */
export function staffTitle(e: TicketEvent): string {
  const d = e.detail ?? {};
  switch (e.type) {
    case 'reported':
      return '登记';
    case 'joined':
      return '一位邻居附议（也反映了这个问题）';
    case 'accepted':
      return '受理';
    case 'assigned':
      return `指派给 ${String(d.workerName ?? '')}`;
    case 'note':
      return e.public ? '留言（反映人可见）' : '内部记录';
    case 'coordinated':
      return `协调 ${String(d.departmentName ?? '')}（联系人 ${String(d.contact ?? '')}，${String(d.by ?? '')} 前）`;
    case 'returned':
      return '退单';
    case 'handled':
      return '反馈处理结果';
    case 'followedUp':
      return `回访（${String(d.methodLabel ?? '')}，${String(d.date ?? '')}）`;
    case 'closed':
      return e.detail?.auto ? '系统自动办结（回访期满）' : '办结';
    case 'rated':
      return `反映人评价：${String(d.ratingLabel ?? '')}`;
    case 'rework':
      return d.by === 'verification' ? '核查未通过，重办' : '返工';
    case 'merged':
      return `合并到另一个问题`;
    case 'mergedIn':
      return '并入一个重复的问题';
    case 'escalated':
      return '超时，转社区督办';
    case 'supervised':
      return `社区督办，限 ${String(d.deadline ?? '')} 前办结`;
    case 'reminded':
      return '社区催办';
    // issue 21
    case 'extensionRequested':
      return `申请延期至 ${dateWords(String(d.untilDate ?? ''), e.at)}`;
    case 'extended':
      return `批准延期，办理期限延至 ${dateWords(String(d.untilDate ?? ''), e.at)}`;
    case 'extensionDeclined':
      return `不批准延期（申请延至 ${dateWords(String(d.untilDate ?? ''), e.at)}）`;
    case 'suspended':
      return `挂起，${dateWords(String(d.untilDate ?? ''), e.at)} 恢复办理`;
    case 'resumed':
      return d.auto ? '挂起期满，恢复办理' : '恢复办理';
    case 'verified':
      return d.passed ? '现场核查通过' : '现场核查未通过';
    // issue 22
    case 'mediatorInvited':
      return `请调解员 ${String(d.mediatorName ?? '')} 参与调解`;
  }
}
