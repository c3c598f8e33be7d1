/**
 * 凭预约码签到 (the counter, on the market day): staff type the code on a resident's booking slip
 * (lower case, full-width letters or digits and spaces are all fine: `normaliseCode`) and the
 * booking is checked in at once; the card then says whom, for what and when, so staff can see it is
 * the person standing in front of them. A refusal says why in words (not today, no such code).
 * Its button is not the page's primary one (the counter page's is 查找居民: one primary action per screen).
 */
import { View, Text, Input } from '@tarojs/components';
import { useState } from 'react';
import type { BookingView } from '../../../cloudfunctions/market/contract';
import { call } from '../../services/call';
import type { CallError } from '../../services/cloud';
import { Button } from '../../ui/nutui';
import { useClearOnLeave } from '../../ui/useClearOnLeave';
import { normaliseCode } from '../api';

type State = { state: 'idle' } | { state: 'sending' } | { state: 'done'; booking: BookingView } | { state: 'failed'; error: CallError };

export function CheckInByCode() {
  const [code, setCode] = useState('');
  const [s, setS] = useState<State>({ state: 'idle' });
  const clearError = () => setS((x) => (x.state === 'failed' ? { state: 'idle' } : x));
  useClearOnLeave(clearError);

  const run = async () => {
    if (s.state === 'sending') return;
    const c = normaliseCode(code);
    if (!c) {
      setS({ state: 'failed', error: { code: 'CLIENT.FORM', message: '预约码是预约单上的 6 个字母和数字，请照着输入' } });
      return;
    }
    setS({ state: 'sending' });
    const r = await call('market', 'checkInByCode', { code: c });
    if (r.ok) {
      setCode('');
      setS({ state: 'done', booking: r.data });
    } else {
      setS({ state: 'failed', error: r.error.code === 'BOOKING.NOT_FOUND' ? { ...r.error, message: `没有找到预约码 ${c} 的预约，请再核对一下预约单` } : r.error });
    }
  };

  return (
    <View className="card checkin-code-card">
      <Text className="title">凭预约码签到</Text>
      <Text className="muted">居民拿着预约单来了：输入单上的预约码（大小写都可以），就签到了。</Text>
      <Input
        className="checkin-code-input"
        value={code}
        placeholder="预约码，例如 K7QMXA"
        maxlength={16}
        confirmType="done"
        aria-label="预约码"
        onInput={(e) => {
          setCode(e.detail.value);
          clearError();
        }}
        onConfirm={run}
      />
      {s.state === 'failed' ? (
        <Text className="notice checkin-code-problem" aria-live="assertive">
          {s.error.message}
        </Text>
      ) : null}
      {s.state === 'done' ? (
        <View className="notice-ok checkin-code-done" aria-live="polite">
          <Text className="checkin-code-who">{s.booking.residentName} 已签到</Text>
          <Text className="checkin-code-what">
            {s.booking.serviceName}，{s.booking.dateLabel} {s.booking.slotLabel}（预约码 {s.booking.code}）
          </Text>
        </View>
      ) : null}
      <View className="actions">
        <Button size="large" block className="checkin-code-go" loading={s.state === 'sending'} disabled={s.state === 'sending'} onClick={run}>
          签到
        </Button>
      </View>
    </View>
  );
}
