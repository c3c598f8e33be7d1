/**
 * 找师傅 (issue 22; a registered resident): the providers the community checked, by service (家政,
 * 家电维修, 管道疏通, 其他) — name, area, price notes, who checked them and when, their stars. No phone
 * here: the resident taps 请社区推荐 (for the service, or for one provider by name), says what they
 * need, and the kiosk answers in 消息 with the provider's name and phone (`providers.askReferral`,
 * one `requestId` per ask). No payments go through the app.
 */
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { MyReferral, ProviderEntry, ProviderService } from '../../../../cloudfunctions/providers/contract';
import { PROVIDERS_LIMITS as L } from '../../../../cloudfunctions/providers/limits';
import { PROVIDER_SERVICES, PROVIDER_SERVICE_LABELS } from '../../../../cloudfunctions/shared/vocabulary/providers';
import { call } from '../../../services/call';
import { newRequestId } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { dayText } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { TextBox, charCount } from '../../../ticket/components/TextBox';
import { PROVIDERS_URLS, starsText } from '../../api';
import '../../providers.css';
import '../../../ticket/ticket.css';

export default function FindProviderPage() {
  const [service, setService] = useState<ProviderService>('plumbing');
  const dir = useRemote(() => call('providers', 'directory', { service }), [service]);
  const [asking, setAsking] = useState<{ provider: ProviderEntry | null } | null>(null);
  return (
    <Page className="providers-find">
      <View className="card">
        <Text className="title">找师傅</Text>
        <Text className="muted">下面的师傅都经过社区核实。想请哪位，点“请社区推荐”，社区会把师傅的电话发到您的“消息”里。费用请和师傅当面讲好，社区不经手。</Text>
        <ChoiceButtons
          options={PROVIDER_SERVICES.map((s) => ({ value: s, label: PROVIDER_SERVICE_LABELS[s] }))}
          selected={service}
          onSelect={(v) => {
            setService(v as ProviderService);
            setAsking(null);
          }}
          className="v-tabs"
          itemClassName="v-tab"
        />
        <View className="actions">
          <Button size="large" block className="open-my-referrals" onClick={() => Taro.navigateTo({ url: PROVIDERS_URLS.mine })}>
            我的转介
          </Button>
        </View>
      </View>
      {asking ? <AskCard service={service} provider={asking.provider} onClose={() => setAsking(null)} /> : null}
      {!asking ? (
        <View className="actions">
          <Button type="primary" size="large" block className="ask-referral" onClick={() => setAsking({ provider: null })}>
            请社区推荐{PROVIDER_SERVICE_LABELS[service]}师傅
          </Button>
        </View>
      ) : null}
      {dir.state === 'loading' ? <LoadingState /> : null}
      {dir.state === 'error' ? <ErrorState message={dir.error.message} code={dir.error.code} onRetry={dir.reload} /> : null}
      {dir.state === 'ok' ? (
        <View className="card">
          <Text className="subtitle">{PROVIDER_SERVICE_LABELS[service]}师傅</Text>
          {!dir.data.length ? <EmptyState text="这一类还没有社区核实过的师傅，可以请社区帮您找" /> : null}
          {dir.data.map((p) => (
            <View key={p.id} className="v-row provider-row">
              <View className="v-head">
                <Text className="v-name">{p.name}</Text>
                {p.ratingAverage !== null ? <Text className="v-stars-shown">{starsText(Math.round(p.ratingAverage))} {p.ratingAverage}分（{p.ratingCount}人评）</Text> : <Text className="v-meta">还没有评价</Text>}
              </View>
              <Text className="v-line">服务范围：{p.area}</Text>
              {p.priceNote ? <Text className="v-line">收费：{p.priceNote}</Text> : null}
              <Text className="v-meta">{p.verifiedByName} {dayText(p.verifiedAt)}核实</Text>
              <View className="actions">
                <Button size="large" block className="ask-this-provider" onClick={() => setAsking({ provider: p })}>
                  请社区推荐这位师傅
                </Button>
              </View>
            </View>
          ))}
        </View>
      ) : null}
    </Page>
  );
}

/** 请社区推荐: what is needed (2–100 characters) → `askReferral` by service or by provider. */
function AskCard({ service, provider, onClose }: { service: ProviderService; provider: ProviderEntry | null; onClose: () => void }) {
  const [need, setNeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<MyReferral | null>(null);
  const requestId = useRef(newRequestId());
  const send = async () => {
    if (busy) return;
    if (charCount(need) < L.need.min) return setError(`请说一说要修什么、做什么（至少 ${L.need.min} 个字）`);
    setBusy(true);
    const r = await call('providers', 'askReferral', provider ? { providerId: provider.id, need: need.trim(), requestId: requestId.current } : { service, need: need.trim(), requestId: requestId.current });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setSent(r.data);
  };
  if (sent) {
    return (
      <View className="card">
        <Text className="v-done referral-asked">已经请社区推荐{sent.providerName ? `「${sent.providerName}」` : `${sent.serviceLabel}师傅`}了。社区推荐后，师傅的名字和电话会发到您的“消息”里。</Text>
        <View className="actions">
          <Button size="large" block onClick={() => Taro.navigateTo({ url: PROVIDERS_URLS.mine })}>
            看我的转介
          </Button>
          <Button size="large" block onClick={onClose}>
            好的
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="card ask-card">
      <Text className="subtitle">{provider ? `请社区推荐「${provider.name}」` : `请社区推荐${PROVIDER_SERVICE_LABELS[service]}师傅`}</Text>
      <TextBox label="您需要做什么" value={need} min={L.need.min} max={L.need.max} placeholder="例如：厨房下水道堵了，水下不去" onChange={(v) => {
        setNeed(v);
        setError(null);
      }} />
      {error ? <Text className="notice" aria-live="assertive">{error}</Text> : null}
      <View className="actions">
        <Button type="primary" size="large" block className="ask-send" loading={busy} disabled={busy} onClick={send}>
          请社区推荐
        </Button>
        <Button size="large" block onClick={onClose}>
          先不用
        </Button>
      </View>
    </View>
  );
}
