/**
 * 摊主登记, for a person the kiosk does not know yet (their own WeChat): what kind of vendor (农户 /
 * 商户 / 服务志愿者, big buttons), at which community's market (those that run one: `stall.communities`), name, phone, and the goods they sell
 * (chips) or the service they give. Then the record waits for the community's approval
 * (等待社区审核) and the page goes on to 我的摊位.
 */
import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { CallError } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { GoodsEditor } from '../../components/GoodsEditor';
import { VendorPage } from '../../components/VendorPage';
import { call } from '../../../services/call';
import { STALL_LIMITS } from '../../../../cloudfunctions/stall/limits';
import { KIND_OPTIONS, VENDOR_URLS, type MarketCommunityView, type VendorKind } from '../../api';
import '../../stall.css';

/** The communities that run a market (`stall.communities`): 老城社区 · 周五 · 老城社区广场. */
function communityChoices(list: MarketCommunityView[]): { value: string; label: string }[] {
  return list.map((c) => ({ value: c.id, label: `${c.name}（${c.weekdayLabel}${c.place ? `，${c.place}` : ''}）` }));
}

export default function VendorRegisterPage() {
  const markets = useRemote(() => call('stall', 'communities'));
  const [kind, setKind] = useState<VendorKind | null>(null);
  const [communityId, setCommunityId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [goods, setGoods] = useState<string[]>([]);
  const [provides, setProvides] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<CallError | null>(null);

  if (markets.state === 'loading') return <VendorPage><LoadingState /></VendorPage>;
  if (markets.state === 'error') return <VendorPage><ErrorState message={markets.error.message} onRetry={markets.reload} /></VendorPage>;
  const communities = communityChoices(markets.data);
  if (!communities.length) return <VendorPage><EmptyState text="现在还没有社区办集市。" /></VendorPage>;
  const chosenCommunity = communityId ?? (communities.length === 1 ? communities[0].value : null);

  const missing = (): string | null => {
    if (!kind) return '请先选：您是农户、商户，还是服务志愿者';
    if (!chosenCommunity) return '请选在哪个社区的集市摆摊';
    if (!name.trim()) return '请写上您的名字';
    if (!/^1\d{10}$/.test(phone.trim())) return '请写上 11 位手机号';
    if (kind === 'serviceVolunteer' ? !provides.trim() : !goods.length) return kind === 'serviceVolunteer' ? '请写上您提供什么服务，比如：爱心义剪' : '请至少添加一样要卖的东西';
    return null;
  };

  const submit = async () => {
    if (saving) return;
    const m = missing();
    if (m) return setError({ code: 'COMMON.INVALID_INPUT', message: m });
    setSaving(true);
    setError(null);
    const r = await call('stall', 'register', {
      communityId: chosenCommunity!,
      kind: kind!,
      name: name.trim(),
      phone: phone.trim(),
      goods: kind === 'serviceVolunteer' ? [] : goods,
      ...(kind === 'serviceVolunteer' ? { provides: provides.trim() } : {}),
    });
    setSaving(false);
    if (!r.ok) {
      if (r.error.code === 'VENDOR.ALREADY_REGISTERED') return Taro.redirectTo({ url: VENDOR_URLS.mine });
      return setError(r.error);
    }
    Taro.redirectTo({ url: `${VENDOR_URLS.mine}?registered=1` });
  };

  return (
    <VendorPage className="vendor-register">
      <View className="card">
        <Text className="title">摊主登记</Text>
        <Text className="muted">登记以后，社区审核通过，就可以申请集市摊位。</Text>

        <Text className="field-label">您是</Text>
        <ChoiceButtons options={KIND_OPTIONS} selected={kind} onSelect={(v) => setKind(v as VendorKind)} className="choice-grid kind-choices" itemClassName="choice" />

        {communities.length ? (
          <View>
            <Text className="field-label">在哪个社区的集市摆摊</Text>
            <ChoiceButtons options={communities} selected={chosenCommunity} onSelect={setCommunityId} className="choice-grid community-choices" itemClassName="choice choice-wide" />
          </View>
        ) : null}

        <Text className="field-label">名字（居民看到的）</Text>
        <Input className="v-input" value={name} placeholder="比如：马师傅" maxlength={STALL_LIMITS.name.max} aria-label="名字" onInput={(e) => setName(e.detail.value)} />

        <Text className="field-label">手机号</Text>
        <Input className="v-input" type="number" value={phone} placeholder="11 位手机号" maxlength={11} aria-label="手机号" onInput={(e) => setPhone(e.detail.value)} />

        {kind === 'serviceVolunteer' ? (
          <View>
            <Text className="field-label">提供什么服务</Text>
            <Input className="v-input" value={provides} placeholder="比如：爱心义剪、磨刀" maxlength={STALL_LIMITS.provides.max} aria-label="提供什么服务" onInput={(e) => setProvides(e.detail.value)} />
          </View>
        ) : (
          <View>
            <Text className="field-label">卖什么</Text>
            <GoodsEditor goods={goods} onChange={setGoods} />
          </View>
        )}

        {error ? (
          <Text className="v-notice" aria-live="assertive">
            {error.message}
          </Text>
        ) : null}
        <View className="actions">
          <Button type="primary" size="large" block className="register-submit" loading={saving} disabled={saving} onClick={submit}>
            提交登记
          </Button>
        </View>
      </View>
    </VendorPage>
  );
}
