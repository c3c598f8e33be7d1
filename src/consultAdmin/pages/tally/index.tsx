/**
 * 纸质票计票 (staff; `?topicId=&estateId=&building=`): the paper ballots of one building of a topic,
 * in two steps (docs/consultation-design.md §1).
 * 1. 输房号: the rooms whose sheets were collected, several at once (`2-301 2-302`, `2单元301`, or
 *    `301` with the unit above) → `consult.claimPaperRooms`. A household that already voted in WeChat
 *    or at the counter keeps that vote (the first channel wins), so the page lists, large, the sheets
 *    to take out: "这 3 户已在微信/柜台投过票…请把这几张纸质票抽出，不计入".
 * 2. 填票数: a number per option, blank and invalid sheets, checked against the rooms claimed as they
 *    are typed (`TallyCounts`), and a photo of the count sheet (uploaded as a report photo, under
 *    the caller's folder) → `consult.enterPaperCounts`; the function's refusal — a mismatch above all —
 *    is shown under the button in its own words with the numbers.
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { call } from '../../../services/call';
import type { CallError, CallResult } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { ErrorState, LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { PhotoPicker, type Photo } from '../../../ticket/components/PhotoPicker';
import type { PaperClaimAnswer, PaperTallyView, TopicView } from '../../../../cloudfunctions/consult/contract';
import { CONSULT_LIMITS as L } from '../../../../cloudfunctions/consult/limits';
import { parseRooms, roomLabel } from '../../labels';
import { TallyCounts, type TallyNumbers } from '../../components/TallyCounts';
import '../../../stall/stall.css';
import '../../../ticket/ticket.css';
import '../../consultAdmin.css';

interface Loaded {
  userId: string;
  topic: TopicView;
}

async function load(topicId: string): Promise<CallResult<Loaded>> {
  const [me, t] = await Promise.all([call('account', 'me'), call('consult', 'topic', { topicId })]);
  if (!me.ok) return me;
  if (!t.ok) return t;
  return { ok: true, data: { userId: me.data.registered ? me.data.user.id : '', topic: t.data } };
}

/** `2|301` (a household key without its estate and building, as the tally lists it) → `2单元301`. */
const roomWords = (room: string): string => {
  const [unit, r] = room.includes('|') ? room.split('|') : ['', room];
  return roomLabel({ unit, room: r });
};

const CHANNEL_WORDS: Record<string, string> = { wechat: '微信', counter: '柜台', paper: '纸质票' };

/** The words of a refusal of the counts: the mismatch with the numbers the function names. */
export function tallyErrorText(e: CallError & { details?: unknown }, rooms: number): string {
  if (e.code === 'CONSULT.TALLY_MISMATCH') {
    const d = (e.details ?? {}) as { total?: number; rooms?: number };
    return `${e.message}：票数合计 ${d.total ?? '?'} 张，收回的是 ${d.rooms ?? rooms} 户。请把每种票再数一遍，空白票和废票也要算上。`;
  }
  return e.message;
}

export default function TallyPage() {
  const p = useRouter().params;
  const topicId = decodeURIComponent(p.topicId ?? '');
  const estateId = decodeURIComponent(p.estateId ?? '');
  const building = decodeURIComponent(p.building ?? '');
  const loader = useCallback(() => load(topicId), [topicId]);
  const data = useRemote(loader, [loader]);
  const b = data.state === 'ok' ? data.data.topic.staff?.buildings.find((x) => x.estateId === estateId && x.building === building) : undefined;
  return (
    <Page className="vendor-page consult-admin tally-page">
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /> : null}
      {data.state === 'ok' && !b ? <NotFoundState text="这栋楼不在这个议题的投票范围里" /> : null}
      {data.state === 'ok' && b ? <Tally topic={data.data.topic} userId={data.data.userId} estateId={estateId} estateName={b.estateName} building={building} initial={b.tally} households={b.households} /> : null}
    </Page>
  );
}

