/**
 * 巡逻 (issue 22; a 巡逻员 volunteer of the 解忧智囊团): a round of a grid of their community, as its
 * grid worker would walk it — and its length is credited to their volunteer hours.
 * - Loads `rounds.volunteerPatrol`: the community's grids (names only — never the household
 *   register, which a volunteer must not see), the caller's open round and their last ended ones.
 * - No round open: pick a grid (chips; the first is chosen) → 开始巡逻 (`rounds.startPatrol`).
 * - A round open: the places checked (typed, 加上; chips that remove themselves when tapped; kept on
 *   this phone until the round ends, {@link draftKey}), an optional note, 结束巡逻 with an inline
 *   confirmation (`rounds.endPatrol`, ≥ 1 place) → 「巡逻了 N 分钟，已记入志愿服务时长」.
 * - 最近的巡逻: the last ended rounds. Anyone but an active 巡逻员 reads why and how to join.
 * Limits: `cloudfunctions/rounds/limits.ts`. Times: `src/ui/time.ts`.
 */
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { PatrolView, VolunteerPatrolAnswer } from '../../../../cloudfunctions/rounds/contract';
import { ROUNDS_LIMITS as L } from '../../../../cloudfunctions/rounds/limits';
import { call } from '../../../services/call';
import { newRequestId } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, isNotRegistered, LoadingState, NotRegisteredState } from '../../../ui/PageState';
import { clockTime, dayText, whenText } from '../../../ui/time';
import { useBusyCall } from '../../../ui/useBusyCall';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { useRemote } from '../../../ui/useRemote';
import '../../volunteers.css';

/** Where an open round's places wait on the phone until 结束巡逻 (the function takes them at the end). */
const draftKey = (patrolId: string) => `volunteers.patrol.${patrolId}`;
const readDraft = (patrolId: string): string[] => {
  try {
    const v = Taro.getStorageSync(draftKey(patrolId)) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string').slice(0, L.patrolPlaces.max) : [];
  } catch {
    return [];
  }
};

/** Minutes as a person reads them: a round shorter than a minute is still credited 1 (rounds `creditPatrol`). */
const minutesOf = (p: PatrolView) => Math.max(1, p.minutes ?? 0);

export default function VolunteerPatrolPage() {
  const data = useRemote(() => call('rounds', 'volunteerPatrol', {}));
  useReloadOnReturn(data.reload);
  const [done, setDone] = useState<PatrolView | null>(null);
  return (
    <Page className="volunteers-patrol">
      <Text className="title">巡逻</Text>
      {data.state === 'loading' ? <LoadingState /> : null}
      {data.state === 'error' ? (
        isNotRegistered(data.error) ? (
          <NotRegisteredState />
        ) : data.error.code === 'COMMON.FORBIDDEN' ? (
          <EmptyState text="只有智囊团的巡逻员可以在这里巡逻。想参加，到解忧铺找工作人员报名。" />
        ) : (
          <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} />
        )
      ) : null}
      {done ? (
        <Text className="v-done v-patrol-done" aria-live="polite">
          巡逻了 {minutesOf(done)} 分钟，已记入志愿服务时长
        </Text>
      ) : null}
      {data.state === 'ok' ? <Patrol data={data.data} onChanged={data.reload} onEnded={setDone} onStart={() => setDone(null)} /> : null}
    </Page>
  );
}

function Patrol({ data, onChanged, onEnded, onStart }: { data: VolunteerPatrolAnswer; onChanged: () => void; onEnded: (p: PatrolView) => void; onStart: () => void }) {
  return (
    <>
      {data.open ? (
        <OpenPatrol key={data.open.id} p={data.open} onEnded={(p) => { onEnded(p); onChanged(); }} />
      ) : (
        <StartPatrol grids={data.grids} onStarted={() => { onStart(); onChanged(); }} />
      )}
      <View className="card v-patrol-recent">
        <Text className="title">最近的巡逻</Text>
        {!data.recent.length ? <EmptyState text="还没有巡逻记录。" /> : null}
        {data.recent.map((p) => (
          <View key={p.id} className="v-row v-patrol-row">
            <View className="v-row-head">
              <Text className="v-name">{whenText(p.startedAt)}</Text>
              <Text className="v-status done">{minutesOf(p)} 分钟</Text>
            </View>
            <Text className="v-meta">{p.gridCode} · 查了：{p.places.join('、')}</Text>
            {p.note ? <Text className="v-meta">{p.note}</Text> : null}
          </View>
        ))}
      </View>
    </>
  );
}

