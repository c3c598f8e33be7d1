import { ACCOUNT_LIMITS } from '../../../../cloudfunctions/account/limits';
/**
 * One grid, for a community admin (`?id=`; without it, a new grid): its code (new grids only), the
 * buildings it covers (buildings of other grids are named with their grid and cannot be chosen) and its grid
 * workers. Taking a building or a worker away is asked again inside the card. An existing grid also
 * has its WeCom group robot (企业微信群提醒, issue 18): set by pasting the webhook address, shown
 * masked, tested, cleared; in the local demo the card shows what the group received (最近推送).
 */
import { View, Text, Input } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { CallError } from '../../../services/cloud';
import { Button } from '../../../ui/nutui';
import { ErrorState, LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { PeoplePage } from '../../components/PeoplePage';
import { PEOPLE_URLS, type GridsData, type GridView, type RobotView } from '../../people-api';
import { localNewRobot, localRobotPosts, type LocalRobotPost } from '../../robot-local';
import { whenText } from '../../../ui/time';
import { call } from '../../../services/call';

export default function GridPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const data = useRemote(() => call('account', 'grids'));
  if (data.state === 'loading') return <PeoplePage><LoadingState /></PeoplePage>;
  if (data.state === 'error') return <PeoplePage><ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} /></PeoplePage>;
  const grid = id ? (data.data.grids.find((g) => g.id === id) ?? null) : null;
  if (id && !grid) return <PeoplePage><NotFoundState text="没有找到这个网格。" /></PeoplePage>;
  return (
    <PeoplePage className="console-grid">
      <GridForm key={grid?.id ?? 'new'} grid={grid} data={data.data} />
      {grid ? <RobotCard key={`robot-${grid.id}`} grid={grid} initial={data.data.robots?.find((r) => r.gridId === grid.id) ?? null} /> : null}
    </PeoplePage>
  );
}

/** A grid code as the function takes it (letters, digits, `-`; length from account/limits.ts). */
const GRID_CODE = new RegExp(`^[A-Za-z0-9-]{${ACCOUNT_LIMITS.gridCode.min},${ACCOUNT_LIMITS.gridCode.max}}$`);

