/**
 * 代收快递 at the counter (issue 22; staff: grid workers and community admins): 登记 a parcel — find
 * the resident as the counter search does (`account.searchResidents`: name, pinyin or address),
 * pick the carrier (顺丰 … 其他) and type the shelf spot; a question inside the card confirms it, and
 * the answer shows the 6-digit pickup code big (the resident is told in 消息). 取件 by the code the
 * resident reads out, or per row of the shelf list (waiting parcels, oldest first, 超期未取 marked; by
 * name, code or shelf with the filter box when there are 3 or more);
 * 送上门 for an elder's parcel taken to the door. Each change asks first (InlineConfirm). 要送上门 at
 * logging (issue 22): the resident asked for it to be brought to the door — listed for the volunteers
 * (送快递上门, `parcels.toDeliver`, with every elder's parcel).
 */
import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { ResidentCard } from '../../../account/api';
import type { ParcelCarrier, ParcelView, ShelfAnswer } from '../../../../cloudfunctions/parcels/contract';
import { PARCELS_LIMITS } from '../../../../cloudfunctions/parcels/limits';
import { PARCEL_CARRIERS, PARCEL_CARRIER_LABELS, PARCEL_OVERDUE_LABEL } from '../../../../cloudfunctions/shared/vocabulary/parcels';
import { call } from '../../../services/call';
import { newRequestId, type CallError } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { clockTime, localDate, localDateOf, whenText } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { normaliseParcelCode } from '../../api';
import '../../parcels.css';

type Search = { state: 'idle' } | { state: 'loading' } | { state: 'ok'; query: string; residents: ResidentCard[] } | { state: 'error'; error: CallError };

export default function ParcelCounterPage() {
  const shelf = useRemote(() => call('parcels', 'shelf', {}));
  return (
    <Page className="parcels-counter">
      <LogCard onLogged={shelf.reload} />
      <PickUpByCode onDone={shelf.reload} />
      <Text className="p-label">货架上的快递</Text>
      {shelf.state === 'loading' ? <LoadingState /> : null}
      {shelf.state === 'error' ? <ErrorState message={shelf.error.message} code={shelf.error.code} onRetry={shelf.reload} /> : null}
      {shelf.state === 'ok' ? <ShelfList data={shelf.data} onChanged={shelf.reload} /> : null}
    </Page>
  );
}

