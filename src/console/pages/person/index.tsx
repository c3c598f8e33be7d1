/**
 * One person, for a community admin (`?id=`): their role and grids; give them another role (网格员
 * with the grids they work, 社区管理员, or back to 居民), asked again inside the card before a role
 * is taken away; and every change of their role so far (who, when, from → to).
 */
import { View, Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { CallError } from '../../../services/cloud';
import { whenText } from '../../../ticket/when';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button, Tag } from '../../../ui/nutui';
import { ErrorState, LoadingState, NotFoundState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { roleLabel } from '../../../../cloudfunctions/shared/vocabulary/roles';
import { PeoplePage } from '../../components/PeoplePage';
import { ROLE_OPTIONS, type AssignableRole, type GridSummary, type PersonView, type RoleChangeEntry } from '../../people-api';
import { call } from '../../../services/call';


export default function PersonPage() {
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const load = useCallback(() => call('account', 'person', { userId: id }), [id]);
  const data = useRemote(load, [load]);
  // what the last save did: kept here, since the role card starts afresh with the reloaded person
  const [saved, setSaved] = useState<string | null>(null);
  if (data.state === 'loading') return <PeoplePage><LoadingState /></PeoplePage>;
  if (data.state === 'error')
    return <PeoplePage>{data.error.code === 'ACCOUNT.PERSON_NOT_FOUND' ? <NotFoundState text="没有找到这个人。可能不是本社区的，或者已经不在了。" /> : <ErrorState message={data.error.message} code={data.error.code} onRetry={data.reload} />}</PeoplePage>;
  const { person, grids, log } = data.data;
  return (
    <PeoplePage className="console-person">
      <View className="card">
        <View className="p-name-line">
          <Text className="title">{person.name}</Text>
          <Tag type={person.role === 'communityAdmin' ? 'danger' : person.role === 'gridWorker' ? 'success' : 'default'}>{person.roleLabel}</Tag>
        </View>
        {person.gridCodes.length ? (
          <Text className="p-line">
            负责网格：
            {person.gridIds
              .map((id, i) => {
                const g = grids.find((x) => x.id === id);
                return g?.place ? `${g.code}（${g.place}）` : person.gridCodes[i];
              })
              .join('；')}
          </Text>
        ) : null}
        {person.address ? <Text className="p-line">住址：{person.address}</Text> : null}
        {person.phoneMasked ? <Text className="p-line">电话：{person.phoneMasked}</Text> : null}
        <Text className="p-line">{person.verified ? '身份已经核实' : '身份还没有核实（请先在柜台见到本人）'}</Text>
        {!person.hasWeChat ? <Text className="p-line">还没有关联自己的微信</Text> : null}
      </View>
      {saved ? (
        <Text className="notice-ok role-saved" aria-live="polite">
          {saved}
        </Text>
      ) : null}
      <RoleCard
        key={`${person.role}|${person.gridIds.join()}`}
        person={person}
        grids={grids}
        onEdit={() => setSaved(null)}
        onDone={(message) => {
          setSaved(message);
          data.reload();
        }}
      />
      <LogCard log={log} />
    </PeoplePage>
  );
}

function RoleCard({ person, grids, onEdit, onDone }: { person: PersonView; grids: GridSummary[]; onEdit: () => void; onDone: (message: string) => void }) {
  const [role, setRole] = useState<AssignableRole>(person.role === 'vendor' ? 'resident' : (person.role as AssignableRole));
  const [picked, setPicked] = useState<string[]>(person.gridIds);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const setSaved = (m: string | null) => (m === null ? onEdit() : onDone(m));
  const toggle = (g: string) => {
    setSaved(null);
    setError(null);
    setPicked((p) => (p.includes(g) ? p.filter((x) => x !== g) : [...p, g]));
  };
  const same = role === person.role && (role !== 'gridWorker' || [...picked].sort().join() === [...person.gridIds].sort().join());
  const takesAway = person.role !== 'resident' && role !== person.role;
  const save = async () => {
    setBusy(true);
    setError(null);
    const r = await call('account', 'setRole', role === 'gridWorker' ? { userId: person.id, role, gridIds: picked } : { userId: person.id, role });
    setBusy(false);
    setConfirming(false);
    if (!r.ok) return setError(r.error);
    setSaved(`已保存：${person.name}现在是${roleLabel(r.data.person.role)}${r.data.person.gridCodes.length ? `，负责 ${r.data.person.gridCodes.join('、')}` : ''}。`);
  };
  const ask = () => {
    setSaved(null);
    if (same) return setError({ code: 'COMMON.INVALID_INPUT', message: '没有改动：请先在上面选一个新的角色或网格' });
    if (role === 'gridWorker' && picked.length === 0) return setError({ code: 'COMMON.INVALID_INPUT', message: '网格员至少要负责一个网格，请在上面选网格' });
    if (takesAway) return setConfirming(true);
    void save();
  };
  return (
    <View className="card role-card">
      <Text className="subtitle">安排角色</Text>
      <ChoiceButtons
        options={ROLE_OPTIONS}
        selected={role}
        onSelect={(v) => {
          setRole(v as AssignableRole);
          setConfirming(false);
          setError(null);
          setSaved(null);
        }}
        className="p-toggles role-toggles"
        itemClassName="p-toggle p-toggle-wide"
      />
      {role === 'gridWorker' ? (
        <View>
          <Text className="p-label">负责哪些网格（可以选几个）</Text>
          {grids.length === 0 ? <Text className="p-notice">社区还没有网格，请先在“网格和楼栋”里建一个。</Text> : null}
          <View className="p-toggles grid-toggles">
            {grids.map((g) => (
              <Button key={g.id} className="p-toggle p-toggle-wide grid-toggle" size="large" type={picked.includes(g.id) ? 'success' : 'default'} onClick={() => toggle(g.id)}>
                {`${picked.includes(g.id) ? '☑ ' : ''}${g.place || g.code}（${g.code}）`}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
      {error ? <Text className="p-notice" aria-live="assertive">{error.message}</Text> : null}
      {confirming ? (
        <InlineConfirm primary text={<>确定让{person.name}不再做{person.roleLabel}吗？{person.role === 'gridWorker' ? '他以后看不到网格里的问题了。' : '他以后不能再管理社区了。'}</>} yes="确定修改" yesClass="confirm-role" busy={busy} onYes={save} onNo={() => setConfirming(false)} />
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="save-role" loading={busy} disabled={busy} onClick={ask}>
            保存
          </Button>
        </View>
      )}
    </View>
  );
}

function LogCard({ log }: { log: RoleChangeEntry[] }) {
  const describe = (r: { role: string; gridIds: string[] }) => `${roleLabel(r.role)}${r.gridIds.length ? `（${r.gridIds.join('、')}）` : ''}`;
  return (
    <View className="card role-log">
      <Text className="subtitle">修改记录</Text>
      {log.length === 0 ? <Text className="p-line">还没有修改过。</Text> : null}
      {log.map((e) => (
        <View key={e._id} className="p-log">
          <Text className="p-line">
            {whenText(String(e.at))} {e.byName}
          </Text>
          <Text className="p-line">
            {describe(e.from)} → {describe(e.to)}
          </Text>
        </View>
      ))}
    </View>
  );
}