function GridForm({ grid, data }: { grid: GridView | null; data: GridsData }) {
  const [code, setCode] = useState('');
  const [buildings, setBuildings] = useState<string[]>(grid ? grid.covers.flatMap((c) => c.buildings.map((b) => `${c.estateId}|${b}`)) : []);
  const [workers, setWorkers] = useState<string[]>(grid ? grid.workers.map((w) => w.id) : []);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const [saved, setSaved] = useState<GridView | null>(null);
  const owner = new Map<string, string>();
  for (const g of data.grids) if (g.id !== grid?.id) for (const c of g.covers) for (const b of c.buildings) owner.set(`${c.estateId}|${b}`, g.code);
  const flip = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const before = grid ? grid.covers.flatMap((c) => c.buildings.map((b) => `${c.estateId}|${b}`)) : [];
  const removed = [...before.filter((b) => !buildings.includes(b)).map((b) => b.split('|')[1]), ...(grid?.workers ?? []).filter((w) => !workers.includes(w.id)).map((w) => w.name)];
  const save = async () => {
    setBusy(true);
    setError(null);
    const covers = data.estates.map((e) => ({ estateId: e.id, buildings: e.buildings.filter((b) => buildings.includes(`${e.id}|${b}`)) })).filter((c) => c.buildings.length);
    const r = await call('account', 'saveGrid', grid ? { gridId: grid.id, covers, workerIds: workers } : { code: code.trim().toUpperCase(), covers, workerIds: workers });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setError(r.error);
    setSaved(r.data);
  };
  const ask = () => {
    setSaved(null);
    if (!grid && !GRID_CODE.test(code.trim())) return setError({ code: 'COMMON.INVALID_INPUT', message: '请写网格编号：字母、数字和“-”，比如 G-LC-03' });
    if (removed.length) return setConfirming(true);
    void save();
  };
  if (saved)
    return (
      <View className="card">
        <Text className="title">已保存：{saved.code}</Text>
        {saved.covers.map((c) => (
          <Text key={c.estateId} className="p-line">
            {c.estateName} {c.buildings.join('、')}
          </Text>
        ))}
        <Text className="p-line">网格员：{saved.workers.length ? saved.workers.map((w) => w.name).join('、') : '还没有'}</Text>
        <Text className="p-line">以后这些楼栋的问题交给这个网格；已经在办的问题不变。</Text>
        <View className="actions">
          <Button type="primary" size="large" block onClick={() => Taro.redirectTo({ url: PEOPLE_URLS.grids })}>
            看全部网格
          </Button>
        </View>
      </View>
    );
  return (
    <View className="card grid-form">
      <Text className="title">{grid ? `网格 ${grid.code}` : '新建网格'}</Text>
      {!grid ? (
        <View>
          <Text className="p-label">网格编号</Text>
          <Input className="p-input" value={code} placeholder="比如 G-LC-03" maxlength={ACCOUNT_LIMITS.gridCode.max} aria-label="网格编号" onInput={(e) => setCode(e.detail.value)} />
        </View>
      ) : null}
      {data.estates.map((e) => {
        const others = new Map<string, string[]>();
        for (const b of e.buildings) {
          const code = owner.get(`${e.id}|${b}`);
          if (code) others.set(code, [...(others.get(code) ?? []), b]);
        }
        const free = e.buildings.filter((b) => !owner.has(`${e.id}|${b}`));
        return (
          <View key={e.id}>
            <Text className="p-label">{e.name}：选这个网格的楼栋</Text>
            {[...others].map(([code, list]) => (
              <Text key={code} className="p-line other-grid">
                {list.join('、')} 属于 {code}
              </Text>
            ))}
            {free.length === 0 ? <Text className="p-line">这个小区的楼都已经分到别的网格了。</Text> : null}
            <View className="p-toggles building-toggles">
              {free.map((b) => {
                const key = `${e.id}|${b}`;
                const on = buildings.includes(key);
                return (
                  <Button key={key} className="p-toggle" size="large" type={on ? 'success' : 'default'} onClick={() => { setError(null); setBuildings(flip(buildings, key)); }}>
                    {on ? `☑ ${b}` : b}
                  </Button>
                );
              })}
            </View>
          </View>
        );
      })}
      <Text className="p-label">网格员</Text>
      {data.workers.length === 0 ? <Text className="p-notice">社区还没有网格员：先在“人员和网格”里把一个人安排为网格员。</Text> : null}
      <View className="p-toggles worker-toggles">
        {data.workers.map((w) => (
          <Button key={w.id} className="p-toggle" size="large" type={workers.includes(w.id) ? 'success' : 'default'} onClick={() => { setError(null); setWorkers(flip(workers, w.id)); }}>
            {workers.includes(w.id) ? `☑ ${w.name}` : w.name}
          </Button>
        ))}
      </View>
      {error ? <Text className="p-notice" aria-live="assertive">{error.message}</Text> : null}
      {confirming ? (
        <InlineConfirm primary text={<>确定从这个网格去掉：{removed.join('、')}？已经在办的问题不变，新的问题按新的网格分。</>} yes="确定保存" yesClass="confirm-grid" busy={busy} onYes={save} onNo={() => setConfirming(false)} />
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="save-grid" loading={busy} disabled={busy} onClick={ask}>
            保存
          </Button>
        </View>
      )}
    </View>
  );
}