function Tally({ topic, userId, estateId, estateName, building, initial, households }: { topic: TopicView; userId: string; estateId: string; estateName: string; building: string; initial: PaperTallyView | null; households: number | null }) {
  const [tally, setTally] = useState<PaperTallyView | null>(initial);
  const [unit, setUnit] = useState('');
  const [typed, setTyped] = useState('');
  const [claim, setClaim] = useState<PaperClaimAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [countError, setCountError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [saved, setSaved] = useState(initial?.state === 'counted');
  const parsed = parseRooms(typed, unit);
  const closed = topic.phase === 'decided' || topic.phase === 'closed';

  const sendRooms = async () => {
    if (busy) return;
    if (parsed.unread.length) return setError(`这些没看懂：${parsed.unread.join('、')}。请写成 2-301 或 2单元301。`);
    if (!parsed.rooms.length) return setError('请输入收回纸质票的房号');
    if (parsed.rooms.length > L.paperRooms) return setError(`一次最多输 ${L.paperRooms} 户，请分几次输`);
    setBusy(true);
    setError(null);
    const r = await call('consult', 'claimPaperRooms', { topicId: topic.id, estateId, building, rooms: parsed.rooms });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setClaim(r.data);
    setTally(r.data.tally);
    setTyped('');
    setSaved(false);
  };

  const sendCounts = async (n: TallyNumbers) => {
    if (busy || !tally) return;
    setBusy(true);
    setCountError(null);
    const r = await call('consult', 'enterPaperCounts', { topicId: topic.id, estateId, building, counts: n.counts, blank: n.blank, invalid: n.invalid, photoFileIds: photos.map((x) => x.fileID), revision: tally.revision });
    setBusy(false);
    if (!r.ok) return setCountError(tallyErrorText(r.error, tally.rooms.length));
    setTally(r.data);
    setSaved(true);
  };

  const rooms = tally?.rooms ?? [];
  // this claim's set-aside rooms with the function's words, else every room set aside so far
  const fresh = !!claim?.rejected.length;
  const setAside = fresh ? claim!.rejected : (tally?.rejectedRooms ?? []);
  return (
    <View>
      <View className="card tally-head">
        <Text className="title">
          {estateName} {building} 纸质票
        </Text>
        <Text className="muted ca-block">{topic.title}</Text>
        <Text className="ca-facts">
          已收回 {rooms.length} 户的票{households != null ? `（这栋楼共 ${households} 户）` : ''}
        </Text>
      </View>

      {setAside.length ? (
        <View className="ca-set-aside tally-set-aside" aria-live="assertive">
          <Text className="ca-set-aside-title">{fresh ? claim!.message : `这 ${setAside.length} 户已在微信/柜台投过票，请把这几张纸质票抽出，不计入：`}</Text>
          {setAside.map((r) => (
            <Text key={r.room} className="ca-set-aside-room">
              {roomWords(r.room)}（{CHANNEL_WORDS[r.channel] ?? r.channel}已投）
            </Text>
          ))}
        </View>
      ) : null}

      {!closed && !saved ? (
        <View className="card tally-rooms">
          <Text className="subtitle">第一步：输入收回的房号</Text>
          <Text className="muted">可以一次输好几户，用空格隔开：2-301 2-302，或 2单元301。</Text>
          <Text className="field-label">单元（都是一个单元时填，房号就只写 301）</Text>
          <Input className="v-input tally-unit" value={unit} maxlength={L.roomText} placeholder="比如：2" aria-label="单元" onInput={(e) => setUnit(e.detail.value)} />
          <Text className="field-label">房号</Text>
          <Textarea className="ca-textarea tally-rooms-input" value={typed} maxlength={L.paperRooms * 12} autoHeight placeholder="比如：2-301 2-302 3-101" aria-label="房号" onInput={(e) => { setTyped(e.detail.value); setError(null); }} />
          {parsed.rooms.length ? (
            <View className="ca-rooms">
              {parsed.rooms.map((r) => (
                <Text key={`${r.unit}|${r.room}`} className="ca-room">
                  {roomLabel(r)}
                </Text>
              ))}
            </View>
          ) : null}
          {error ? (
            <Text className="v-notice tally-rooms-error" aria-live="assertive">
              {error}
            </Text>
          ) : null}
          <View className="actions">
            <Button type="primary" size="large" block className="claim-rooms" loading={busy} disabled={busy} onClick={sendRooms}>
              {parsed.rooms.length ? `登记这 ${parsed.rooms.length} 户` : '登记这些房号'}
            </Button>
          </View>
          {rooms.length ? (
            <>
              <Text className="field-label">已登记的 {rooms.length} 户</Text>
              <View className="ca-rooms tally-claimed">
                {rooms.map((r) => (
                  <Text key={r} className="ca-room">
                    {roomWords(r)}
                  </Text>
                ))}
              </View>
            </>
          ) : null}
        </View>
      ) : null}

      {rooms.length && !closed && !saved ? (
        <View className="card tally-counts">
          <Text className="subtitle">第二步：填票数，拍照</Text>
          <PhotoPicker userId={userId} photos={photos} max={L.tallyPhotos} label="计票单的照片（至少 1 张）" onChange={setPhotos} />
          <TallyCounts options={topic.options} rooms={rooms.length} photos={photos.length} busy={busy} error={countError} onSubmit={sendCounts} initial={tally?.state === 'counted' ? tally : null} />
        </View>
      ) : null}

      {saved && tally ? (
        <View className="card notice-ok tally-saved" aria-live="polite">
          <Text className="subtitle">这栋楼的纸质票已录好</Text>
          {topic.options.map((o) => (
            <Text key={o.key} className="ca-facts">
              {o.label}：{tally.counts[o.key] ?? 0} 张
            </Text>
          ))}
          <Text className="ca-facts">
            空白票 {tally.blank} 张，废票 {tally.invalid} 张，共 {rooms.length} 户
          </Text>
          {!closed ? (
            <View className="actions">
              <Button size="large" block className="tally-correct" onClick={() => setSaved(false)}>
                数错了，改一下
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
