/**
 * 反映问题: a resident reports a neighbour dispute or a community problem. What kind (big buttons,
 * grouped 邻里纠纷 / 社区问题 / 其他), where (their estate's buildings — their home by default — or
 * the estate's shared spaces, a spot such as 楼顶 / 楼道, or their own words), what happened (5–500
 * characters, counted), up to 3 photos (PhotoPicker), and 不让对方知道是我反映的 (on by default).
 *
 * Before filing a community problem, the open problems of the same kind at the same place are offered
 * (`similar`): 我也遇到了 joins one (`join`) instead of filing a duplicate. A neighbour dispute is never
 * offered nor looked up (issue 16: the person it is about may be the one asking): it is filed on its
 * own and staff merge duplicates. The place is what the resident chose: their home building is
 * preselected, visibly; 小区外面 sends only the spot they write (e.g. 龙堡街行道树), never their home. Filing uses one requestId per content, so a
 * repeated tap or a retry after a network error never files twice. Both land on the ticket's page.
 * The submit tap also asks to send progress notifications (受理, 处理, 办结: one-time subscriptions).
 *
 * One primary action: 提交 (issue 17: in elder mode the form was 3.5 screens and ended with two
 * strong buttons). The phone is asked for where it is needed (issue 11), after 提交: the problem's
 * page offers 留个电话（可以不留） to a reporter with no phone on record (`ReporterPhoneCard` →
 * `PhoneButton` → `account.bindPhone`); here a line says so, or shows the number on record, masked.
 * Reporting never waits for it.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import type { EstateOption, Me } from '../../../account/api';
import { newRequestId, type CallError, type CallResult } from '../../../services/cloud';
import { requestSubscribe } from '../../../services/subscribe';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { LoadingState, NotRegisteredState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { call } from '../../../services/call';
import { TICKET_LIMITS } from '../../../../cloudfunctions/ticket/limits';
import { isCommunityProblem, TICKET_URLS, type SimilarTicket, type TicketCategory, type TicketWhere } from '../../api';
import { PhotoPicker, type Photo } from '../../components/PhotoPicker';
import { charCount, LineBox, TextBox } from '../../components/TextBox';
import { CategoryChoice } from '../../components/CategoryChoice';
import { TicketErrorState, TicketPage } from '../../components/TicketPage';
import { actingFor, type ActingFor } from '../../../services/family';
import { proxyWords } from '../../../services/familyActions';
import { dayText } from '../../when';

/** Spots residents name (the fixtures' disputes: 楼顶 pigeon lofts, 地下室楼道 "outer doors", 绿化带 vegetables). */
const SPOTS = ['楼顶', '楼道', '地下室楼道', '绿化带', '小区门口'];

/** The choice "not in a building": the estate's shared spaces. */
const SHARED = '__shared__';
/** The choice "outside the estates" (a street, a park): only the spot the resident writes is sent. */
const OUTSIDE = '__outside__';

interface FormData {
  me: Extract<Me, { registered: true }> | null;
  estates: EstateOption[];
  /** 家人代办: a family member reports for the elder `me` (no photos: they would be the member's uploads, not the elder's) */
  proxy?: boolean;
}

/** The elder a family member acts for, in the shape the form reads (name and community only: the place is chosen, never guessed). */
function elderAsMe(a: ActingFor): Extract<Me, { registered: true }> {
  return {
    registered: true,
    unreadMessages: 0,
    community: null,
    user: { id: a.elderId, name: a.elderName, called: null, role: 'resident', communityId: a.communityId, home: null, phoneMasked: null, verified: true },
  };
}

async function loadForm(): Promise<CallResult<FormData>> {
  const acting = actingFor();
  if (acting) {
    // 家人代办: the member reports for the elder (the router checks the link); the elder's community's estates, no home preselected
    const estates = await call('account', 'listEstates');
    if (!estates.ok) return estates;
    return { ok: true, data: { me: elderAsMe(acting), estates: estates.data.filter((e) => e.communityId === acting.communityId), proxy: true } };
  }
  const [me, estates] = await Promise.all([call('account', 'me'), call('account', 'listEstates')]);
  if (!me.ok) return me;
  if (!me.data.registered) return { ok: true, data: { me: null, estates: [] } };
  if (!estates.ok) return estates;
  const communityId = me.data.user.communityId;
  return { ok: true, data: { me: me.data, estates: estates.data.filter((e) => e.communityId === communityId) } };
}

export default function ReportPage() {
  const data = useRemote(loadForm);
  return (
    <TicketPage proxy className="ticket-report">
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <TicketErrorState error={data.error} onRetry={data.reload} /> : null}
      {data.state === 'ok' && !data.data.me ? <NotRegisteredState /> : null}
      {data.state === 'ok' && data.data.me ? <ReportForm me={data.data.me} estates={data.data.estates} proxy={!!data.data.proxy} /> : null}
    </TicketPage>
  );
}

