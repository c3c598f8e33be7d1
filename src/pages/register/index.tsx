/**
 * First visit: a person the kiosk does not know (account `me` → `{ registered: false }`) registers
 * this WeChat as a resident: name, estate and building chosen from lists (big buttons), unit and
 * room typed. Then they land on the home page, registered. Problems are said in the page, in plain
 * Chinese, next to the button (no pop-ups).
 *
 * Opened from a booking on the way (`back` = the confirm page of the slot chosen, issue 17), it
 * returns there after registering, so the chosen slot is not lost; any other `back` is ignored.
 *
 * A visitor who has not chosen yet is first offered large text (ElderOffer, issue 17).
 *
 * No phone is asked for here (issue 11): it is asked only where a feature needs it, with its
 * purpose stated, through WeChat's phone-number button (`src/account/PhoneButton.tsx` →
 * `account.bindPhone`; the ticket report page is the first such place).
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { EstateOption, Me } from '../../account/api';
import type { CallError, CallResult } from '../../services/cloud';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { Button } from '../../ui/nutui';
import { Page } from '../../ui/Page';
import { ElderOffer } from '../../ui/ElderOffer';
import { ErrorState, LoadingState } from '../../ui/PageState';
import { useClearOnLeave } from '../../ui/useClearOnLeave';
import { useRemote } from '../../ui/useRemote';
import { call } from '../../services/call';
import { ACCOUNT_LIMITS } from '../../../cloudfunctions/account/limits';
import './index.css';

interface FormData {
  me: Me;
  estates: EstateOption[];
}

async function load(): Promise<CallResult<FormData>> {
  const [me, estates] = await Promise.all([call('account', 'me'), call('account', 'listEstates')]);
  if (!me.ok) return me;
  if (!estates.ok) return estates;
  return { ok: true, data: { me: me.data, estates: estates.data } };
}

type Submit = { state: 'idle' } | { state: 'sending' } | { state: 'failed'; error: CallError };

const goHome = (query = '') => Taro.reLaunch({ url: `/pages/index/index${query}` });

/** The pages registration may return to (a slot chosen before registering); anything else: home. */
function safeBack(back: string | undefined): string | null {
  if (!back) return null;
  const url = decodeURIComponent(back);
  return /^\/market\/pages\/confirm\/index\?day=[^&]+&slot=[^&]+$/.test(url) ? url : null;
}

/** What is missing or wrong in the form, in the words a resident reads; null when it can be sent. */
function formProblem(f: { name: string; estate?: EstateOption; building: string; unit: string; room: string }): string | null {
  if (!f.name.trim()) return '请填写您的姓名';
  if (!f.estate) return '请选择您住的小区';
  if (!f.building) return '请选择您住的楼栋';
  if (!f.unit.trim()) return '请填写单元，例如：2单元';
  if (!f.room.trim()) return '请填写房号，例如：302';
  return null;
}

