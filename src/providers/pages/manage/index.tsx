/**
 * 服务商名录 (issue 22; staff — community admins change it): every provider of the community, stopped
 * ones too, with phone, who checked it and when, stars and 待复核. Admins add one (添加服务商), edit
 * one (the admin is recorded as having checked it again, now) and 停用 one after a confirmation with an
 * optional reason (`providers.saveProvider` / `deactivate`). Grid workers read it.
 */
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { ProviderService, ProviderView } from '../../../../cloudfunctions/providers/contract';
import { PROVIDERS_LIMITS as L } from '../../../../cloudfunctions/providers/limits';
import { PROVIDER_FLAGGED_LABEL, PROVIDER_SERVICES, PROVIDER_SERVICE_LABELS } from '../../../../cloudfunctions/shared/vocabulary/providers';
import { call } from '../../../services/call';
import { newRequestId } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { dayText } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { LineBox, charCount } from '../../../ticket/components/TextBox';
import '../../providers.css';
import '../../../ticket/ticket.css';

export default function ProvidersManagePage() {
  const me = useRemote(() => call('account', 'me', {}));
  const list = useRemote(() => call('providers', 'manage', {}));
  const [editing, setEditing] = useState<ProviderView | 'new' | null>(null);
  const admin = me.state === 'ok' && me.data.registered && me.data.user.role === 'communityAdmin';
  return (
    <Page className="providers-manage">
      <View className="card">
        <Text className="title">服务商名录</Text>
        <Text className="muted">社区核实过的家政、家电维修、管道疏通师傅。居民只看得到名字、范围和收费说明，电话只在社区推荐时发给居民。</Text>
        {admin && !editing ? (
          <View className="actions">
            <Button type="primary" size="large" block className="provider-add" onClick={() => setEditing('new')}>
              添加服务商
            </Button>
          </View>
        ) : null}
      </View>
      {editing ? <ProviderForm p={editing === 'new' ? null : editing} onDone={() => {
        setEditing(null);
        list.reload();
      }} /> : null}
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' ? (
        <View className="card">
          {!list.data.providers.length ? <EmptyState text="还没有服务商" /> : null}
          {list.data.providers.map((p) => (
            <ProviderRow key={p.id} p={p} admin={admin} onEdit={() => setEditing(p)} onChanged={list.reload} />
          ))}
        </View>
      ) : null}
    </Page>
  );
}

function ProviderRow({ p, admin, onEdit, onChanged }: { p: ProviderView; admin: boolean; onEdit: () => void; onChanged: () => void }) {
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stop = async () => {
    setBusy(true);
    const r = await call('providers', 'deactivate', { providerId: p.id, ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    onChanged();
  };
  return (
    <View className="v-row provider-manage-row">
      <View className="v-head">
        <Text className="v-name">{p.name}</Text>
        {!p.active ? <Text className="v-tag">已停用</Text> : p.flagged ? <Text className="v-tag flagged">{PROVIDER_FLAGGED_LABEL}</Text> : null}
      </View>
      <Text className="v-line">{p.serviceLabel} · {p.phone}</Text>
      <Text className="v-line">范围：{p.area}{p.priceNote ? ` · ${p.priceNote}` : ''}</Text>
      <Text className="v-meta">{p.verifiedByName} {dayText(p.verifiedAt)}核实 · {p.ratingAverage !== null ? `${p.ratingAverage}分（${p.ratingCount}人评）` : '还没有评价'}</Text>
      {p.deactivateReason ? <Text className="v-meta">停用原因：{p.deactivateReason}</Text> : null}
      {error ? <Text className="v-error">{error}</Text> : null}
      {admin && !asking ? (
        <View className="actions">
          <Button size="large" block className="provider-edit" onClick={onEdit}>
            {p.active ? '修改' : '修改并重新启用'}
          </Button>
          {p.active ? (
            <Button size="large" block className="provider-stop" onClick={() => setAsking(true)}>
              停用
            </Button>
          ) : null}
        </View>
      ) : null}
      {asking ? (
        <View>
          <LineBox label="停用原因（可以不填）" value={reason} max={L.reason.max} placeholder="例如：居民反映收费不清" onChange={setReason} />
          <InlineConfirm text={`停用「${p.name}」？居民就看不到这位师傅了，以前的推荐和评价会保留。`} yes="确定停用" yesClass="provider-stop-yes" busy={busy} onYes={stop} onNo={() => setAsking(false)} />
        </View>
      ) : null}
    </View>
  );
}

/** Add or edit a provider (the admin is recorded as having checked it, now). */
function ProviderForm({ p, onDone }: { p: ProviderView | null; onDone: () => void }) {
  const [name, setName] = useState(p?.name ?? '');
  const [service, setService] = useState<ProviderService | null>(p?.service ?? null);
  const [phone, setPhone] = useState(p?.phone ?? '');
  const [area, setArea] = useState(p?.area ?? '');
  const [priceNote, setPriceNote] = useState(p?.priceNote ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const requestId = useRef(newRequestId());
  const save = async () => {
    if (busy) return;
    const tel = phone.replace(/\s/g, '');
    const problem = charCount(name) < L.name.min ? '请写上师傅或店名' : !service ? '请选服务类别' : !/^[0-9][0-9-]{6,19}$/.test(tel) ? '电话只能写数字和“-”，例如 13912345678 或 0991-1234567' : charCount(area) < L.area.min ? '请写上服务范围，例如：老城社区及周边' : null;
    if (problem) return setError(problem);
    setBusy(true);
    const r = await call('providers', 'saveProvider', { ...(p ? { providerId: p.id } : {}), name: name.trim(), service: service!, phone: tel, area: area.trim(), priceNote: priceNote.trim(), requestId: requestId.current });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    onDone();
  };
  return (
    <View className="card provider-form">
      <Text className="subtitle">{p ? `修改「${p.name}」` : '添加服务商'}</Text>
      <Text className="muted">保存即表示您已核实过这位师傅（看过证件、问过邻居）。</Text>
      <LineBox label="师傅或店名" value={name} max={L.name.max} placeholder="例如：马师傅管道疏通" onChange={setName} />
      <Text className="field-label">服务类别</Text>
      <ChoiceButtons options={PROVIDER_SERVICES.map((s) => ({ value: s, label: PROVIDER_SERVICE_LABELS[s] }))} selected={service} onSelect={(v) => setService(v as ProviderService)} className="v-tabs" itemClassName="v-tab provider-service" />
      <LineBox label="电话" value={phone} max={L.phone.max} placeholder="例如：13912345678" onChange={setPhone} />
      <LineBox label="服务范围" value={area} max={L.area.max} placeholder="例如：老城社区及周边" onChange={setArea} />
      <LineBox label="收费说明（可以不填）" value={priceNote} max={L.priceNote.max} placeholder="例如：上门费30元，材料另算" onChange={setPriceNote} />
      {error ? <Text className="notice" aria-live="assertive">{error}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="provider-save" loading={busy} disabled={busy} onClick={save}>
          保存
        </Button>
        <Button size="large" block onClick={onDone}>
          不保存
        </Button>
      </View>
    </View>
  );
}