type Step =
  | { state: 'editing' }
  | { state: 'checking' }
  | { state: 'similar'; list: SimilarTicket[] }
  | { state: 'sending' }
  | { state: 'failed'; error: CallError };

interface Place {
  estateId: string | null;
  building: string | null;
  spot: string;
  /** outside the estates: no estate or building is sent */
  outside: boolean;
}

function ReportForm({ me, estates, proxy }: { me: Extract<Me, { registered: true }>; estates: EstateOption[]; proxy: boolean }) {
  const home = me.user.home;
  const [category, setCategory] = useState<TicketCategory | null>(null);
  const [place, setPlace] = useState<Place>({ estateId: home?.estateId ?? estates[0]?.id ?? null, building: home?.building ?? null, spot: '', outside: false });
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const phoneMasked = me.user.phoneMasked;
  const [step, setStep] = useState<Step>({ state: 'editing' });
  // what `similar` was last asked about: a change of kind or place asks again
  const checkedFor = useRef('');
  // one requestId per content: the same report retried reuses it, a changed one gets a new one
  const request = useRef({ key: '', id: newRequestId() });
  const estate = estates.find((e) => e.id === place.estateId) ?? null;
  // 家人代办: the form reports for the elder (`me` is him) and says so
  const w = proxyWords(proxy ? me.user.name : null);

  const where = useCallback((): TicketWhere => {
    const spot = place.spot.trim();
    if (place.outside) return spot ? { spot } : {};
    return {
      ...(place.estateId ? { estateId: place.estateId } : {}),
      ...(place.estateId && place.building ? { building: place.building } : {}),
      ...(spot ? { spot } : {}),
    };
  }, [place]);

  const edit = () => {
    if (step.state === 'failed' || step.state === 'similar') setStep({ state: 'editing' });
  };
  const choosePlace = (change: Partial<Place>) => {
    setPlace({ ...place, ...change });
    edit();
  };

  const file = async () => {
    setStep({ state: 'sending' });
    const input = { category: category!, text: text.trim(), where: where(), photos: photos.map((p) => p.fileID), anonymous };
    const key = JSON.stringify(input);
    if (request.current.key !== key) request.current = { key, id: newRequestId() };
    const r = await call('ticket', 'report', { ...input, requestId: request.current.id });
    if (r.ok) Taro.redirectTo({ url: TICKET_URLS.detail(r.data.id) });
    else setStep({ state: 'failed', error: r.error });
  };

  const submit = async () => {
    if (step.state === 'checking' || step.state === 'sending') return;
    const problem = !category
      ? '请先选一下是哪一类问题'
      : place.outside && !place.spot.trim()
        ? '请写一下问题在哪儿，例如：龙堡街行道树'
        : charCount(text) < TICKET_LIMITS.text.min
          ? `请把情况写清楚一些（至少 ${TICKET_LIMITS.text.min} 个字）`
          : null;
    if (problem) {
      setStep({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    // the progress message: WeChat asks only inside the tap itself, before anything is awaited
    // (declined = no WeChat message; the 消息 centre still has it)
    // (not for a family member reporting for the elder: the messages go to the elder)
    if (!proxy) void requestSubscribe([TEMPLATE_IDS.ticketProgress]);
    const w = where();
    const checkKey = JSON.stringify([category, w.estateId ?? '', w.building ?? '']);
    // only community problems are "me too": a dispute is never looked up
    // (家人代办: not looked up — joining is the elder's own choice, not one a family member makes for them)
    if (!proxy && isCommunityProblem(category!) && w.estateId && checkedFor.current !== checkKey) {
      setStep({ state: 'checking' });
      const s = await call('ticket', 'similar', { category: category!, where: w });
      if (!s.ok) {
        setStep({ state: 'failed', error: s.error });
        return;
      }
      checkedFor.current = checkKey;
      if (s.data.length) {
        setStep({ state: 'similar', list: s.data });
        return;
      }
    }
    await file();
  };

  const join = async (id: string) => {
    // 我也遇到了: the follower is told of progress too; asked inside this tap, before anything is awaited
    void requestSubscribe([TEMPLATE_IDS.ticketProgress]);
    setStep({ state: 'sending' });
    const r = await call('ticket', 'join', { ticketId: id });
    if (r.ok) Taro.redirectTo({ url: TICKET_URLS.detail(r.data.id) });
    else setStep({ state: 'failed', error: r.error });
  };

  if (step.state === 'similar') {
    return (
      <View className="card similar-card" aria-live="polite">
        <Text className="title">附近已经有人反映过这个问题</Text>
        <Text className="muted">如果说的是同一件事，点“我也遇到了”，网格员会一起处理，不用再写一遍。</Text>
        {step.list.map((s) => (
          <View key={s.id} className="similar-item" data-ticket={s.id}>
            <Text className="similar-line similar-what">{s.categoryLabel}</Text>
            <Text className="similar-line">地点：{s.placeText}</Text>
            <Text className="similar-line">{dayText(s.reportedOn)} 有人反映 · {s.statusLabel}</Text>
            <View className="actions">
              {s.alreadyFollowing ? (
                <Button size="large" block onClick={() => Taro.redirectTo({ url: TICKET_URLS.detail(s.id) })}>
                  您已经反映过，去看进展
                </Button>
              ) : (
                <Button type={step.list.length === 1 ? 'primary' : 'default'} size="large" block onClick={() => join(s.id)}>
                  我也遇到了
                </Button>
              )}
            </View>
          </View>
        ))}
        <View className="actions">
          <Button size="large" block onClick={file}>
            不是同一件事，照样提交
          </Button>
          <Button size="large" block onClick={() => setStep({ state: 'editing' })}>
            返回修改
          </Button>
        </View>
      </View>
    );
  }

  const busy = step.state === 'checking' || step.state === 'sending';
  return (
    <View className="card report-form">
      <Text className="title">{w.say('反映问题', '为{name}反映问题')}</Text>
      <Text className="field-label">1. 是哪一类问题？</Text>
      <CategoryChoice
        className="choice-grid"
        itemClassName="choice"
        selected={category}
        onSelect={(c) => {
          setCategory(c);
          edit();
        }}
      />

      <Text className="field-label">2. 问题在哪里？</Text>
      {estates.length > 1 ? (
        <ChoiceButtons className="choice-grid" itemClassName="choice" options={estates.map((e) => ({ value: e.id, label: e.name }))} selected={place.estateId} onSelect={(id) => choosePlace({ estateId: id, building: null })} />
      ) : estate ? (
        <Text className="ticket-line">{estate.name}</Text>
      ) : null}
      {estate ? (
        <ChoiceButtons
          className="choice-grid place-buildings"
          itemClassName="choice"
          options={[...estate.buildings.map((b) => ({ value: b, label: b })), { value: SHARED, label: '小区公共地方' }, { value: OUTSIDE, label: '小区外面' }]}
          selected={place.outside ? OUTSIDE : (place.building ?? SHARED)}
          onSelect={(b) => choosePlace({ building: b === SHARED || b === OUTSIDE ? null : b, outside: b === OUTSIDE })}
        />
      ) : null}
      <Text className="ticket-hint">{place.outside ? '在小区外面：请在下面写上具体地方（例如：龙堡街行道树）' : '具体在哪儿？（可以不选）'}</Text>
      <ChoiceButtons
        className="choice-grid place-spots"
        itemClassName="choice"
        options={SPOTS.map((p) => ({ value: p, label: p }))}
        selected={SPOTS.includes(place.spot) ? place.spot : null}
        onSelect={(p) => choosePlace({ spot: place.spot === p ? '' : p })}
      />
      <LineBox label={place.outside ? '小区外面的哪儿？' : '别的地方（可以不填）'} value={SPOTS.includes(place.spot) ? '' : place.spot} max={TICKET_LIMITS.where.spot} placeholder={place.outside ? '例如：龙堡街行道树' : '例如：3单元门口'} onChange={(v) => choosePlace({ spot: v })} />

      <TextBox
        label="3. 发生了什么？"
        value={text}
        min={TICKET_LIMITS.text.min}
        max={TICKET_LIMITS.text.max}
        placeholder="例如：楼顶有人养鸽子，衣服被子没法晒"
        onChange={(v) => {
          setText(v);
          edit();
        }}
      />

      {proxy ? <Text className="ticket-hint family-no-photos">为家人反映时不能加照片；需要照片请让家人本人拍，或到解忧铺柜台。</Text> : <PhotoPicker userId={me.user.id} photos={photos} onChange={setPhotos} />}

      <Text className="field-label">4. 要不要保密？</Text>
      <View className="actions">
        <Button className={`wrap-choice anonymous-switch${anonymous ? ' anonymous-on' : ''}`} size="large" block type={anonymous ? 'success' : 'default'} onClick={() => setAnonymous(!anonymous)}>
          {`${anonymous ? '☑' : '☐'} 不让对方知道是${w.say('我', '{name}')}反映的`}
        </Button>
      </View>
      <Text className="ticket-hint anonymous-hint">{anonymous ? '已选保密：网格员处理时，不会告诉对方是谁反映的。' : `没选保密：网格员处理时，可能会说是${w.you}反映的。`}</Text>

      {phoneMasked ? (
        <Text className="ticket-hint phone-on-record">网格员需要时会打您的电话：{phoneMasked}</Text>
      ) : proxy ? null : (
        // (家人代办: no 留个电话 after 提交 — the phone bound would be the member's, not the elder's)
        <Text className="ticket-hint phone-later">提交以后，可以留个电话（可以不留）。</Text>
      )}

      {step.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {step.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block loading={busy} disabled={busy} onClick={submit}>
          {step.state === 'failed' && step.error.code === 'CLIENT.NETWORK' ? '再试一次' : '提交'}
        </Button>
      </View>
      <Text className="ticket-hint">{w.you}的姓名和电话只有网格员和社区能看到。</Text>
    </View>
  );
}
