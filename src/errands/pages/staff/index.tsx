/**
 * 代办单 (issue 22; staff: grid workers and community admins): the community's errands by state
 * (等待接单 / 正在办理 / 已办好 / 已取消). 接单 takes one on (asked first); 办好了 opens the receipt
 * card: photos of the receipt (the staff member's own uploads, `PhotoPicker`; 代缴水电费 needs one),
 * a note, and a confirmation — the resident is told in 消息. New errands come from residents and
 * from the counter's 代提交 (`/errands/pages/request/index?for=…`).
 */
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { ErrandStatus, ErrandView } from '../../../../cloudfunctions/errands/contract';
import { ERRANDS_LIMITS as L } from '../../../../cloudfunctions/errands/limits';
import { ERRAND_STATUSES, ERRAND_STATUS_LABELS } from '../../../../cloudfunctions/shared/vocabulary/errands';
import { call } from '../../../services/call';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { whenText } from '../../../ui/time';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import { LineBox } from '../../../ticket/components/TextBox';
import { PhotoPicker, type Photo } from '../../../ticket/components/PhotoPicker';
import '../../errands.css';
import '../../../ticket/ticket.css';

export default function ErrandsStaffPage() {
  const [status, setStatus] = useState<ErrandStatus>('requested');
  const me = useRemote(() => call('account', 'me', {}));
  const list = useRemote(() => call('errands', 'list', { status }), [status]);
  useReloadOnReturn(list.reload);
  const myId = me.state === 'ok' && me.data.registered ? me.data.user.id : '';
  return (
    <Page className="errands-staff">
      <View className="card">
        <Text className="title">代缴代办</Text>
        <Text className="muted">居民自己提交的、柜台代提交的，都在这里。接单后去办，办好了拍下凭证点“办好了”，居民会收到消息。</Text>
        <ChoiceButtons
          options={ERRAND_STATUSES.map((s) => ({ value: s, label: ERRAND_STATUS_LABELS[s] }))}
          selected={status}
          onSelect={(v) => setStatus(v as ErrandStatus)}
          className="e-tabs"
          itemClassName="e-tab"
        />
      </View>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' ? (
        <View className="card">
          {!list.data.length ? <EmptyState text={`没有${ERRAND_STATUS_LABELS[status]}的代办`} /> : null}
          {list.data.map((e) => (
            <StaffRow key={e.id} e={e} myId={myId} onChanged={list.reload} />
          ))}
        </View>
      ) : null}
    </Page>
  );
}

function StaffRow({ e, myId, onChanged }: { e: ErrandView; myId: string; onChanged: () => void }) {
  const [step, setStep] = useState<'idle' | 'accept' | 'done'>('idle');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const accept = async () => {
    setBusy(true);
    const r = await call('errands', 'accept', { errandId: e.id });
    setBusy(false);
    setStep('idle');
    if (!r.ok) return setError(r.error.message);
    onChanged();
  };
  const askDone = () => {
    setError(null);
    if (e.kind === 'utilities' && !photos.length) return setError('代缴水电费请先拍一张缴费凭证');
    setAsking(true);
  };
  const finish = async () => {
    setBusy(true);
    const r = await call('errands', 'done', { errandId: e.id, receiptPhotos: photos.map((p) => p.fileID), ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    setStep('idle');
    onChanged();
  };
  return (
    <View className="e-row errand-staff-row">
      <View className="e-head">
        <Text className="e-kind">{e.residentName} · {e.kindLabel}</Text>
        <Text className={`e-state ${e.status}`}>{e.statusLabel}</Text>
      </View>
      <Text className="e-what">{e.what}</Text>
      <Text className="e-meta">
        {whenText(e.requestedAt)}{e.byCounter ? `由${e.requestedByName}在柜台代提交（居民口头同意）` : '居民自己提交'}
      </Text>
      {e.assigneeName ? <Text className="e-meta">经办人：{e.assigneeName}</Text> : null}
      {e.doneNote ? <Text className="e-meta">说明：{e.doneNote}</Text> : null}
      {e.receiptUrls.length ? (
        <View className="e-receipts">
          {e.receiptUrls.map((u, i) => (
            <Image key={u} className="e-receipt" src={u} mode="aspectFill" aria-label={`凭证第 ${i + 1} 张`} nativeProps={{ alt: `凭证第 ${i + 1} 张` }} onClick={() => Taro.previewImage({ urls: e.receiptUrls, current: u })} />
          ))}
        </View>
      ) : null}
      {error ? <Text className="e-error" aria-live="assertive">{error}</Text> : null}
      {e.status === 'requested' && step !== 'accept' ? (
        <View className="actions">
          <Button type="primary" size="large" block className="errand-accept" onClick={() => setStep('accept')}>
            接单
          </Button>
        </View>
      ) : null}
      {step === 'accept' ? <InlineConfirm text={`由我来办 ${e.residentName} 的「${e.kindLabel}」？`} yes="确定接单" yesClass="errand-accept-yes" primary busy={busy} onYes={accept} onNo={() => setStep('idle')} /> : null}
      {e.status === 'accepted' && step !== 'done' ? (
        <View className="actions">
          <Button type="primary" size="large" block className="errand-done" onClick={() => setStep('done')}>
            办好了
          </Button>
        </View>
      ) : null}
      {step === 'done' ? (
        <View className="errand-done-card">
          <PhotoPicker userId={myId} photos={photos} onChange={setPhotos} max={L.receiptPhotos.max} label={e.kind === 'utilities' ? `缴费凭证（必须拍，最多 ${L.receiptPhotos.max} 张）` : `凭证照片（可以不拍，最多 ${L.receiptPhotos.max} 张）`} />
          <LineBox label="说明（可以不填，居民会看到）" value={note} max={L.note.max} placeholder="例如：水费120元、电费86元已交" onChange={setNote} />
          {asking ? (
            <InlineConfirm text={`${e.residentName} 的「${e.kindLabel}」已经办好了？居民会收到消息。`} yes="确定办好了" yesClass="errand-done-yes" primary busy={busy} onYes={finish} onNo={() => setAsking(false)} />
          ) : (
            <View className="actions">
              <Button type="primary" size="large" block className="errand-done-ask" onClick={askDone}>
                提交办好了
              </Button>
              <Button size="large" block onClick={() => setStep('idle')}>
                先不提交
              </Button>
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}
