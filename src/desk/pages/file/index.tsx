/**
 * 登记我发现的问题 (grid workers and admins; from 我的工单): a problem staff found themselves —
 * 自己找, e.g. on a home visit (入户时收集到) or a round of the grid — filed as a ticket
 * (`ticket.fileCase`): the category, the place (an estate of the caller's community, a building or
 * its shared spaces, a spot), what they saw (5–500 characters), up to 3 photos (`PhotoPicker`), and
 * optionally the resident it concerns (found by name or address, as at the counter). Admins also
 * file what an organisation decided (组织议) or a superior assigned (上级点); grid workers cannot
 * (TICKET.SOURCE_NOT_ALLOWED), so they are not offered. The ticket goes to the place's grid, like a
 * resident's report: it then shows in 我的工单 (等您受理) of that grid's workers, or on the hard-case
 * list when the place has no grid. A resident named here is its reporter (anonymous to the
 * neighbour concerned) and follows it under 我反映的问题. One requestId per form, so a repeated tap files once.
 *
 * From a home visit or a patrol (issue 21, the rounds pages): `?visitId=` or `?patrolId=` (the caller's
 * own record) is sent with the ticket (`ticket.fileCase` links them), the source is 自己找 and not offered
 * for change, and `estateId`, `building` (`3号楼` or a key's `3`) and `spot` (`2单元301`) prefill the place.
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { EstateOption, Me, ResidentCard } from '../../../account/api';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { goBack } from '../../../ui/Page';
import { useRemote } from '../../../ui/useRemote';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { TICKET_URLS, type FileCaseSource, type StaffTicketView, type TicketCategory } from '../../../ticket/api';
import { call } from '../../../services/call';
import { TICKET_LIMITS } from '../../../../cloudfunctions/ticket/limits';
import { CategoryChoice } from '../../../ticket/components/CategoryChoice';
import { PhotoPicker, type Photo } from '../../../ticket/components/PhotoPicker';
import { LineBox, TextBox, charCount } from '../../../ticket/components/TextBox';
import { TicketErrorState, TicketPage } from '../../../ticket/components/TicketPage';
import { SOURCE_EXPLANATIONS } from '../../../../cloudfunctions/shared/vocabulary/categories';

/** Where staff find problems (the fixtures: 楼顶 pigeon lofts, 地下室楼道 "outer doors", 绿化带 vegetables). */
const SPOTS = ['楼顶', '楼道', '地下室楼道', '绿化带', '小区道路', '车棚'];
/** The choice "not in a building": the estate's shared spaces. */
const SHARED = '__shared__';

/** The sources a caller may file, in the words staff use (GLOSSARY: 自己找, 互相帮, 组织议, 上级点). */
function sourcesFor(role: string): { value: FileCaseSource; label: string }[] {
  const all: { value: FileCaseSource; label: string }[] = [
    { value: 'selfFound', label: '自己发现的（入户、巡查）' },
    { value: 'mutualHelp', label: '居民互相帮忙时说起的' },
  ];
  if (role === 'communityAdmin') all.push({ value: 'organisationDiscussion', label: '社区开会议定的（组织议）' }, { value: 'superiorAssigned', label: '上级交办的（上级点）' });
  return all;
}

type Me_ = Extract<Me, { registered: true }>;
type Step = { state: 'idle' } | { state: 'sending' } | { state: 'done'; ticket: StaffTicketView } | { state: 'failed'; error: CallError };
type Find = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; residents: ResidentCard[] } | { state: 'failed'; message: string };

interface Loaded {
  me: Me_;
  estates: EstateOption[];
}

/** The visit or patrol a problem was found on, and its place (the page's parameters; all optional). */
interface FoundOn {
  visitId?: string;
  patrolId?: string;
  estateId?: string;
  building?: string;
  spot?: string;
}

/** A building's name as a key holds it (`３号楼` / `3栋` → `3`), to match a parameter against the estate's buildings. */
const buildingPart = (b: string) => b.normalize('NFKC').replace(/\s+/g, '').toUpperCase().replace(/(号楼|栋|幢)$/u, '');

