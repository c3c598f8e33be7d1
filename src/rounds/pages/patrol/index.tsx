/**
 * 巡查 (grid workers; admins read the rounds of the community): a round of the grid.
 * - No round open: the grid (chips, when the worker has several) and 开始巡查 (`rounds.startPatrol`).
 * - A round open: the places checked — one tap on a building of the grid (from its register:
 *   `placesOf`) or a common spot, or typed — kept on this phone until the round ends (the function
 *   takes them at the end; {@link draftKey}), 发现问题 (the staff filing page with the patrol's id, so
 *   the ticket is linked and its source is 自己找, starting at the grid's estate and the building ticked last), a note and 结束巡查 (`rounds.endPatrol`, ≥ 1 place).
 * - 巡查记录: the caller's rounds, newest first (`rounds.patrols`).
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../../services/call';
import { newRequestId, type CallResult } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { EmptyState, LoadingState } from '../../../ui/PageState';
import { clockTime, dayText, whenText } from '../../../ui/time';
import { useBusyCall } from '../../../ui/useBusyCall';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { ROUNDS_LIMITS as L } from '../../../../cloudfunctions/rounds/limits';
import { PATROL_SPOTS, fileCaseUrl, placesOf, type GridChoice, type PatrolView } from '../../api';
import { RoundsError, RoundsPage } from '../../components/RoundsPage';

/** Where an open round's places wait on the phone until 结束巡查 (the function takes them at the end). */
const draftKey = (patrolId: string) => `rounds.patrol.${patrolId}`;
const readDraft = (patrolId: string): string[] => {
  try {
    const v = Taro.getStorageSync(draftKey(patrolId)) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

interface Loaded {
  role: string;
  grids: GridChoice[];
  patrols: PatrolView[];
}

export default function PatrolPage() {
  const load = useCallback(async (): Promise<CallResult<Loaded>> => {
    const [me, patrols, reg] = await Promise.all([call('account', 'me'), call('rounds', 'patrols'), call('rounds', 'households', {})]);
    if (!me.ok) return me;
    if (!patrols.ok) return patrols;
    if (!me.data.registered) return { ok: false, error: { code: 'COMMON.NOT_REGISTERED', message: '请先登记您的身份信息' } };
    return { ok: true, data: { role: me.data.user.role, grids: reg.ok ? reg.data.grids : [], patrols: patrols.data } };
  }, []);
  const data = useRemote(load, [load]);
  useReloadOnReturn(data.reload);
  const open = data.state === 'ok' ? data.data.patrols.find((p) => p.mine && p.status === 'open') ?? null : null;
  return (
    <RoundsPage className="rounds-patrol">
      <Text className="title">巡查</Text>
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? <RoundsError error={data.error} onRetry={data.reload} /> : null}
      {data.state === 'ok' && open ? <OpenPatrol key={open.id} p={open} onEnded={data.reload} /> : null}
      {data.state === 'ok' && !open && data.data.role === 'gridWorker' ? <StartPatrol grids={data.data.grids} onStarted={data.reload} /> : null}
      {data.state === 'ok' ? (
        <View>
          <Text className="r-section">{data.data.role === 'gridWorker' ? '我的巡查记录' : '社区的巡查记录'}</Text>
          {data.data.patrols.filter((p) => p.status === 'ended').length ? (
            data.data.patrols.filter((p) => p.status === 'ended').map((p) => <PatrolCard key={p.id} p={p} showWorker={data.data.role !== 'gridWorker'} />)
          ) : (
            <EmptyState text="还没有巡查记录。" />
          )}
        </View>
      ) : null}
    </RoundsPage>
  );
}

function StartPatrol({ grids, onStarted }: { grids: GridChoice[]; onStarted: () => void }) {
  const [gridId, setGridId] = useState<string | null>(grids[0]?.id ?? null);
  const requestId = useRef(newRequestId());
  const start = useBusyCall(onStarted);
  return (
    <View className="card patrol-start">
      <Text className="subtitle">开始一次巡查</Text>
      <Text className="muted">边走边点查过的地方，看到问题就登记，走完点“结束巡查”。</Text>
      {grids.length > 1 ? <ChoiceButtons className="choice-grid patrol-grids" itemClassName="choice" options={grids.map((g) => ({ value: g.id, label: g.code }))} selected={gridId} onSelect={setGridId} /> : null}
      {start.error ? (
        <Text className="v-notice" aria-live="assertive">
          {start.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="patrol-begin" loading={start.busy} disabled={start.busy || !gridId} onClick={() => start.run(() => call('rounds', 'startPatrol', { gridId: gridId!, requestId: requestId.current }))}>
          开始巡查
        </Button>
      </View>
    </View>
  );
}

function OpenPatrol({ p, onEnded }: { p: PatrolView; onEnded: () => void }) {
  const reg = useRemote(() => call('rounds', 'households', { gridId: p.gridId }), [p.gridId]);
  const [places, setPlaces] = useState<string[]>(() => readDraft(p.id));
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const end = useBusyCall(() => {
    Taro.removeStorageSync(draftKey(p.id));
    onEnded();
  });
  useEffect(() => {
    Taro.setStorageSync(draftKey(p.id), places);
  }, [p.id, places]);
  const toggle = (place: string) => {
    end.setError(null);
    setPlaces((ps) => (ps.includes(place) ? ps.filter((x) => x !== place) : ps.length >= L.patrolPlaces.max ? ps : [...ps, place]));
  };
  const add = () => {
    const t = typed.trim();
    if (!t) return;
    if (!places.includes(t)) toggle(t);
    setTyped('');
  };
  const buildings = reg.state === 'ok' ? placesOf(reg.data.households) : [];
  const quick = [...buildings, ...PATROL_SPOTS];
  // the filing page starts at the grid's estate (when it has one) and the building ticked last: the ticket then goes to this grid
  const estateIds = reg.state === 'ok' ? [...new Set(reg.data.households.map((h) => h.estateId))] : [];
  const lastBuilding = [...places].reverse().find((x) => buildings.includes(x));
  const foundAt = estateIds.length === 1 ? { estateId: estateIds[0], building: lastBuilding } : {};
  const typedOnes = places.filter((x) => !quick.includes(x));
  const finish = () => {
    if (!places.length) return end.setError({ code: 'CLIENT.FORM', message: '请先点一下查过的地方（至少一处）' });
    setAsking(true);
  };
  return (
    <View className="card r-open patrol-open">
      <Text className="r-open-title">巡查中 · {p.gridCode}</Text>
      <Text className="r-line">
        {dayText(p.startedAt)} {clockTime(p.startedAt)} 开始
      </Text>
      <Text className="field-label">查过的地方（点一下记上，已记 {places.length} 处）</Text>
      {reg.state === 'loading' ? <Text className="r-line">正在读取网格的楼栋…</Text> : null}
      <View className="r-places patrol-places">
        {[...quick, ...typedOnes].map((x) => {
          const on = places.includes(x);
          return (
            <Button key={x} className="r-place" size="large" type={on ? 'success' : 'default'} aria-pressed={on} onClick={() => toggle(x)}>
              {on ? `☑ ${x}` : x}
            </Button>
          );
        })}
      </View>
      <View className="r-search">
        <Input className="v-input patrol-place-input" value={typed} maxlength={L.patrolPlace.max} placeholder="别的地方" aria-label="别的地方" confirmType="done" onInput={(e) => setTyped(e.detail.value)} onConfirm={add} />
        <Button size="large" className="patrol-place-add" onClick={add}>
          记上
        </Button>
      </View>
      <View className="actions">
        <Button size="large" block className="patrol-problem" onClick={() => Taro.navigateTo({ url: fileCaseUrl({ patrolId: p.id }, foundAt) })}>
          发现问题，登记工单
        </Button>
      </View>
      {p.ticketIds.length ? <Text className="r-visit-tickets">这次巡查已登记 {p.ticketIds.length} 个问题</Text> : null}
      <Text className="field-label">巡查情况（可以不写）</Text>
      <View className="r-textarea">
        <Textarea className="patrol-note" value={note} maxlength={L.patrolNote} autoHeight placeholder="例如：5号楼楼道堆了纸箱，已提醒" aria-label="巡查情况" onInput={(e) => setNote(e.detail.value)} />
      </View>
      {end.error ? (
        <Text className="v-notice" aria-live="assertive">
          {end.error.message}
        </Text>
      ) : null}
      {asking ? (
        <InlineConfirm text={`查了 ${places.length} 处，结束这次巡查？`} yes="确定结束" yesClass="patrol-end-confirm" busy={end.busy} primary onYes={() => end.run(() => call('rounds', 'endPatrol', { patrolId: p.id, places, note: note.trim() }))} onNo={() => setAsking(false)} />
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="patrol-end" onClick={finish}>
            结束巡查…
          </Button>
        </View>
      )}
    </View>
  );
}

function PatrolCard({ p, showWorker }: { p: PatrolView; showWorker: boolean }) {
  return (
    <View className="card patrol-row" data-patrol={p.id}>
      <Text className="r-visit-head">
        {whenText(p.startedAt)}
        {p.minutes != null ? ` · ${p.minutes < 1 ? '不到 1 分钟' : `${p.minutes} 分钟`}` : ''} · {p.gridCode}
        {showWorker ? ` · ${p.workerName}` : ''}
      </Text>
      <Text className="r-visit-body">查了：{p.places.join('、')}</Text>
      {p.note ? <Text className="r-visit-body">{p.note}</Text> : null}
      {p.ticketIds.length ? <Text className="r-visit-tickets">发现问题 {p.ticketIds.length} 个，已登记工单</Text> : null}
    </View>
  );
}
