/**
 * When a coming market day, or one service of it, will not happen (集市设置 → 已经排好的集市日 →
 * 这天的安排…): the admin sees the day's services and how many residents booked each, and can
 * - 这天来不了 one service (the barber is ill): `market.withdrawService` — its slots of that day close,
 *   its bookings are cancelled with the reason and the residents told;
 * - 取消这次集市 (a storm): `market.cancelMarketDay` — the day leaves the lists, every booking and
 *   stall ends with the reason and everyone is told.
 * Both ask inside the card, with the reason residents will read (2–60 characters), never in a pop-up.
 * The day's services are loaded by the day's id when the panel opens (`market.getMarketDay`).
 */
import { View, Text, Input } from '@tarojs/components';
import { useState } from 'react';
import type { ServiceView } from '../../market/api';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { ErrorState, LoadingState } from '../../ui/PageState';
import { useRemote } from '../../ui/useRemote';
import { adminErrorText, charCount, MARKET_LIMITS, toldText, type AdminDayView, type DayCancelResult } from '../api';

/** Places booked in a service's slots that have not started (what its withdrawal would cancel). */
const bookedOf = (s: ServiceView): number => s.slots.filter((x) => x.state !== 'closed').reduce((n, x) => n + (x.capacity - x.remaining), 0);

const { min: REASON_MIN, max: REASON_MAX } = MARKET_LIMITS.reason;

/** A reason residents will read: 2–60 characters after trimming (`MARKET_LIMITS.reason`), else the words to ask for one. */
function reasonProblem(reason: string): string | null {
  const n = charCount(reason);
  return n < REASON_MIN ? `请写上原因（至少 ${REASON_MIN} 个字），居民会在通知里看到` : n > REASON_MAX ? `原因请写短一些（${REASON_MAX} 个字以内）` : null;
}

/** The panel of one coming day. `onCancelled` is told what the cancellation did (the day then leaves the list). */
export function DayClosures({ day, onCancelled }: { day: AdminDayView; onCancelled: (day: AdminDayView, r: DayCancelResult, reason: string) => void }) {
  const detail = useRemote(() => call('market', 'getMarketDay', { marketDayId: day.id }), [day.id]);
  const [confirm, setConfirm] = useState<{ kind: 'day' } | { kind: 'service'; service: ServiceView } | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ask = (c: typeof confirm) => {
    setConfirm(c);
    setReason('');
    setError(null);
    setDone(null);
  };

  const go = async () => {
    if (busy || !confirm) return;
    const problem = reasonProblem(reason);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    const why = reason.trim();
    if (confirm.kind === 'day') {
      const r = await call('market', 'cancelMarketDay', { marketDayId: day.id, reason: why });
      setBusy(false);
      if (!r.ok) return setError(adminErrorText(r.error));
      onCancelled(day, r.data, why);
      return;
    }
    const r = await call('market', 'withdrawService', { marketDayId: day.id, serviceId: confirm.service.id, reason: why });
    setBusy(false);
    if (!r.ok) return setError(adminErrorText(r.error));
    setDone(`${confirm.service.name}这天不来了：${r.data.bookingsCancelled ? `取消了 ${r.data.bookingsCancelled} 个预约，${toldText(r.data.residentsTold, r.data.residentsByWeChat, '居民')}。` : '没有人预约，这天不能再约了。'}`);
    setConfirm(null);
    detail.reload();
  };

  const confirmBox = (text: string, yes: string, example: string) => (
    <View className="inline-confirm closure-confirm">
      <Text className="inline-confirm-text">{text}</Text>
      <Text className="field-label">原因（居民会在通知里看到）</Text>
      <Input className="v-input closure-reason" value={reason} maxlength={REASON_MAX} placeholder={example} aria-label="原因" onInput={(e) => { setReason(e.detail.value); setError(null); }} />
      {error ? <Text className="v-notice" aria-live="assertive">{error}</Text> : null}
      <View className="actions">
        <Button size="large" block className="closure-yes" loading={busy} disabled={busy} onClick={go}>
          {yes}
        </Button>
        <Button size="large" block className="closure-no" disabled={busy} onClick={() => ask(null)}>
          再想想
        </Button>
      </View>
    </View>
  );

  if (detail.state === 'loading') return <LoadingState />;
  if (detail.state === 'error') return <ErrorState message={detail.error.message} code={detail.error.code} onRetry={detail.reload} />;
  const services = detail.data.services.filter((s) => s.bookingMode !== 'none');
  return (
    <View className="day-closures">
      {done ? <Text className="notice-ok withdraw-done" aria-live="polite">{done}</Text> : null}
      {services.map((s) => {
        const booked = bookedOf(s);
        const stopped = s.slots.length > 0 && s.slots.every((x) => x.state === 'closed');
        return (
          <View key={s.id} className="ma-day-service" data-service={s.id}>
            <Text className="v-line">{s.name}</Text>
            <Text className="muted">{stopped ? '这天已停，不能再预约' : booked ? `已约 ${booked} 人` : '还没有人预约'}</Text>
            {confirm?.kind === 'service' && confirm.service.id === s.id ? (
              confirmBox(`${day.dateLabel}${s.name}来不了？这天的${s.name}停止预约${booked ? `，已经预约的 ${booked} 人会被取消并收到通知` : ''}。`, '确定这天不来了', '比如：师傅生病了')
            ) : stopped ? null : (
              <View className="actions">
                <Button size="large" block className="withdraw-service" onClick={() => ask({ kind: 'service', service: s })}>
                  这天{s.name}来不了…
                </Button>
              </View>
            )}
          </View>
        );
      })}
      {confirm?.kind === 'day' ? (
        confirmBox(`取消 ${day.dateLabel} 的集市？所有预约和摊位都会取消，预约的居民和摊主都会收到通知。取消后不能恢复。`, '确定取消这次集市', '比如：大风降温')
      ) : (
        <View className="actions">
          <Button size="large" block className="cancel-day" onClick={() => ask({ kind: 'day' })}>
            取消这次集市…
          </Button>
        </View>
      )}
    </View>
  );
}
