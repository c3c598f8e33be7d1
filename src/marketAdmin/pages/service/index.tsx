/**
 * 编辑服务 (community admins; `?id=` edits a service, none adds one): name, kind, booking mode,
 * slot length, places, description, who gives it, display order; stop it (停用, asked first — with a
 * reason when residents have booked it: their bookings are cancelled and they are told) or use it
 * again. Says on the page what a save changes on the days already created.
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button, Tag } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { adminErrorText, charCount, KIND_LABELS, MARKET_ADMIN_URLS, MARKET_LIMITS, MODE_LABELS, offerText, type MarketAdminView, type ServiceAdminView, type ServiceFields, type ServiceSaveResult } from '../../api';
import '../../../stall/stall.css';
import '../../marketAdmin.css';

/** The function's limits for this form (`cloudfunctions/market/limits.ts`). */
const L = MARKET_LIMITS;

interface Loaded {
  service: ServiceAdminView | null;
  nextOrder: number;
  hours: string;
}

async function load(id: string): Promise<CallResult<Loaded>> {
  const r = await call('market', 'marketSettings');
  if (!r.ok) return r;
  const v: MarketAdminView = r.data;
  const m = v.market ?? v.defaults;
  return { ok: true, data: { service: id ? (v.services.find((s) => s.id === id) ?? null) : null, nextOrder: v.services.reduce((n, s) => Math.max(n, s.order), 0) + 1, hours: `${m.start}–${m.end}` } };
}

export default function ServicePage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const loader = useCallback(() => load(id), [id]);
  const data = useRemote(loader, [loader]);
  return (
    <Page className="vendor-page market-admin">
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /> : null}
      {data.state === 'ok' && id && !data.data.service ? <NotFoundState text="没有找到这个服务项目" /> : null}
      {data.state === 'ok' && (!id || data.data.service) ? <Form loaded={data.data} onSaved={data.reload} /> : null}
    </Page>
  );
}

interface FormState {
  name: string;
  kind: ServiceAdminView['kind'];
  bookingMode: ServiceAdminView['bookingMode'];
  slotMinutes: string;
  capacity: string;
  description: string;
  provider: string;
  order: number;
  active: boolean;
}

function initial(loaded: Loaded): FormState {
  const s = loaded.service;
  return {
    name: s?.name ?? '',
    kind: s?.kind ?? 'service',
    bookingMode: s?.bookingMode ?? 'slots',
    slotMinutes: String(s?.slotMinutes ?? 30),
    capacity: String(s?.capacity ?? 2),
    description: s?.description ?? '',
    provider: s?.provider ?? '',
    order: s?.order ?? loaded.nextOrder,
    active: s?.active ?? true,
  };
}

