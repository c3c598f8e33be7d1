/**
 * Cancel (and, at the counter, check-in) for a list of bookings, with the confirmation a user
 * expects: a dialog normally, an inline question inside the card in elder mode (no pop-ups). The
 * outcome is reported inline (`notice`), and `reload` refreshes the list. Leaving the page clears
 * the notice and any open question: they are about this visit, not the next.
 */
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { BookingView } from './api';
import { useElderMode } from '../ui/elder';
import { useClearOnLeave } from '../ui/useClearOnLeave';
import { call } from '../services/call';
import { useProxyWords } from '../services/family';

export interface Notice {
  ok: boolean;
  text: string;
}

export function useBookingActions(reload: () => void, counter = false) {
  const elder = useElderMode();
  // 家人代办: a cancel done for an elder says so (「已为邹建庄取消 …」)
  const w = useProxyWords(counter);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  useClearOnLeave(() => {
    setNotice(null);
    setConfirmingId(null);
  });

  const doCancel = async (b: BookingView) => {
    setBusyId(b.id);
    const r = await call('market', 'cancelBooking', { bookingId: b.id });
    setBusyId(null);
    setConfirmingId(null);
    setNotice(r.ok ? { ok: true, text: `${w.say('已取消', '已为{name}取消')} ${b.dateLabel} ${b.slotLabel} 的${b.serviceName}` } : { ok: false, text: r.error.message });
    reload();
  };

  const cancel = async (b: BookingView) => {
    setNotice(null);
    if (elder) {
      setConfirmingId(b.id);
      return;
    }
    const answer = await Taro.showModal({
      title: '取消预约',
      content: `确定取消 ${b.dateLabel} ${b.slotLabel} 的${b.serviceName}吗？取消后名额会让给其他居民。`,
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (answer.confirm) await doCancel(b);
  };

  const checkIn = async (b: BookingView) => {
    setNotice(null);
    setBusyId(b.id);
    const r = await call('market', 'checkIn', { bookingId: b.id });
    setBusyId(null);
    setNotice(r.ok ? { ok: true, text: `${b.residentName} 已签到：${b.serviceName} ${b.slotLabel}` } : { ok: false, text: r.error.message });
    reload();
  };

  return { busyId, confirmingId, notice, cancel, confirmCancel: doCancel, keep: () => setConfirmingId(null), checkIn };
}