/** 登记快递: resident, carrier, shelf → confirm → the code. */
function LogCard({ onLogged }: { onLogged: () => void }) {
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<Search>({ state: 'idle' });
  const [resident, setResident] = useState<ResidentCard | null>(null);
  const [carrier, setCarrier] = useState<ParcelCarrier | null>(null);
  const [shelfSpot, setShelfSpot] = useState('');
  const [toDoor, setToDoor] = useState(false);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [logged, setLogged] = useState<ParcelView | null>(null);
  const requestId = useRef(newRequestId());

  const find = async () => {
    const q = query.trim();
    if (!q) {
      setSearch({ state: 'error', error: { code: 'CLIENT.FORM', message: '请输入居民的姓名、拼音或住址' } });
      return;
    }
    setSearch({ state: 'loading' });
    const r = await call('account', 'searchResidents', { query: q });
    setSearch(r.ok ? { state: 'ok', query: q, residents: r.data } : { state: 'error', error: r.error });
  };
  const ask = () => {
    setError(null);
    if (!resident) return setError('请先查找并选中居民');
    if (!carrier) return setError('请选快递公司');
    if (!shelfSpot.trim()) return setError('请填写放在哪个货架，例如 A-3');
    setAsking(true);
  };
  const save = async () => {
    if (!resident || !carrier || busy) return;
    setBusy(true);
    const r = await call('parcels', 'log', { residentId: resident.id, carrier, shelf: shelfSpot.trim(), ...(toDoor ? { toDoor: true } : {}), requestId: requestId.current });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    requestId.current = newRequestId();
    setLogged(r.data);
    setResident(null);
    setCarrier(null);
    setShelfSpot('');
    setToDoor(false);
    setSearch({ state: 'idle' });
    setQuery('');
    onLogged();
  };

  return (
    <View className="card parcel-log">
      <Text className="title">登记快递</Text>
      {logged ? (
        <View className="p-done parcel-logged" aria-live="polite">
          <Text className="p-line">
            已登记：{logged.residentName} 的{logged.carrierLabel}快递，货架 {logged.shelf}
          </Text>
          <Text className="p-line">取件码</Text>
          <Text className="p-big-code parcel-logged-code">{logged.code}</Text>
          <Text className="p-line">已在“消息”里告诉居民</Text>
        </View>
      ) : null}
      <Text className="p-label">1. 找居民</Text>
      <View className="p-search">
        <Input
          className="p-input parcel-search"
          value={query}
          placeholder="姓名、拼音或住址"
          maxlength={20}
          confirmType="search"
          aria-label="居民姓名、拼音或住址"
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={find}
        />
        <View className="actions">
          <Button size="large" block className="parcel-find" onClick={find}>
            查找居民
          </Button>
        </View>
      </View>
      {search.state === 'loading' ? <LoadingState text="正在查找…" /> : null}
      {search.state === 'error' ? <Text className="p-error">{search.error.message}</Text> : null}
      {search.state === 'ok' && !search.residents.length ? <Text className="p-error">本社区没有找到“{search.query}”，请换个写法</Text> : null}
      {search.state === 'ok'
        ? search.residents.map((c) => (
            <View key={c.id} role="button" className={`p-resident parcel-resident${resident?.id === c.id ? ' chosen' : ''}`} onClick={() => { setResident(c); setLogged(null); }}>
              <Text className="p-name">
                {resident?.id === c.id ? '☑ ' : ''}
                {c.name}
                {c.called ? `（${c.called}）` : ''}
              </Text>
              <Text className="p-meta">{c.address}{c.hasPhone ? ` · 电话 ${c.phoneMasked}` : ''}</Text>
            </View>
          ))
        : null}
      <Text className="p-label">2. 快递公司</Text>
      <ChoiceButtons
        className="p-chips"
        itemClassName="p-chip parcel-carrier"
        options={PARCEL_CARRIERS.map((c) => ({ value: c, label: PARCEL_CARRIER_LABELS[c] }))}
        selected={carrier}
        onSelect={(v) => setCarrier(v as ParcelCarrier)}
      />
      <Text className="p-label">3. 放在哪个货架</Text>
      <Input className="p-input parcel-shelf" value={shelfSpot} placeholder="例如 A-3" maxlength={PARCELS_LIMITS.shelf.max} aria-label="货架位置" onInput={(e) => setShelfSpot(e.detail.value)} />
      <Text className="p-label">4. 自己来取，还是送到家</Text>
      <Text className="p-meta">居民请求送上门的，志愿者会在“送快递上门”里看到（{PARCELS_LIMITS.elderAge} 岁以上老人的快递不用选，也会列上）</Text>
      <ChoiceButtons
        className="p-chips"
        itemClassName="p-chip parcel-to-door"
        options={[
          { value: 'no', label: '自己取' },
          { value: 'yes', label: '送到家' },
        ]}
        selected={toDoor ? 'yes' : 'no'}
        onSelect={(v) => setToDoor(v === 'yes')}
      />
      {error ? <Text className="p-error parcel-log-error">{error}</Text> : null}
      {asking && resident && carrier ? (
        <InlineConfirm
          text={`给 ${resident.name} 登记${PARCEL_CARRIER_LABELS[carrier]}快递，放在货架 ${shelfSpot.trim()}？${toDoor ? '（送到家）' : ''}`}
          yes="确定登记"
          yesClass="parcel-log-yes"
          primary
          busy={busy}
          onYes={save}
          onNo={() => setAsking(false)}
        />
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="parcel-log-go" onClick={ask}>
            登记并生成取件码
          </Button>
        </View>
      )}
    </View>
  );
}

