/**
 * The counter: report a problem on a resident's behalf (代为反映). The staff member writes down what
 * the resident says, chooses where the problem is (an estate and building of the resident's
 * community — their home by default — and a spot such as 楼道 / 地下室 / 楼顶 / 绿化带), confirms the
 * resident's spoken consent, and the problem goes to the grid workers of that place.
 *
 * The resident is loaded by id (`account.getResident`); nothing shown comes from the URL but that id.
 */
import { View, Text, Textarea, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { EstateOption, ResidentCard } from '../../../account/api';
import { whoWillHelp, type TicketCategory, type TicketView } from '../../../ticket/api';
import { call } from '../../../services/call';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { TICKET_LIMITS } from '../../../../cloudfunctions/ticket/limits';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { CategoryChoice } from '../../../ticket/components/CategoryChoice';
import '../../counter.css';

type Submit = { state: 'idle' } | { state: 'sending' } | { state: 'done'; ticket: TicketView } | { state: 'failed'; error: CallError };

/** Spots residents name (the fixtures' disputes: 楼顶 pigeon lofts, 地下室 "outer doors", 绿化带 vegetables). */
const SPOTS = ['楼道', '地下室', '楼顶', '绿化带', '小区道路', '车棚'];
/** The choice "not in a building": the estate's shared spaces. */
const SHARED_SPACES = '__shared__';
/** The choice "outside the estates" (a street, 龙堡街行道树): only the spot written is sent, never the resident's home (issue 16). */
const OUTSIDE = '__outside__';

/** Where the problem is: an estate, a building of it (null: the estate's shared spaces), a spot. */
interface Place {
  estateId: string | null;
  building: string | null;
  spot: string;
  /** outside the estates: the function routes it to the community's hard-case list */
  outside?: boolean;
}

interface ReportData {
  resident: ResidentCard;
  estates: EstateOption[];
}

export default function CounterReportPage() {
  const { params } = useRouter();
  const forId = decodeURIComponent(params.for ?? '');
  const load = useCallback(async (): Promise<CallResult<ReportData>> => {
    const [resident, estates] = await Promise.all([call('account', 'getResident', { residentId: forId }), call('account', 'listEstates')]);
    if (!resident.ok) return resident;
    if (!estates.ok) return estates;
    return { ok: true, data: { resident: resident.data, estates: estates.data.filter((e) => e.communityId === resident.data.communityId) } };
  }, [forId]);
  const data = useRemote(load, [load]);

  if (data.state === 'loading') {
    return (
      <Page className="counter-report">
        <LoadingState />
      </Page>
    );
  }
  if (data.state === 'error') {
    return (
      <Page className="counter-report">
        <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} />
      </Page>
    );
  }
  return <ReportForm resident={data.data.resident} estates={data.data.estates} />;
}

