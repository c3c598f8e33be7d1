/**
 * Asks a resident for their phone the way WeChat allows it: the phone-number button, where a
 * feature needs the number, always with the purpose the page states (issue 11). The number is
 * never typed here.
 *
 * - Mini-program: `<Button openType="getPhoneNumber">` (Taro's, as NutUI's Button has no
 *   open-type). WeChat shows its own sheet; on 允许 `onGetPhoneNumber`'s `detail.code` (base
 *   library ≥ 2.21.2; single use, valid 5 minutes) goes to `account.bindPhone`. On a refusal
 *   (`detail.errMsg` such as `getPhoneNumber:fail user deny`, or no code) the page says plainly that
 *   no phone was shared, and nothing else happens.
 * - Local H5 build (`LOCAL_RUNTIME`): a plain button; a tap asks the local gateway for a code
 *   (`localPhoneCode`, the stand-in for WeChat's sheet) and calls `bindPhone` the same way.
 *
 * Props: `purpose` (shown above the button, always), `label` (the button's words), `onBound`
 * (the profile `bindPhone` answered, phone masked). Problems are said under the button, in
 * plain Chinese (no pop-ups); styles in phone.css (elder mode: ≥ 60 px button, ≥ 18 px text).
 */
import { Button as WxButton, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { localPhoneCode } from '../services/identity';
import { Button } from '../ui/nutui';
import type { Profile } from './api';
import { call } from '../services/call';
import './phone.css';

type State = { state: 'idle' } | { state: 'busy' } | { state: 'refused' } | { state: 'failed'; message: string };

export interface PhoneButtonProps {
  /** Why the number is asked for and who will see it, in the page's words. */
  purpose: string;
  /** The button's words (default 用微信绑定的手机号). */
  label?: string;
  onBound: (profile: Profile) => void;
}

/** The answer of WeChat's phone-number button (`e.detail`). */
interface PhoneDetail {
  code?: string;
  errMsg?: string;
}

/** True if the button's answer says the person did not share the number. */
export function isRefusal(detail: PhoneDetail): boolean {
  const msg = detail.errMsg ?? '';
  return !detail.code || /deny|fail/i.test(msg);
}

export function PhoneButton({ purpose, label = '用微信绑定的手机号', onBound }: PhoneButtonProps) {
  const [state, setState] = useState<State>({ state: 'idle' });

  const bind = async (code: string | null) => {
    if (!code) {
      setState({ state: 'failed', message: '没有拿到手机号，请再点一次按钮' });
      return;
    }
    setState({ state: 'busy' });
    const r = await call('account', 'bindPhone', { code });
    if (r.ok) {
      setState({ state: 'idle' });
      onBound(r.data);
    } else setState({ state: 'failed', message: r.error.message });
  };

  const busy = state.state === 'busy';
  return (
    <View className="phone-ask">
      <Text className="phone-purpose">{purpose}</Text>
      {process.env.TARO_ENV === 'weapp' ? (
        <WxButton
          className="phone-button"
          openType="getPhoneNumber"
          disabled={busy}
          onGetPhoneNumber={(e) => {
            const detail = (e.detail ?? {}) as PhoneDetail;
            if (isRefusal(detail)) setState({ state: 'refused' });
            else void bind(detail.code!);
          }}
        >
          {busy ? '正在保存…' : label}
        </WxButton>
      ) : (
        <View className="actions">
          <Button className="phone-button" size="large" block loading={busy} disabled={busy} onClick={async () => bind(await localPhoneCode())}>
            {label}
          </Button>
        </View>
      )}
      {state.state === 'refused' ? (
        <Text className="phone-note" aria-live="polite">
          您没有给手机号，这次不留电话也没关系。
        </Text>
      ) : null}
      {state.state === 'failed' ? (
        <Text className="phone-note phone-problem" aria-live="assertive">
          {state.message}
        </Text>
      ) : null}
    </View>
  );
}