/** 凭取件码取件: the code the resident reads out → confirm → picked up. */
function PickUpByCode({ onDone }: { onDone: () => void }) {
  const [typed, setTyped] = useState('');
  const [asking, setAsking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ParcelView | null>(null);
  const ask = () => {
    setDone(null);
    const code = normaliseParcelCode(typed);
    if (!code) return setError('取件码是6位数字，请核对');
    setError(null);
    setAsking(code);
  };
  const pick = async () => {
    if (!asking || busy) return;
    setBusy(true);
    const r = await call('parcels', 'pickUp', { code: asking });
    setBusy(false);
    setAsking(null);
    if (!r.ok) return setError(r.error.message);
    setDone(r.data);
    setTyped('');
    onDone();
  };
  return (
    <View className="card parcel-pickup">
      <Text className="title">凭取件码取件</Text>
      <Input
        className="p-input parcel-code"
        type="number"
        value={typed}
        placeholder="居民报的6位取件码"
        maxlength={PARCELS_LIMITS.codeDigits + 4}
        aria-label="取件码"
        onInput={(e) => {
          setTyped(e.detail.value);
          setError(null);
        }}
        onConfirm={ask}
      />
      {error ? <Text className="p-error parcel-pickup-error">{error}</Text> : null}
      {done ? (
        <Text className="p-done parcel-picked" aria-live="polite">
          已取件：{done.residentName} 的{done.carrierLabel}快递（货架 {done.shelf}）
        </Text>
      ) : null}
      {asking ? (
        <InlineConfirm text={`取件码 ${asking}：核对过居民身份，把快递交给他？`} yes="确定取件" yesClass="parcel-pickup-yes" primary busy={busy} onYes={pick} onNo={() => setAsking(null)} />
      ) : (
        <View className="actions">
          <Button size="large" block className="parcel-pickup-go" onClick={ask}>
            取件
          </Button>
        </View>
      )}
    </View>
  );
}

/** The shelf: waiting parcels, oldest first, each with 取件 and 送上门. */
function ShelfList({ data, onChanged }: { data: ShelfAnswer; onChanged: () => void }) {
  const [asking, setAsking] = useState<{ id: string; kind: 'pickUp' | 'deliver' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const f = filter.trim().normalize('NFKC');
  const rows = f ? data.waiting.filter((p) => p.residentName.includes(f) || p.code.startsWith(f) || p.shelf.toUpperCase().includes(f.toUpperCase())) : data.waiting;
  const act = async () => {
    if (!asking || busy) return;
    setBusy(true);
    const r = asking.kind === 'pickUp' ? await call('parcels', 'pickUp', { parcelId: asking.id }) : await call('parcels', 'deliver', { parcelId: asking.id });
    setBusy(false);
    setAsking(null);
    if (!r.ok) setError(r.error.message);
    else setError(null);
    onChanged();
  };
  return (
    <View className="card parcel-shelf-list">
      <Text className="p-meta">
        今天登记 {data.today.logged} 件，取走或送上门 {data.today.done} 件；货架上 {data.waitingTotal} 件{data.overdue ? `，其中${PARCEL_OVERDUE_LABEL} ${data.overdue} 件` : ''}
      </Text>
      {data.waitingTotal > data.waiting.length ? (
        <Text className="p-meta parcel-shelf-more">
          这里列出最早的 {data.waiting.length} 件；另有 {data.waitingTotal - data.waiting.length} 件较新的没有列出，请用上面的“凭取件码取件”办理
        </Text>
      ) : null}
      {error ? <Text className="p-error">{error}</Text> : null}
      {!data.waiting.length ? <EmptyState text="货架上没有待取的快递" /> : null}
      {data.waiting.length >= 3 || filter ? (
        <Input className="p-input parcel-filter" value={filter} placeholder="按姓名、取件码或货架找" maxlength={20} aria-label="按姓名、取件码或货架找快递" onInput={(e) => setFilter(e.detail.value)} />
      ) : null}
      {f && !rows.length ? <Text className="p-error">货架上没有“{f}”的快递</Text> : null}
      {rows.map((p) => (
        <View key={p.id} className="p-row parcel-row">
          <View className="p-row-head">
            <Text className="p-shelf">货架 {p.shelf}</Text>
            <Text className="p-code">{p.code}</Text>
          </View>
          <Text className="p-name">
            {p.residentName}
            {p.overdue ? <Text className="p-overdue">{PARCEL_OVERDUE_LABEL}</Text> : null}
          </Text>
          <Text className="p-meta">
            {p.carrierLabel}{p.phoneMasked ? ` · 电话 ${p.phoneMasked}` : ''} · {p.daysWaiting ? `已放 ${p.daysWaiting} 天` : localDateOf(p.loggedAt) === localDate() ? `今天 ${clockTime(p.loggedAt)} 登记` : `${whenText(p.loggedAt)} 登记`}
          </Text>
          {asking?.id === p.id ? (
            <InlineConfirm
              text={asking.kind === 'pickUp' ? `把 ${p.residentName} 的快递交给居民？` : `已把 ${p.residentName} 的快递送到家了？`}
              yes={asking.kind === 'pickUp' ? '确定取件' : '确定已送上门'}
              yesClass={asking.kind === 'pickUp' ? 'parcel-row-pickup-yes' : 'parcel-row-deliver-yes'}
              primary
              busy={busy}
              onYes={act}
              onNo={() => setAsking(null)}
            />
          ) : (
            <View className="p-actions">
              <Button size="large" className="parcel-row-pickup" onClick={() => setAsking({ id: p.id, kind: 'pickUp' })}>
                取件
              </Button>
              <Button size="large" className="parcel-row-deliver" onClick={() => setAsking({ id: p.id, kind: 'deliver' })}>
                送上门
              </Button>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