export default function RegisterPage() {
  const data = useRemote(load);
  const back = safeBack(useRouter().params.back);
  /** After registering: back to the slot chosen (this page's place), else home greeting the new resident. */
  const done = () => (back ? Taro.redirectTo({ url: back }) : goHome('?registered=1'));
  const [name, setName] = useState('');
  const [estateId, setEstateId] = useState('');
  const [building, setBuilding] = useState('');
  const [unit, setUnit] = useState('');
  const [room, setRoom] = useState('');
  const [submit, setSubmit] = useState<Submit>({ state: 'idle' });
  // a problem said here is about this visit: gone when the user leaves the page
  useClearOnLeave(() => setSubmit((s) => (s.state === 'failed' ? { state: 'idle' } : s)));
  /** An edit clears the last problem: it may no longer describe what the form holds. */
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      if (submit.state === 'failed') setSubmit({ state: 'idle' });
    };

  if (data.state === 'loading') return <Page className="register"><LoadingState /></Page>;
  if (data.state === 'error') return <Page className="register"><ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /></Page>;

  if (data.data.me.registered) {
    return (
      <Page className="register">
        <View className="card">
          <Text className="title">您已经登记过了</Text>
          <Text className="reg-done">{data.data.me.user.name}，您好！不用再登记。</Text>
          <View className="actions">
            <Button type="primary" size="large" block onClick={() => (back ? Taro.redirectTo({ url: back }) : goHome())}>
              {back ? '回到刚才选的时段' : '回首页'}
            </Button>
          </View>
        </View>
      </Page>
    );
  }

  const list = data.data.estates;
  const estate = list.find((e) => e.id === estateId) ?? (list.length === 1 ? list[0] : undefined);

  const send = async (confirmDuplicate = false) => {
    if (submit.state === 'sending') return;
    const problem = formProblem({ name, estate, building, unit, room });
    if (problem) {
      setSubmit({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    setSubmit({ state: 'sending' });
    const r = await call('account', 'register', {
      name: name.trim(),
      estateId: estate!.id,
      building,
      unit: unit.trim(),
      room: room.trim(),
      ...(confirmDuplicate ? { confirmDuplicate: true } : {}),
    });
    if (r.ok || r.error.code === 'ACCOUNT.ALREADY_REGISTERED') {
      done();
      return;
    }
    setSubmit({ state: 'failed', error: r.error });
  };

  return (
    <Page className="register">
      <ElderOffer />
      <View className="card">
        <Text className="title">第一次来，先登记一下</Text>
        <Text className="muted register-intro">告诉我们您是谁、住在哪里，登记以后就可以预约集市服务、查看自己的预约。</Text>
        {back ? <Text className="notice-ok register-back">登记好后，会回到您刚才选的时段。</Text> : null}

        <Text className="reg-label">您的姓名</Text>
        <Input className="reg-input reg-name" value={name} maxlength={ACCOUNT_LIMITS.homeText.max} placeholder="例如：张秀兰" aria-label="您的姓名" onInput={(e) => edit(setName)(e.detail.value)} />

        <Text className="reg-label">住在哪个小区</Text>
        {list.length === 0 ? <Text className="reg-error">还没有可以选择的小区，请到解忧铺找工作人员登记</Text> : null}
        <ChoiceButtons
          className="reg-choices reg-estates"
          itemClassName="reg-choice reg-estate"
          options={list.map((e) => ({ value: e.id, label: e.name }))}
          selected={estate?.id ?? null}
          onSelect={(id) => {
            edit(setEstateId)(id);
            setBuilding('');
          }}
        />

        {estate ? (
          <View>
            <Text className="reg-label">住在几号楼</Text>
            <ChoiceButtons className="reg-choices reg-buildings" itemClassName="reg-choice reg-building" options={estate.buildings.map((b) => ({ value: b, label: b }))} selected={building || null} onSelect={edit(setBuilding)} />
          </View>
        ) : null}

        <Text className="reg-label">单元</Text>
        <Input className="reg-input reg-unit" value={unit} maxlength={ACCOUNT_LIMITS.homeText.max} placeholder="例如：2单元" aria-label="单元" onInput={(e) => edit(setUnit)(e.detail.value)} />
        <Text className="reg-label">房号</Text>
        <Input className="reg-input reg-room" value={room} maxlength={ACCOUNT_LIMITS.homeText.max} placeholder="例如：302" aria-label="房号" onInput={(e) => edit(setRoom)(e.detail.value)} />

        {submit.state === 'failed' && submit.error.code === 'ACCOUNT.POSSIBLE_DUPLICATE' ? (
          <DuplicateNotice name={name.trim()} onContinue={() => send(true)} />
        ) : (
          <>
            {submit.state === 'failed' ? (
              <Text className="reg-error" aria-live="assertive">
                {submit.error.message}
              </Text>
            ) : null}
            <View className="actions">
              <Button type="primary" size="large" block loading={submit.state === 'sending'} disabled={submit.state === 'sending'} onClick={() => send()}>
                {submit.state === 'failed' && submit.error.code === 'CLIENT.NETWORK' ? '再试一次' : '登记'}
              </Button>
            </View>
          </>
        )}
      </View>
    </Page>
  );
}

/**
 * `register` answered ACCOUNT.POSSIBLE_DUPLICATE: a resident of this name is already registered at
 * this home — most likely the person themself, registered at the counter or on another phone. The
 * way forward for them is the counter (linking this WeChat to that record); someone else of the same
 * name at the same home may still register (`onContinue` sends again with `confirmDuplicate`).
 */
function DuplicateNotice({ name, onContinue }: { name: string; onContinue: () => void }) {
  return (
    <View className="reg-duplicate" aria-live="assertive">
      <Text className="reg-error">这个地址已经登记过一位{name}。</Text>
      <Text className="reg-duplicate-line">如果是您本人（比如以前在解忧铺柜台登记过），请不要再登记，到解忧铺柜台让工作人员帮您关联微信，以前的预约和反映的问题都还在。</Text>
      <Text className="reg-duplicate-line">如果您是同名的另一个人，可以继续登记。</Text>
      <View className="actions">
        <Button size="large" block onClick={onContinue}>
          我是另一个人，继续登记
        </Button>
      </View>
    </View>
  );
}