function StartPatrol({ grids, onStarted }: { grids: VolunteerPatrolAnswer['grids']; onStarted: () => void }) {
  const [gridId, setGridId] = useState<string | null>(grids[0]?.id ?? null);
  const requestId = useRef(newRequestId());
  const start = useBusyCall(onStarted);
  return (
    <View className="card v-patrol-start">
      <Text className="title">开始一次巡逻</Text>
      <Text className="v-line">先选要巡逻的网格，边走边记下查过的地方，走完点“结束巡逻”。</Text>
      {!grids.length ? <EmptyState text="社区还没有划分网格，请到解忧铺问一问。" /> : null}
      {grids.length ? (
        <>
          <Text className="v-label">巡逻哪个网格</Text>
          <ChoiceButtons className="v-chips v-patrol-grids" itemClassName="v-chip v-patrol-grid" options={grids.map((g) => ({ value: g.id, label: g.name }))} selected={gridId} onSelect={setGridId} />
        </>
      ) : null}
      {start.error ? (
        <Text className="v-error" aria-live="assertive">
          {start.error.message}
        </Text>
      ) : null}
      <View className="actions">
        <Button
          type="primary"
          size="large"
          block
          className="v-patrol-begin"
          loading={start.busy}
          disabled={start.busy || !gridId}
          onClick={() =>
            start.run(async () => {
              const r = await call('rounds', 'startPatrol', { gridId: gridId!, requestId: requestId.current });
              // another round already open (another phone): show it
              if (!r.ok && r.error.code === 'ROUNDS.PATROL_OPEN') onStarted();
              return r;
            })
          }
        >
          {gridId ? '开始巡逻' : '请先选网格'}
        </Button>
      </View>
    </View>
  );
}

function OpenPatrol({ p, onEnded }: { p: PatrolView; onEnded: (p: PatrolView) => void }) {
  const [places, setPlaces] = useState<string[]>(() => readDraft(p.id));
  const [typed, setTyped] = useState('');
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const ended = useRef<PatrolView | null>(null);
  const end = useBusyCall(() => {
    Taro.removeStorageSync(draftKey(p.id));
    if (ended.current) onEnded(ended.current);
  });
  useEffect(() => {
    Taro.setStorageSync(draftKey(p.id), places);
  }, [p.id, places]);
  const add = () => {
    const t = typed.trim();
    if (!t) return;
    if ([...t].length > L.patrolPlace.max) return end.setError({ code: 'CLIENT.FORM', message: `一个地方最多写 ${L.patrolPlace.max} 个字` });
    if (!places.includes(t) && places.length >= L.patrolPlaces.max) return end.setError({ code: 'CLIENT.FORM', message: `一次巡逻最多记 ${L.patrolPlaces.max} 处` });
    end.setError(null);
    if (!places.includes(t)) setPlaces((ps) => [...ps, t]);
    setTyped('');
  };
  const remove = (x: string) => {
    setAsking(false);
    setPlaces((ps) => ps.filter((y) => y !== x));
  };
  const finish = () => {
    if (places.length < L.patrolPlaces.min) return end.setError({ code: 'CLIENT.FORM', message: '请先记上查过的地方（至少一处）' });
    end.setError(null);
    setAsking(true);
  };
  return (
    <View className="card v-patrol-open">
      <Text className="title">巡逻中 · {p.gridCode}</Text>
      <Text className="v-meta">
        {dayText(p.startedAt)} {clockTime(p.startedAt)} 开始
      </Text>
      <Text className="v-label">查过的地方（已记 {places.length} 处）</Text>
      {!places.length ? <Text className="v-meta">还没有记。写下地方，点“加上”。</Text> : null}
      <View className="v-chips v-patrol-places">
        {places.map((x) => (
          <Button key={x} className="v-chip v-patrol-place" size="large" aria-label={`去掉 ${x}`} onClick={() => remove(x)}>
            {x} ✕
          </Button>
        ))}
      </View>
      <Input className="v-input v-patrol-place-input" value={typed} maxlength={L.patrolPlace.max} placeholder="例如：3号楼楼道" aria-label="查过的地方" confirmType="done" onInput={(e) => setTyped(e.detail.value)} onConfirm={add} />
      <View className="v-actions">
        <Button size="large" className="v-patrol-place-add" onClick={add}>
          加上
        </Button>
      </View>
      <Text className="v-label">看到的情况（可以不写）</Text>
      <View className="v-textarea">
        <Textarea className="v-patrol-note" value={note} maxlength={L.patrolNote} autoHeight placeholder="例如：车棚的灯不亮了" aria-label="看到的情况" onInput={(e) => setNote(e.detail.value)} />
      </View>
      {end.error ? (
        <Text className="v-error" aria-live="assertive">
          {end.error.message}
        </Text>
      ) : null}
      {asking ? (
        <InlineConfirm
          text={`查了 ${places.length} 处，结束这次巡逻？`}
          yes="确定结束"
          yesClass="v-patrol-end-confirm"
          busy={end.busy}
          primary
          onYes={() =>
            end.run(async () => {
              const r = await call('rounds', 'endPatrol', { patrolId: p.id, places, note: note.trim() });
              if (r.ok) ended.current = r.data;
              return r;
            })
          }
          onNo={() => setAsking(false)}
        />
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="v-patrol-end" onClick={finish}>
            结束巡逻…
          </Button>
        </View>
      )}
    </View>
  );
}
