/**
 * 转介 (issue 22; staff: grid workers and community admins): residents' asks by state (等待社区推荐 /
 * 已推荐师傅 / 已评价 / 已取消). 推荐 on an ask lists the community's active providers of its service
 * (with phones; an ask for one provider by name offers that one first); choosing one and confirming
 * refers it — the resident gets the name and phone in 消息 (`providers.refer`). Providers flagged by
 * their ratings (待复核: below 3 stars on average over 3 or more) are listed at the top, with a way into
 * 服务商 to review them.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ProviderEntry, ReferralStatus, ReferralView } from '../../../../cloudfunctions/providers/contract';
import { PROVIDER_FLAGGED_LABEL, REFERRAL_STATUS_LABELS } from '../../../../cloudfunctions/shared/vocabulary/providers';
import { call } from '../../../services/call';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { whenText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { PROVIDERS_URLS, starsText } from '../../api';
import '../../providers.css';

const STATUSES: ReferralStatus[] = ['requested', 'referred', 'rated', 'cancelled'];

export default function ReferralsStaffPage() {
  const [status, setStatus] = useState<ReferralStatus>('requested');
  const list = useRemote(() => call('providers', 'referrals', { status }), [status]);
  const manage = useRemote(() => call('providers', 'manage', {}));
  useReloadOnReturn(() => {
    list.reload();
    manage.reload();
  });
  return (
    <Page className="providers-staff">
      {manage.state === 'ok' && manage.data.flagged.length ? (
        <View className="card flagged-card">
          <Text className="subtitle">{PROVIDER_FLAGGED_LABEL}的师傅</Text>
          <Text className="muted">这些师傅的平均评分低于 3 颗星，请核实后决定是否停用。</Text>
          {manage.data.flagged.map((p) => (
            <View key={p.id} className="v-row flagged-row">
              <View className="v-head">
                <Text className="v-name">{p.name}</Text>
                <Text className="v-tag flagged">{PROVIDER_FLAGGED_LABEL}</Text>
              </View>
              <Text className="v-line">{p.serviceLabel} · {p.ratingAverage}分（{p.ratingCount}人评） · {p.phone}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="card">
        <Text className="title">居民请社区推荐师傅</Text>
        <ChoiceButtons options={STATUSES.map((s) => ({ value: s, label: REFERRAL_STATUS_LABELS[s] }))} selected={status} onSelect={(v) => setStatus(v as ReferralStatus)} className="v-tabs" itemClassName="v-tab" />
        <View className="actions">
          <Button size="large" block className="open-providers-manage" onClick={() => Taro.navigateTo({ url: PROVIDERS_URLS.manage })}>
            服务商名录
          </Button>
        </View>
      </View>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' ? (
        <View className="card">
          {!list.data.length ? <EmptyState text={`没有${REFERRAL_STATUS_LABELS[status]}的转介`} /> : null}
          {list.data.map((r) => (
            <ReferralStaffRow key={r.id} r={r} onChanged={() => {
              list.reload();
              manage.reload();
            }} />
          ))}
        </View>
      ) : null}
    </Page>
  );
}

function ReferralStaffRow({ r, onChanged }: { r: ReferralView; onChanged: () => void }) {
  const [choosing, setChoosing] = useState(false);
  return (
    <View className="v-row referral-staff-row">
      <View className="v-head">
        <Text className="v-name">{r.residentName} · {r.serviceLabel}</Text>
        <Text className={`v-tag ${r.status}`}>{r.statusLabel}</Text>
      </View>
      <Text className="v-line">{r.need}</Text>
      <Text className="v-meta">{whenText(r.askedAt)}提出{r.status === 'requested' && r.providerName ? `，点名要「${r.providerName}」` : ''}</Text>
      {r.status !== 'requested' && r.providerName ? <Text className="v-line">推荐：{r.providerName} {r.providerPhone ?? ''}{r.referredByName ? `（${r.referredByName}推荐）` : ''}</Text> : null}
      {r.rating ? <Text className="v-line">评价：<Text className="v-stars-shown">{starsText(r.rating.stars)}</Text>{r.rating.comment ? ` ${r.rating.comment}` : ''}</Text> : null}
      {r.status === 'requested' ? (
        choosing ? (
          <ReferChooser r={r} onDone={onChanged} onClose={() => setChoosing(false)} />
        ) : (
          <View className="actions">
            <Button type="primary" size="large" block className="referral-refer" onClick={() => setChoosing(true)}>
              推荐师傅
            </Button>
          </View>
        )
      ) : null}
    </View>
  );
}

/** The active providers of the ask's service; choose one, confirm, refer. */
function ReferChooser({ r, onDone, onClose }: { r: ReferralView; onDone: () => void; onClose: () => void }) {
  const dir = useRemote(() => call('providers', 'directory', { service: r.service }), [r.service]);
  const [chosen, setChosen] = useState<ProviderEntry | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const refer = async () => {
    if (!chosen) return;
    setBusy(true);
    const res = await call('providers', 'refer', { referralId: r.id, providerId: chosen.id });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    onDone();
  };
  if (dir.state === 'loading') return <LoadingState />;
  if (dir.state === 'error') return <ErrorState message={dir.error.message} code={dir.error.code} onRetry={dir.reload} />;
  const list = [...dir.data].sort((a, b) => Number(b.name === r.providerName) - Number(a.name === r.providerName));
  return (
    <View className="refer-chooser">
      {!list.length ? <EmptyState text="这一类还没有核实过的师傅，请先在服务商名录里添加" /> : null}
      {list.map((p) => (
        <View key={p.id} className={`refer-option${chosen?.id === p.id ? ' chosen' : ''}`} role="button" onClick={() => setChosen(p)}>
          <Text className="v-name">{chosen?.id === p.id ? '☑ ' : ''}{p.name}</Text>
          <Text className="v-meta">{p.phone} · {p.area}{p.ratingAverage !== null ? ` · ${p.ratingAverage}分` : ''}</Text>
        </View>
      ))}
      {error ? <Text className="v-error" aria-live="assertive">{error}</Text> : null}
      {chosen ? (
        <InlineConfirm text={`把「${chosen.name}」（${chosen.phone}）推荐给 ${r.residentName}？居民会在消息里收到师傅的电话。`} yes="确定推荐" yesClass="referral-refer-yes" primary busy={busy} onYes={refer} onNo={() => setChosen(null)} />
      ) : (
        <View className="actions">
          <Button size="large" block onClick={onClose}>
            先不推荐
          </Button>
        </View>
      )}
    </View>
  );
}