function Form({ loaded, onSaved }: { loaded: Loaded; onSaved: () => void }) {
  const service = loaded.service;
  const [f, setF] = useState<FormState>(() => initial(loaded));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ServiceSaveResult | null>(null);
  const [stopping, setStopping] = useState(false);
  const [reason, setReason] = useState('');
  const requestId = useRef(newRequestId());
  const set = (patch: Partial<FormState>) => {
    setF({ ...f, ...patch });
    setDone(null);
    setError(null);
  };

  const fields = (active: boolean, withdrawReason?: string): ServiceFields | string => {
    if (charCount(f.name) < L.serviceName.min) return `请写上服务名称（至少 ${L.serviceName.min} 个字）`;
    const minutes = Number(f.slotMinutes);
    const capacity = Number(f.capacity);
    const { min: mMin, max: mMax, step } = L.slotMinutes;
    if (f.bookingMode === 'slots' && (!Number.isInteger(minutes) || minutes < mMin || minutes > mMax || minutes % step !== 0)) return `每档时长请写 ${step} 的倍数（${mMin} 到 ${mMax} 分钟），比如 20、30`;
    if (f.bookingMode !== 'none' && (!Number.isInteger(capacity) || capacity < L.capacity.min || capacity > L.capacity.max)) return `名额请写 ${L.capacity.min} 到 ${L.capacity.max} 之间的整数`;
    return {
      ...(service ? { serviceId: service.id } : { requestId: requestId.current }),
      name: f.name.trim(),
      kind: f.kind,
      bookingMode: f.bookingMode,
      ...(f.bookingMode === 'slots' ? { slotMinutes: minutes } : {}),
      ...(f.bookingMode !== 'none' ? { capacity } : {}),
      description: f.description.trim(),
      ...(f.provider.trim() ? { provider: f.provider.trim() } : {}),
      order: f.order,
      active,
      ...(withdrawReason ? { withdrawReason } : {}),
    };
  };

  const submit = async (active: boolean, withdrawReason?: string) => {
    if (busy) return;
    const event = fields(active, withdrawReason);
    if (typeof event === 'string') return setError(event);
    setBusy(true);
    setError(null);
    const r = await call('market', 'saveService', event);
    setBusy(false);
    if (!r.ok) return setError(adminErrorText(r.error as CallError));
    setDone(r.data);
    setStopping(false);
    setF({ ...f, active });
    if (!service) Taro.redirectTo({ url: MARKET_ADMIN_URLS.service(r.data.service.id) });
    else onSaved();
  };

  const booked = service?.comingBooked ?? 0;
  return (
    <View className="card service-form">
      <View className="name-line">
        <Text className="title">{service ? service.name : '新增服务项目'}</Text>
        {service && !service.active ? <Tag>停用</Tag> : null}
      </View>
      {service ? <Text className="ma-facts">现在：{offerText(service)}</Text> : null}
      {service && service.active && service.bookingMode !== 'none' ? (
        <Text className="muted">
          后面的集市已约 {booked} 人{service.comingWaiting ? `，候补 ${service.comingWaiting} 人` : ''}
        </Text>
      ) : null}
      <Text className="field-label">名称</Text>
      <Input className="v-input svc-name" value={f.name} maxlength={L.serviceName.max} placeholder="比如：爱心义剪" aria-label="服务名称" onInput={(e) => set({ name: e.detail.value })} />
      <Text className="field-label">类别</Text>
      <ChoiceButtons options={(['service', 'swap', 'board'] as const).map((k) => ({ value: k, label: KIND_LABELS[k] }))} selected={f.kind} onSelect={(v) => set({ kind: v as FormState['kind'] })} className="choice-grid" itemClassName="choice" />
      <Text className="field-label">怎么预约</Text>
      <ChoiceButtons options={(['slots', 'queue', 'none'] as const).map((k) => ({ value: k, label: MODE_LABELS[k] }))} selected={f.bookingMode} onSelect={(v) => set({ bookingMode: v as FormState['bookingMode'] })} className="choice-grid" itemClassName="choice choice-wide" />
      {f.bookingMode === 'slots' ? (
        <>
          <Text className="field-label">每档多少分钟</Text>
          <Text className="muted">要能把集市时间（{loaded.hours}）正好分完。</Text>
          <Input className="v-input svc-minutes" type="number" value={f.slotMinutes} maxlength={String(L.slotMinutes.max).length} placeholder="比如：20" aria-label="每档多少分钟" onInput={(e) => set({ slotMinutes: e.detail.value })} />
        </>
      ) : null}
      {f.bookingMode !== 'none' ? (
        <>
          <Text className="field-label">{f.bookingMode === 'slots' ? '每档几个人' : '名额（几个人）'}</Text>
          <Text className="muted">改名额会同时改到已经排好的集市日；有人候补时，多出来的名额先给候补的人。</Text>
          <Input className="v-input svc-capacity" type="number" value={f.capacity} maxlength={String(L.capacity.max).length} placeholder="比如：2" aria-label="名额" onInput={(e) => set({ capacity: e.detail.value })} />
        </>
      ) : null}
      <Text className="field-label">说明（居民会看到）</Text>
      <Input className="v-input svc-description" value={f.description} maxlength={L.description.max} placeholder="比如：志愿者免费理发" aria-label="说明" onInput={(e) => set({ description: e.detail.value })} />
      <Text className="field-label">谁来提供（可不填）</Text>
      <Input className="v-input svc-provider" value={f.provider} maxlength={L.provider.max} placeholder="比如：张师傅" aria-label="谁来提供" onInput={(e) => set({ provider: e.detail.value })} />
      {service ? <Text className="muted">名称、说明、预约方式和每档时长从新排的集市日开始用；已经排好的集市日不变。</Text> : <Text className="muted">保存后，已经排好的集市日也会加上这个服务。</Text>}
      {error ? <Text className="v-notice" aria-live="assertive">{error}</Text> : null}
      {done ? <SavedNotice done={done} /> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="save-service" loading={busy} disabled={busy} onClick={() => submit(service ? service.active : true)}>
          {service ? '保存修改' : '保存并加到集市'}
        </Button>
      </View>
      {service && service.active ? (
        stopping ? (
          <View className="inline-confirm stop-confirm">
            <Text className="inline-confirm-text">停用“{service.name}”？以后的集市不再有这个服务。{booked ? `已经预约的 ${booked} 人会被取消并收到通知，请写明原因：` : ''}</Text>
            {booked ? <Input className="v-input stop-reason" value={reason} maxlength={L.reason.max} placeholder="比如：理发师傅外出，暂停一个月" aria-label="停用原因" onInput={(e) => setReason(e.detail.value)} /> : null}
            <View className="actions">
              <Button
                size="large"
                block
                className="stop-yes"
                loading={busy}
                disabled={busy}
                onClick={() => (booked && charCount(reason) < L.reason.min ? setError(`请写上原因（至少 ${L.reason.min} 个字），居民会看到`) : submit(false, booked ? reason.trim() : undefined))}
              >
                确定停用
              </Button>
              <Button size="large" block onClick={() => setStopping(false)}>
                再想想
              </Button>
            </View>
          </View>
        ) : (
          <View className="actions">
            <Button size="large" block className="stop-service" onClick={() => setStopping(true)}>
              停用这个服务…
            </Button>
          </View>
        )
      ) : null}
      {service && !service.active ? (
        <View className="actions">
          <Button size="large" block className="start-service" disabled={busy} onClick={() => submit(true)}>
            重新启用
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/** What a save did on the coming days. */
function SavedNotice({ done }: { done: ServiceSaveResult }) {
  const lines = ['已保存。'];
  if (done.slotsChanged) lines.push(`已经排好的集市日有 ${done.slotsChanged} 个时段的名额改成了 ${done.service.capacity} 人。`);
  if (done.promoted) lines.push(`${done.promoted} 位候补的居民约上了，已通知他们。`);
  if (done.bookingsCancelled) lines.push(`取消了 ${done.bookingsCancelled} 个预约，已通知居民。`);
  if (done.daysChanged) lines.push(done.service.active ? `已加到 ${done.daysChanged} 个排好的集市日。` : `已从 ${done.daysChanged} 个排好的集市日撤下。`);
  return (
    <View className="notice-ok service-done" aria-live="polite">
      {lines.map((l) => (
        <Text key={l} className="ma-block">
          {l}
        </Text>
      ))}
    </View>
  );
}
