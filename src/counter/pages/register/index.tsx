/**
 * The counter: register a resident who has no WeChat (代登记). The resident is at the counter; the
 * staff member enters name and address (小区 and 楼栋 chosen from lists), an optional phone, and
 * confirms the resident's spoken consent. A record with the same name and address is not made
 * silently: the page shows the possible duplicates and asks the staff member to check them first.
 * A repeated tap or a retry reuses the same requestId, so it never makes two records.
 */
import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { DuplicateRef, EstateOption, ResidentCard } from '../../../account/api';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { spokenConsentGiven } from '../../../../cloudfunctions/shared/vocabulary/consent';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState } from '../../../ui/PageState';
import { useClearOnLeave } from '../../../ui/useClearOnLeave';
import { useRemote } from '../../../ui/useRemote';
import { DuplicateWarning } from '../../components/ResidentFlags';
import { call } from '../../../services/call';
import { ACCOUNT_LIMITS } from '../../../../cloudfunctions/account/limits';
import '../../counter.css';

type Submit =
  | { state: 'idle' }
  | { state: 'sending' }
  | { state: 'done'; card: ResidentCard }
  | { state: 'duplicate'; duplicates: DuplicateRef[] }
  | { state: 'failed'; error: CallError };

/** The estates of the staff member's own community. */
async function loadEstates(): Promise<CallResult<EstateOption[]>> {
  const [me, estates] = await Promise.all([call('account', 'me'), call('account', 'listEstates')]);
  if (!me.ok) return me;
  if (!estates.ok) return estates;
  const communityId = me.data.registered ? me.data.user.communityId : '';
  return { ok: true, data: estates.data.filter((e) => e.communityId === communityId) };
}

const openResident = (id: string, redirect = false) => {
  const url = `/counter/pages/resident/index?id=${encodeURIComponent(id)}`;
  return redirect ? Taro.redirectTo({ url }) : Taro.navigateTo({ url });
};