/** The grid's WeCom group robot: set, test, clear; in the local demo, what the group received. */
function RobotCard({ grid, initial }: { grid: GridView; initial: RobotView | null }) {
  const [robot, setRobot] = useState<RobotView | null>(initial);
  const [webhook, setWebhook] = useState('');
  const [busy, setBusy] = useState<'' | 'save' | 'test' | 'clear'>('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [posts, setPosts] = useState<LocalRobotPost[] | null>(null);
  const reloadPosts = () => void localRobotPosts(grid.id).then(setPosts);
  useEffect(reloadPosts, [grid.id]);
  const run = async (kind: 'save' | 'test' | 'clear') => {
    setBusy(kind);
    setError(null);
    setDone(null);
    if (kind === 'test') {
      const r = await call('account', 'testGridRobot', { gridId: grid.id });
      setBusy('');
      if (!r.ok) return setError([r.error.message, (r.error as { details?: { reason?: string } }).details?.reason].filter(Boolean).join('：'));
      setRobot(r.data.robot);
      setDone('测试消息发出去了，请在企业微信群里看一看。');
      return reloadPosts();
    }
    const r = await call('account', 'setGridRobot', { gridId: grid.id, webhook: kind === 'clear' ? null : webhook });
    setBusy('');
    setConfirmClear(false);
    if (!r.ok) return setError(r.error.message);
    setRobot(r.data);
    setWebhook('');
    setDone(kind === 'clear' ? '以后不再发提醒到这个群。' : '保存好了。可以点“发送测试消息”试一试。');
  };
  const set = !!robot?.set;
  return (
    <View className="card robot-card">
      <Text className="title">企业微信群提醒</Text>
      <Text className="p-line">这个网格有新问题、问题超时或社区督办时，约 10 分钟内发一条提醒到网格员的企业微信群。提醒里只有问题类别和地点，不写谁反映的、说了什么；邻里纠纷只写类别。</Text>
      <Text className="p-line robot-status">{set ? `已设置：群机器人 ${robot?.masked ?? ''}` : '还没有设置群机器人。'}</Text>
      {set && robot?.lastPostAt ? <Text className="p-line">上次发送：{whenText(robot.lastPostAt)}</Text> : null}
      {set && robot?.lastError ? <Text className="p-notice">上次没有发出去：{robot.lastError}</Text> : null}
      <Text className="p-label">{set ? '换一个群机器人：粘贴新的 Webhook 地址' : '在企业微信群里点“群机器人”→ 添加，复制 Webhook 地址粘贴到这里'}</Text>
      <Input className="p-input robot-webhook" value={webhook} placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" maxlength={ACCOUNT_LIMITS.robotWebhook.max} aria-label="群机器人 Webhook 地址" onInput={(e) => { setError(null); setWebhook(e.detail.value); }} />
      {LOCAL_RUNTIME ? (
        <Button size="large" block className="robot-local-new" onClick={() => void localNewRobot().then((w) => w && setWebhook(w))}>
          本地演示：新建一个群机器人
        </Button>
      ) : null}
      {error ? <Text className="p-notice robot-error" aria-live="assertive">{error}</Text> : null}
      {done ? <Text className="p-line robot-done" aria-live="polite">{done}</Text> : null}
      <View className="actions">
        <Button size="large" block className="robot-save" loading={busy === 'save'} disabled={!!busy || !webhook.trim()} onClick={() => run('save')}>
          保存地址
        </Button>
        {set ? (
          <Button size="large" block className="robot-test" loading={busy === 'test'} disabled={!!busy} onClick={() => run('test')}>
            发送测试消息
          </Button>
        ) : null}
        {set && !confirmClear ? (
          <Button size="large" block className="robot-clear" disabled={!!busy} onClick={() => setConfirmClear(true)}>
            不再发到这个群…
          </Button>
        ) : null}
      </View>
      {confirmClear ? (
        <View className="inline-confirm">
          <Text className="inline-confirm-text">确定不再发提醒到这个群吗？还没发出去的提醒也不发了。</Text>
          <View className="actions">
            <Button size="large" block className="robot-clear-confirm" loading={busy === 'clear'} disabled={!!busy} onClick={() => run('clear')}>
              确定不再发
            </Button>
            <Button size="large" block onClick={() => setConfirmClear(false)}>
              再想想
            </Button>
          </View>
        </View>
      ) : null}
      {posts ? (
        <View className="robot-posts">
          <Text className="p-label">最近推送（本地演示：群里收到的）</Text>
          {posts.length === 0 ? <Text className="p-line">群里还没有收到消息。</Text> : null}
          {posts.slice(0, 5).map((p) => (
            <View key={p.id} className="robot-post">
              <Text className="p-line robot-post-at">{whenText(p.at)}</Text>
              {p.content.split('\n').map((l, i) => (
                <Text key={i} className="p-line robot-post-line">
                  {l.replace(/\*\*/g, '').replace(/^> /, '· ')}
                </Text>
              ))}
            </View>
          ))}
          <Button size="large" block className="robot-posts-reload" onClick={reloadPosts}>
            刷新最近推送
          </Button>
        </View>
      ) : null}
    </View>
  );
}