export default function FileCasePage() {
  const params = useRouter().params;
  const arg = (k: string) => decodeURIComponent(params[k] ?? '') || undefined;
  const found: FoundOn = { visitId: arg('visitId'), patrolId: arg('patrolId'), estateId: arg('estateId'), building: arg('building'), spot: arg('spot') };
  const load = useCallback(async (): Promise<CallResult<Loaded>> => {
    const [me, estates] = await Promise.all([call('account', 'me'), call('account', 'listEstates')]);
    if (!me.ok) return me;
    if (!estates.ok) return estates;
    if (!me.data.registered || (me.data.user.role !== 'gridWorker' && me.data.user.role !== 'communityAdmin')) return { ok: false, error: { code: 'COMMON.FORBIDDEN', message: '' } };
    const communityId = me.data.user.communityId;
    return { ok: true, data: { me: me.data, estates: estates.data.filter((e) => e.communityId === communityId) } };
  }, []);
  const data = useRemote(load, [load]);
  return (
    <TicketPage className="desk-file">
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <TicketErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.state === 'ok' ? <FileForm me={data.data.me} estates={data.data.estates} found={found} /> : null}
    </TicketPage>
  );
}

function FileForm({ me, estates, found }: Loaded & { found: FoundOn }) {
  const sources = sourcesFor(me.user.role);
  const linked = found.visitId ? { visitId: found.visitId } : found.patrolId ? { patrolId: found.patrolId } : null;
  const [source, setSource] = useState<FileCaseSource>('selfFound');
  const [category, setCategory] = useState<TicketCategory | null>(null);
  const startEstate = estates.find((e) => e.id === found.estateId) ?? estates[0] ?? null;
  const [estateId, setEstateId] = useState<string | null>(startEstate?.id ?? null);
  const [building, setBuilding] = useState<string | null>(() => (found.building && startEstate ? startEstate.buildings.find((b) => buildingPart(b) === buildingPart(found.building!)) ?? null : null));
  const [spot, setSpot] = useState(found.spot ?? '');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [query, setQuery] = useState('');
  const [find, setFind] = useState<Find>({ state: 'idle' });
  const [resident, setResident] = useState<ResidentCard | null>(null);
  const [step, setStep] = useState<Step>({ state: 'idle' });
  const requestId = useRef(newRequestId());
  // an edit clears the last problem (it may no longer describe the form) and makes a new submission
  const edit = () => {
    requestId.current = newRequestId();
    setStep((s) => (s.state === 'failed' ? { state: 'idle' } : s));
  };
  useClearOnLeave(() => setStep((s) => (s.state === 'failed' ? { state: 'idle' } : s)));
  const estate = estates.find((e) => e.id === estateId) ?? null;

  const search = async () => {
    const q = query.trim();
    if (!q) return setFind({ state: 'failed', message: '请输入居民的姓名或住址' });
    setFind({ state: 'loading' });
    const r = await call('account', 'searchResidents', { query: q });
    setFind(r.ok ? { state: 'ok', residents: r.data } : { state: 'failed', message: r.error.message });
  };

  const submit = async () => {
    if (step.state === 'sending') return;
    const problem = !category ? '请先选一个问题类别' : !estateId ? '请选问题在哪个小区' : charCount(text) < TICKET_LIMITS.text.min ? `请把看到的情况写清楚一些（至少 ${TICKET_LIMITS.text.min} 个字）` : null;
    if (problem) return setStep({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
    setStep({ state: 'sending' });
    const where = { estateId: estateId!, ...(building ? { building } : {}), ...(spot.trim() ? { spot: spot.trim() } : {}) };
    const r = await call('ticket', 'fileCase', { source, category: category!, text: text.trim(), where, photos: photos.map((p) => p.fileID), ...(resident ? { residentId: resident.id } : {}), ...(linked ?? {}), requestId: requestId.current });
    setStep(r.ok ? { state: 'done', ticket: r.data } : { state: 'failed', error: r.error });
  };

  if (step.state === 'done') {
    const t = step.ticket;
    return (
      <View className="card file-done">
        <Text className="title">已登记</Text>
        <Text className="ticket-line">
          {t.categoryLabel} · 来源：{t.sourceLabel}（{SOURCE_EXPLANATIONS[t.source]}）
        </Text>
        <Text className="ticket-line">{t.statusLabel}</Text>
        <Text className="ticket-hint">{t.hardCase ? '这个地方不属于哪个网格，问题已交到社区的疑难督办。' : '它已经排进这片网格的“等您受理”，受理后就可以办理。'}</Text>
        <View className="actions">
          <Button type="primary" size="large" block className="file-open" onClick={() => Taro.redirectTo({ url: TICKET_URLS.deskDetail(t.id) })}>
            查看这个问题
          </Button>
          {linked ? (
            <Button size="large" block className="file-back-rounds" onClick={goBack}>
              {linked && 'visitId' in linked ? '回到这一户' : '回到巡查'}
            </Button>
          ) : (
            <Button size="large" block className="file-back" onClick={() => Taro.redirectTo({ url: TICKET_URLS.queue })}>
              回到我的工单
            </Button>
          )}
        </View>
      </View>
    );
  }

  return (
    <View className="card file-form">
      <Text className="title">登记我发现的问题</Text>
      <Text className="ticket-hint">入户、巡查时发现的问题，登记下来，和居民反映的一样排进网格的工单。</Text>

      <Text className="field-label">1. 怎么来的？</Text>
      {linked ? (
        <Text className="ticket-line file-found-on">自己发现的（{'visitId' in linked ? '入户走访' : '巡查'}时），会记在这次{'visitId' in linked ? '走访' : '巡查'}里</Text>
      ) : (
        <ChoiceButtons className="choice-grid file-sources" itemClassName="choice" options={sources} selected={source} onSelect={(v) => { setSource(v as FileCaseSource); edit(); }} />
      )}

      <Text className="field-label">2. 是哪一类问题？</Text>
      <CategoryChoice className="choice-grid" itemClassName="choice" selected={category} onSelect={(c) => { setCategory(c); edit(); }} />

      <Text className="field-label">3. 问题在哪里？</Text>
      {estates.length > 1 ? (
        <ChoiceButtons className="choice-grid file-estates" itemClassName="choice" options={estates.map((e) => ({ value: e.id, label: e.name }))} selected={estateId} onSelect={(id) => { setEstateId(id); setBuilding(null); edit(); }} />
      ) : estate ? (
        <Text className="ticket-line">{estate.name}</Text>
      ) : null}
      {estate ? (
        <ChoiceButtons
          className="choice-grid place-buildings"
          itemClassName="choice"
          options={[...estate.buildings.map((b) => ({ value: b, label: b })), { value: SHARED, label: '小区公共地方' }]}
          selected={building ?? SHARED}
          onSelect={(b) => { setBuilding(b === SHARED ? null : b); edit(); }}
        />
      ) : null}
      <Text className="ticket-hint">具体在哪儿？（可以不选）</Text>
      <ChoiceButtons className="choice-grid place-spots" itemClassName="choice" options={SPOTS.map((p) => ({ value: p, label: p }))} selected={SPOTS.includes(spot) ? spot : null} onSelect={(p) => { setSpot(spot === p ? '' : p); edit(); }} />
      <LineBox label="别的地方（可以不填）" value={SPOTS.includes(spot) ? '' : spot} max={TICKET_LIMITS.where.spot} placeholder="例如：3单元门口" onChange={(v) => { setSpot(v); edit(); }} />

      <TextBox label="4. 看到了什么？" value={text} min={TICKET_LIMITS.text.min} max={TICKET_LIMITS.text.max} placeholder="例如：楼顶搭了鸽舍，养了二十多只鸽子" onChange={(v) => { setText(v); edit(); }} />

      <PhotoPicker userId={me.user.id} photos={photos} onChange={(p) => { setPhotos(p); edit(); }} />

      <Text className="field-label">5. 和哪位居民有关？（可以不选）</Text>
      {resident ? (
        <View className="file-resident">
          <Text className="ticket-line file-resident-name">
            {resident.name}，{resident.address}
          </Text>
          <Text className="ticket-hint">问题记在他名下，他在“我反映的问题”里能看到进展；被反映的邻居不会知道是他。</Text>
          <View className="actions">
            <Button size="large" block className="file-resident-clear" onClick={() => { setResident(null); edit(); }}>
              不关联这位居民
            </Button>
          </View>
        </View>
      ) : (
        <View className="file-resident-find">
          <Input className="ticket-input file-resident-query" value={query} maxlength={20} placeholder="居民姓名或住址" aria-label="居民姓名或住址" confirmType="search" onInput={(e) => { setQuery(e.detail.value); setFind({ state: 'idle' }); }} onConfirm={search} />
          <View className="actions">
            <Button size="large" block className="file-resident-search" loading={find.state === 'loading'} onClick={search}>
              找这位居民
            </Button>
          </View>
          {find.state === 'failed' ? <Text className="notice">{find.message}</Text> : null}
          {find.state === 'ok' && !find.residents.length ? <Text className="notice">本社区没有找到“{query.trim()}”。</Text> : null}
          {find.state === 'ok'
            ? find.residents.map((c) => (
                <View key={c.id} className="actions">
                  <Button size="large" block className="wrap-choice file-resident-pick" onClick={() => { setResident(c); setFind({ state: 'idle' }); edit(); }}>
                    {c.name}，{c.address}
                  </Button>
                </View>
              ))
            : null}
        </View>
      )}

      {step.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {step.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="file-submit" loading={step.state === 'sending'} disabled={step.state === 'sending'} onClick={submit}>
          登记，排进工单
        </Button>
      </View>
    </View>
  );
}