function ReportForm({ resident, estates }: ReportData) {
  const [category, setCategory] = useState<TicketCategory | null>(null);
  const [text, setText] = useState('');
  const [place, setPlace] = useState<Place>({ estateId: resident.home?.estateId ?? estates[0]?.id ?? null, building: resident.home?.building ?? null, spot: '' });
  const [consent, setConsent] = useState(false);
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });
  const requestId = useRef(newRequestId());
  const clearProblem = () => setSubmit((s) => (s.state === 'failed' ? { state: 'idle' } : s));
  useClearOnLeave(clearProblem);
  const estate = estates.find((e) => e.id === place.estateId) ?? null;
  // an edit clears the last problem: it may no longer describe what the form holds
  const choose = (change: Partial<Place>) => {
    setPlace({ ...place, ...change });
    clearProblem();
  };

  const send = async () => {
    if (submit.state === 'sending') return;
    const problem = !category ? '请先选一个问题类别' : text.trim().length < TICKET_LIMITS.text.min ? `请把问题写清楚一些（至少 ${TICKET_LIMITS.text.min} 个字）` : place.outside && !place.spot.trim() ? '请写上小区外面的具体地方，例如：龙堡街行道树' : !consent ? '请先问居民是否同意由您代为反映，同意后点上面的按钮确认' : null;
    if (problem) {
      setSubmit({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    setSubmit({ state: 'sending' });
    const where = place.outside
      ? { spot: place.spot.trim() }
      : {
          ...(place.estateId ? { estateId: place.estateId } : {}),
          ...(place.estateId && place.building ? { building: place.building } : {}),
          ...(place.spot.trim() ? { spot: place.spot.trim() } : {}),
        };
    const r = await call('ticket', 'reportFor', { residentId: resident.id, category: category!, text: text.trim(), where, requestId: requestId.current, consent: spokenConsentGiven() });
    setSubmit(r.ok ? { state: 'done', ticket: r.data } : { state: 'failed', error: r.error });
  };

  if (submit.state === 'done') {
    const t = submit.ticket;
    return (
      <Page className="counter-report-done">
        <View className="card">
          <Text className="title">已替 {t.reporterName} 反映</Text>
          <Text className="confirm-line">类别：{t.categoryLabel}</Text>
          <Text className="confirm-line">{whoWillHelp(t)}</Text>
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
        <Text className="title">为 {resident.name} 反映问题</Text>
        <Text className="muted">问题属于哪一类？</Text>
        <CategoryChoice className="category-grid" itemClassName="category" selected={category} onSelect={(c) => {
            setCategory(c);
            clearProblem();
          }} />
        <Text className="muted">居民说的情况（照他的话写）</Text>
        <Textarea className="counter-textarea" value={text} maxlength={TICKET_LIMITS.text.max} placeholder="例如：楼道里堆满了杂物，老人上下楼不方便" aria-label="问题描述" onInput={(e) => {
          setText(e.detail.value);
          clearProblem();
        }} />
        <Text className="muted">问题在哪里？（默认是居民家所在的楼）</Text>
        {estates.length > 1 ? (
          <ChoiceButtons className="category-grid" itemClassName="category" options={estates.map((e) => ({ value: e.id, label: e.name }))} selected={place.outside ? null : place.estateId} onSelect={(id) => choose({ estateId: id, building: null, outside: false })} />
        ) : estate ? (
          <Text className="confirm-line">{estate.name}</Text>
        ) : null}
        {estate ? (
          <ChoiceButtons
            className="category-grid place-buildings"
            itemClassName="category"
            options={[...estate.buildings.map((b) => ({ value: b, label: b })), { value: SHARED_SPACES, label: '小区公共地方' }, { value: OUTSIDE, label: '小区外面' }]}
            selected={place.outside ? OUTSIDE : (place.building ?? SHARED_SPACES)}
            onSelect={(b) => choose({ building: b === SHARED_SPACES || b === OUTSIDE ? null : b, outside: b === OUTSIDE })}
          />
        ) : null}
        <Text className="muted">具体地方（可不填，也可以在下面写）</Text>
        <ChoiceButtons
          className="category-grid place-spots"
          itemClassName="category"
          options={SPOTS.map((p) => ({ value: p, label: p }))}
          selected={place.spot || null}
          onSelect={(p) => choose({ spot: place.spot === p ? '' : p })}
        />
        <Input
          className="counter-input"
          value={SPOTS.includes(place.spot) ? '' : place.spot}
          maxlength={TICKET_LIMITS.where.spot}
          placeholder={place.outside ? '小区外面的哪儿？例如：龙堡街行道树' : '其他地方（可不填）'}
          aria-label="其他具体地方"
          onInput={(e) => choose({ spot: e.detail.value })}
        />
        <View className="actions consent">
          <Button className="wrap-button" size="large" block type={consent ? 'success' : 'default'} onClick={() => {
            setConsent(!consent);
            clearProblem();
          }}>
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
