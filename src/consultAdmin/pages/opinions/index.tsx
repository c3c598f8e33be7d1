/**
 * 意见建议 (staff work list): the community's opinions by reply deadline (earliest first), filtered by
 * status (待受理 by default: what waits for someone), 已逾期 only, and where they came from (会议上,
 * 柜台, 微信). Each row: the words, who gave it, the deadline — 已逾期 in words and red when past — and
 * its status; a tap opens it (`opinionDetail`) to accept, resolve, answer or turn into a ticket.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { call } from '../../../services/call';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { dayText } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import type { OpinionCard } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_ADMIN_URLS, OPINION_SOURCE_LABELS } from '../../labels';
import '../../../stall/stall.css';
import '../../consultAdmin.css';

type StatusFilter = 'open' | 'accepted' | 'ticketed' | 'resolved' | 'answered' | 'overdue' | 'all';

const STATUS_CHOICES: { value: StatusFilter; label: string }[] = [
  { value: 'open', label: '待受理' },
  { value: 'accepted', label: '已受理' },
  { value: 'overdue', label: '已逾期' },
  { value: 'ticketed', label: '已转工单' },
  { value: 'resolved', label: '已解决' },
  { value: 'answered', label: '已答复' },
  { value: 'all', label: '全部' },
];

const SOURCE_CHOICES = [{ value: 'any', label: '不限来源' }, ...(['meeting', 'counter', 'app'] as const).map((s) => ({ value: s, label: OPINION_SOURCE_LABELS[s] }))];

/** The `opinions` filter of a choice. */
function filterOf(status: StatusFilter, source: string) {
  return {
    ...(status === 'overdue' ? { overdue: true } : status !== 'all' ? { status } : {}),
    ...(source !== 'any' ? { source: source as OpinionCard['source'] } : {}),
  };
}

export default function OpinionsPage() {
  const [status, setStatus] = useState<StatusFilter>('open');
  const [source, setSource] = useState('any');
  const load = useCallback(() => call('consult', 'opinions', filterOf(status, source)), [status, source]);
  const list = useRemote(load, [load]);
  useReloadOnReturn(list.reload);
  return (
    <Page className="vendor-page consult-admin opinions-page">
      <View className="card">
        <Text className="title">意见建议</Text>
        <Text className="muted">居民在会上、柜台和微信里提的意见。按答复期限排，快到期的在前。</Text>
        <ChoiceButtons options={STATUS_CHOICES} selected={status} onSelect={(v) => setStatus(v as StatusFilter)} className="choice-grid ca-filter opinion-status" itemClassName="choice" />
        <ChoiceButtons options={SOURCE_CHOICES} selected={source} onSelect={setSource} className="choice-grid ca-filter opinion-source" itemClassName="choice" />
      </View>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? <EmptyState text="没有这样的意见。" /> : null}
      {list.state === 'ok' ? list.data.map((o) => <OpinionRow key={o.id} o={o} />) : null}
    </Page>
  );
}

function OpinionRow({ o }: { o: OpinionCard }) {
  return (
    <View className="card tap-row ca-row opinion-row" data-opinion={o.id} onClick={() => Taro.navigateTo({ url: CONSULT_ADMIN_URLS.opinionDetail(o.id) })}>
      <View className="ca-row-body">
        <View className="name-line">
          <Tag type={o.status === 'resolved' ? 'success' : o.status === 'open' ? 'danger' : 'primary'}>{o.statusLabel}</Tag>
          <Text className="muted">
            {o.sourceLabel} · {o.giverName}
          </Text>
        </View>
        <Text className="ca-facts">{o.text}</Text>
        {o.status === 'open' || o.status === 'accepted' ? <Text className={o.overdue ? 'ca-block ca-overdue' : 'muted ca-block'}>{o.overdue ? `已逾期：应在 ${dayText(o.dueDate)} 前答复` : `${dayText(o.dueDate)} 前答复`}</Text> : null}
      </View>
      <Text className="v-link">处理 ›</Text>
    </View>
  );
}
