/**
 * The counter: report a problem on a resident's behalf (代为反映). The staff member writes down what
 * the resident says, confirms the resident's spoken consent, and the problem goes to the grid
 * workers of the place (the resident's home unless another place is given).
 */
import { View, Text, Textarea, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { CATEGORIES, ticketApi, type TicketCategory, type TicketView } from '../../../ticket/api';
import { newRequestId, type CallError } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import '../../counter.css';

type Submit = { state: 'idle' } | { state: 'sending' } | { state: 'done'; ticket: TicketView } | { state: 'failed'; error: CallError };

export default function CounterReportPage() {
  const { params } = useRouter();
  const forId = decodeURIComponent(params.for ?? '');
  const forName = decodeURIComponent(params.forName ?? '');
  const [category, setCategory] = useState<TicketCategory | null>(null);
  const [text, setText] = useState('');
  const [spot, setSpot] = useState('');
  const [consent, setConsent] = useState(false);
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });
  const requestId = useRef(newRequestId());

  const send = async () => {
    if (submit.state === 'sending') return;
    const problem = !category ? '请先选一个问题类别' : text.trim().length < 5 ? '请把问题写清楚一些（至少 5 个字）' : !consent ? '请先问居民是否同意由您代为反映，同意后点上面的按钮确认' : null;
    if (problem) {
      setSubmit({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    setSubmit({ state: 'sending' });
    const r = await ticketApi.reportFor({ residentId: forId, category: category!, text: text.trim(), spot: spot.trim() || undefined, requestId: requestId.current });
    setSubmit(r.ok ? { state: 'done', ticket: r.data } : { state: 'failed', error: r.error });
  };

  if (submit.state === 'done') {
    const t = submit.ticket;
    return (
      <Page className="counter-report-done">
        <View className="card">
          <Text className="title">已替 {t.reporterName} 反映</Text>
          <Text className="confirm-line">类别：{t.categoryLabel}</Text>
          <Text className="confirm-line">{t.gridCode ? `已转给 ${t.gridCode} 网格（网格员：${t.gridWorkerNames.join('、') || '待安排'}）` : '已交给社区，由社区安排处理'}</Text>
          <Text className="muted">{t.statusLabel}。网格员会联系居民，告诉他处理结果。</Text>
          <View className="actions">
            <Button type="primary" size="large" block onClick={() => Taro.navigateBack()}>
              回到 {t.reporterName} 的页面
            </Button>
          </View>
        </View>
      </Page>
    );
  }

  return (
    <Page className="counter-report">
      <View className="card">
        <Text className="title">为 {forName} 反映问题</Text>
        <Text className="muted">问题属于哪一类？</Text>
        <View className="category-grid">
          {CATEGORIES.map((c) => (
            <Button key={c.value} className="category" size="large" type={category === c.value ? 'success' : 'default'} onClick={() => setCategory(c.value)}>
              {category === c.value ? `☑ ${c.label}` : c.label}
            </Button>
          ))}
        </View>
        <Text className="muted">居民说的情况（照他的话写）</Text>
        <Textarea className="counter-textarea" value={text} maxlength={500} placeholder="例如：楼道里堆满了杂物，老人上下楼不方便" aria-label="问题描述" onInput={(e) => setText(e.detail.value)} />
        <Text className="muted">具体位置（不填就是居民家所在的楼）</Text>
        <Input className="counter-input" value={spot} maxlength={50} placeholder="例如：楼道、地下室、楼顶" aria-label="具体位置" onInput={(e) => setSpot(e.detail.value)} />
        <View className="actions consent">
          <Button size="large" block type={consent ? 'success' : 'default'} onClick={() => setConsent(!consent)}>
            {consent ? '☑ 居民已口头同意由我代为反映' : '☐ 已问过居民，他同意由我代为反映'}
          </Button>
        </View>
        {submit.state === 'failed' ? (
          <Text className="notice" aria-live="assertive">
            {submit.error.message}
          </Text>
        ) : null}
        <View className="actions">
          <Button type="primary" size="large" block loading={submit.state === 'sending'} disabled={submit.state === 'sending'} onClick={send}>
            提交，转给网格员
          </Button>
        </View>
        <Text className="muted">居民的姓名和电话只有网格员和社区能看到，不会告诉被反映的邻居。</Text>
      </View>
    </Page>
  );
}