export default function CounterRegisterPage() {
  const estates = useRemote(loadEstates);
  const [name, setName] = useState('');
  const [called, setCalled] = useState('');
  const [estateId, setEstateId] = useState('');
  const [building, setBuilding] = useState('');
  const [unit, setUnit] = useState('');
  const [room, setRoom] = useState('');
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });
  // a problem said here is about this visit: gone when the user leaves the page
  useClearOnLeave(() => setSubmit((s) => (s.state === 'failed' ? { state: 'idle' } : s)));
  const requestId = useRef(newRequestId());
  /** An edit after a refusal: the warning no longer describes what the form holds. */
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      if (submit.state === 'duplicate' || submit.state === 'failed') setSubmit({ state: 'idle' });
    };

  if (estates.state === 'loading') return <Page><LoadingState /></Page>;
  if (estates.state === 'error') return <Page><ErrorState message={estates.error.message} code={estates.error.code} onRetry={estates.reload} /></Page>;
  const list = estates.data;
  const estate = list.find((e) => e.id === estateId) ?? (list.length === 1 ? list[0] : undefined);

  const send = async (confirmDuplicate = false) => {
    if (submit.state === 'sending') return;
    const problem = !name.trim()
      ? '请填写居民的姓名'
      : !estate
        ? '请选择居民住的小区'
        : !building
          ? '请选择楼栋'
          : !unit.trim() || !room.trim()
            ? '请填写单元和房号'
            : phone.trim() && !/^1\d{10}$/.test(phone.trim())
              ? '手机号应是 11 位数字；没有手机就不填'
              : !consent
                ? '请先问居民是否同意由您为他登记，同意后点上面的按钮确认'
                : null;
    if (problem) {
      setSubmit({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    setSubmit({ state: 'sending' });
    const r = await call('account', 'registerFor', {
      name: name.trim(),
      ...(called.trim() ? { called: called.trim() } : {}),
      estateId: estate!.id,
      building,
      unit: unit.trim(),
      room: room.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      requestId: requestId.current,
      consent: spokenConsentGiven(),
      ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
    });
    if (r.ok) setSubmit({ state: 'done', card: r.data });
    else if (r.error.code === 'COUNTER.POSSIBLE_DUPLICATE') {
      const details = (r.error as CallError & { details?: { duplicates?: DuplicateRef[] } }).details;
      setSubmit({ state: 'duplicate', duplicates: details?.duplicates ?? [] });
    } else setSubmit({ state: 'failed', error: r.error });
  };

  const again = () => {
    requestId.current = newRequestId();
    setName('');
    setCalled('');
    setBuilding('');
    setUnit('');
    setRoom('');
    setPhone('');
    setConsent(false);
    setSubmit({ state: 'idle' });
  };

  if (submit.state === 'done') {
    const c = submit.card;
    return (
      <Page className="counter-register-done">
        <View className="card">
          <Text className="title">已为 {c.name} 登记</Text>
          <Text className="confirm-line">{c.address}</Text>
          <Text className="confirm-line">{c.hasPhone ? `电话 ${c.phoneMasked}` : '没有手机'}</Text>
          <Text className="muted">以后在“为居民代办”里搜他的名字或住址就能找到。他用上微信后，可以在他的页面上关联。</Text>
          <DuplicateWarning duplicates={c.duplicateOf} list />
          <View className="actions">
            <Button type="primary" size="large" block onClick={() => openResident(c.id, true)}>
              为{c.name}办理
            </Button>
            <Button size="large" block onClick={again}>
              再登记一位
            </Button>
          </View>
        </View>
      </Page>
    );
  }

  return (
    <Page className="counter-register">
      <View className="card">
        <Text className="title">为没有微信的居民登记</Text>
        <Text className="muted">请居民本人在柜台。登记后就可以为他预约、反映问题。</Text>

        <Text className="field-label">姓名</Text>
        <Input className="counter-input reg-name" value={name} maxlength={ACCOUNT_LIMITS.homeText.max} placeholder="居民的姓名" aria-label="姓名" onInput={(e) => edit(setName)(e.detail.value)} />
        <Text className="field-label">怎么称呼（可不填）</Text>
        <Input className="counter-input reg-called" value={called} maxlength={ACCOUNT_LIMITS.homeText.max} placeholder="例如：赵大爷" aria-label="怎么称呼" onInput={(e) => edit(setCalled)(e.detail.value)} />

        <Text className="field-label">小区</Text>
        {list.length === 0 ? <Text className="notice">本社区还没有小区，请联系社区管理员</Text> : null}
        <ChoiceButtons
          className="category-grid"
          itemClassName="category reg-estate"
          options={list.map((e) => ({ value: e.id, label: e.name }))}
          selected={estate?.id ?? null}
          onSelect={(id) => {
            edit(setEstateId)(id);
            setBuilding('');
          }}
        />
        {estate ? (
          <View>
            <Text className="field-label">楼栋</Text>
            <ChoiceButtons className="category-grid" itemClassName="category reg-building" options={estate.buildings.map((b) => ({ value: b, label: b }))} selected={building || null} onSelect={edit(setBuilding)} />
          </View>
        ) : null}
        <Text className="field-label">单元</Text>
        <Input className="counter-input reg-unit" value={unit} maxlength={ACCOUNT_LIMITS.homeText.max} placeholder="例如：2单元" aria-label="单元" onInput={(e) => edit(setUnit)(e.detail.value)} />
        <Text className="field-label">房号</Text>
        <Input className="counter-input reg-room" value={room} maxlength={ACCOUNT_LIMITS.homeText.max} placeholder="例如：301" aria-label="房号" onInput={(e) => edit(setRoom)(e.detail.value)} />
        <Text className="field-label">手机号（没有就不填）</Text>
        <Input className="counter-input reg-phone" type="number" value={phone} maxlength={ACCOUNT_LIMITS.phoneDigits} placeholder="11 位手机号" aria-label="手机号" onInput={(e) => edit(setPhone)(e.detail.value)} />

        <View className="actions consent">
          <Button className="wrap-button" size="large" block type={consent ? 'success' : 'default'} onClick={() => setConsent(!consent)}>
            {consent ? '☑ 居民已口头同意由我为他登记' : '☐ 已问过居民，他同意由我为他登记'}
          </Button>
        </View>

        {submit.state === 'failed' ? (
          <Text className="notice" aria-live="assertive">
            {submit.error.message}
          </Text>
        ) : null}

        {submit.state === 'duplicate' ? (
          <View className="dup-confirm">
            <DuplicateWarning duplicates={submit.duplicates} list onOpen={(id) => openResident(id)} />
            <Text className="inline-confirm-text">如果就是这位居民，请打开已有的记录为他办理；核对过确实是另一位居民，再继续登记。</Text>
            <View className="actions">
              <Button className="wrap-button" size="large" block onClick={() => send(true)}>
                核对过了，是另一位居民，继续登记
              </Button>
            </View>
          </View>
        ) : (
          <View className="actions">
            <Button type="primary" size="large" block loading={submit.state === 'sending'} disabled={submit.state === 'sending'} onClick={() => send(false)}>
              {submit.state === 'failed' && submit.error.code === 'CLIENT.NETWORK' ? '再试一次' : '登记'}
            </Button>
          </View>
        )}
        <Text className="muted form-footnote">居民的电话只有本社区的工作人员能看到。</Text>
      </View>
    </Page>
  );
}
