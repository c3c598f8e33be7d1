/**
 * 解忧智囊团 for staff (issue 22; grid workers and community admins of the community): the team with
 * roles and this month's hours; for admins 招募 (find a resident as the counter does,
 * `account.searchResidents`, tick their roles) and 退出 (a reason, then a question); the week's
 * 值班表 (上一周 / 下一周) with 排班 and 取消 (admins) and 已值班 / 未到岗 on the day (staff: 已值班 credits
 * the slot's hours); 记工时 for a volunteer (minutes, day, what they did). Every change asks first
 * (InlineConfirm). Large text in elder mode.
 */
import { Input, Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { ResidentCard } from '../../../account/api';
import type { DutySlot, DutyView, RosterAnswer, TeamAnswer, TeamMember, VolunteerRole } from '../../../../cloudfunctions/volunteers/contract';
import { VOLUNTEERS_LIMITS as L } from '../../../../cloudfunctions/volunteers/limits';
import { DUTY_SLOT_LABELS, DUTY_SLOTS, minutesWords, VOLUNTEER_ROLE_LABELS, VOLUNTEER_ROLES } from '../../../../cloudfunctions/shared/vocabulary/volunteers';
import { call } from '../../../services/call';
import { newRequestId } from '../../../services/cloud';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { Page } from '../../../ui/Page';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { addLocalDays, dayText, localDate } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import '../../volunteers.css';

/** Local date `date` moved by `days`. */

export default function VolunteersTeamPage() {
  const me = useRemote(() => call('account', 'me', {}));
  const team = useRemote(() => call('volunteers', 'team', {}));
  const [weekOf, setWeekOf] = useState(localDate());
  const roster = useRemote(() => call('volunteers', 'roster', { weekOf }), [weekOf]);
  const admin = me.state === 'ok' && me.data.registered && me.data.user.role === 'communityAdmin';
  const changed = () => {
    team.reload();
    roster.reload();
  };
  return (
    <Page className="volunteers-team">
      {team.state === 'loading' ? <LoadingState /> : null}
      {team.state === 'error' ? <ErrorState message={team.error.message} code={team.error.code} onRetry={team.reload} /> : null}
      {team.state === 'ok' ? <TeamList data={team.data} admin={admin} onChanged={changed} /> : null}
      {admin ? <Enlist onEnlisted={changed} /> : null}
      <View className="card v-roster">
        <Text className="title">值班表</Text>
        <View className="v-week-nav">
          <Button size="large" className="v-week-prev" onClick={() => setWeekOf(addLocalDays(weekOf, -7))}>上一周</Button>
          <Button size="large" className="v-week-this" onClick={() => setWeekOf(localDate())}>本周</Button>
          <Button size="large" className="v-week-next" onClick={() => setWeekOf(addLocalDays(weekOf, 7))}>下一周</Button>
        </View>
        {roster.state === 'loading' ? <LoadingState /> : null}
        {roster.state === 'error' ? <ErrorState message={roster.error.message} code={roster.error.code} onRetry={roster.reload} /> : null}
        {roster.state === 'ok' ? <Week data={roster.data} admin={admin} members={team.state === 'ok' ? team.data.members : []} onChanged={changed} /> : null}
      </View>
      {team.state === 'ok' ? <AddHours members={team.data.members.filter((m) => m.active)} onAdded={team.reload} /> : null}
    </Page>
  );
}

/** `本月服务 9小时：巡逻员 3小时，调解员 6小时` (only the roles with hours; acts without a role as 其他). */
function monthSummary(data: TeamAnswer): string {
  const by = data.monthMinutesByRole;
  const total = Object.values(by).reduce((a, b) => a + b, 0);
  if (!total) return '本月还没有服务时长';
  const parts = [...VOLUNTEER_ROLES.filter((r) => by[r]).map((r) => `${VOLUNTEER_ROLE_LABELS[r]} ${minutesWords(by[r])}`), ...(by.other ? [`其他 ${minutesWords(by.other)}`] : [])];
  return `本月服务 ${minutesWords(total)}：${parts.join('，')}`;
}

/** The team: active first, roles, this month's hours; 退出 for admins. */
function TeamList({ data, admin, onChanged }: { data: TeamAnswer; admin: boolean; onChanged: () => void }) {
  const [retiring, setRetiring] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const active = data.members.filter((m) => m.active);
  const askRetire = () => {
    if (reason.trim().length < L.reason.min) return setError(`请写明退出的原因（至少${L.reason.min}个字）`);
    setError(null);
    setAsking(true);
  };
  const retire = async (m: TeamMember) => {
    if (busy) return;
    setBusy(true);
    const r = await call('volunteers', 'retire', { residentId: m.residentId, reason: reason.trim() });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    setRetiring(null);
    setReason('');
    onChanged();
  };
  return (
    <View className="card v-team">
      <Text className="title">智囊团成员（{active.length} 人）</Text>
      <Text className="v-meta v-month">{monthSummary(data)}</Text>
      {!data.members.length ? <EmptyState text="还没有志愿者，先招募一位吧" /> : null}
      {data.members.map((m) => (
        <View key={m.residentId} className="v-row v-member">
          <View className="v-row-head">
            <Text className="v-name">{m.name}{m.active ? '' : '（已退出）'}</Text>
            <Text className="v-line">本月 {minutesWords(m.monthMinutes)}</Text>
          </View>
          <View className="v-roles">
            {m.roleLabels.map((r) => (
              <Text key={r} className="v-role">{r}</Text>
            ))}
          </View>
          <Text className="v-meta">{m.address}{m.phoneMasked ? ` · 电话 ${m.phoneMasked}` : ''}{m.retiredReason ? ` · 退出原因：${m.retiredReason}` : ''}</Text>
          {admin && m.active && retiring !== m.residentId ? (
            <View className="v-actions">
              <Button size="large" className="v-retire" onClick={() => { setRetiring(m.residentId); setReason(''); setAsking(false); setError(null); }}>退出</Button>
            </View>
          ) : null}
          {retiring === m.residentId ? (
            <View className="v-retire-form">
              <Input className="v-input v-retire-reason" value={reason} placeholder="退出的原因，例如 搬家了" maxlength={L.reason.max} aria-label="退出的原因" onInput={(e) => setReason(e.detail.value)} />
              {error ? <Text className="v-error">{error}</Text> : null}
              {asking ? (
                <InlineConfirm text={`${m.name} 退出智囊团？以后的排班会取消，服务时长保留。`} yes="确定退出" yesClass="v-retire-yes" busy={busy} onYes={() => retire(m)} onNo={() => setAsking(false)} />
              ) : (
                <View className="v-actions">
                  <Button size="large" className="v-retire-go" onClick={askRetire}>退出</Button>
                  <Button size="large" onClick={() => setRetiring(null)}>不退了</Button>
                </View>
              )}
            </View>
          ) : null}
        </View>
      ))}
    </View>
  );
}

/** Several roles ticked among big buttons. */
function RoleChips({ roles, chosen, onToggle, itemClassName }: { roles: readonly VolunteerRole[]; chosen: VolunteerRole[]; onToggle: (r: VolunteerRole) => void; itemClassName: string }) {
  return (
    <View className="v-chips">
      {roles.map((r) => (
        <Button key={r} size="large" className={`v-chip ${itemClassName}`} type={chosen.includes(r) ? 'success' : 'default'} onClick={() => onToggle(r)}>
          {chosen.includes(r) ? `☑ ${VOLUNTEER_ROLE_LABELS[r]}` : VOLUNTEER_ROLE_LABELS[r]}
        </Button>
      ))}
    </View>
  );
}

/** 招募: find the resident, tick roles, confirm. */
function Enlist({ onEnlisted }: { onEnlisted: () => void }) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ResidentCard[] | null>(null);
  const [resident, setResident] = useState<ResidentCard | null>(null);
  const [roles, setRoles] = useState<VolunteerRole[]>([]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<TeamMember | null>(null);
  const find = async () => {
    const q = query.trim();
    if (!q) return setError('请输入居民的姓名、拼音或住址');
    setError(null);
    setBusy(true);
    const r = await call('account', 'searchResidents', { query: q });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setFound(r.data);
  };
  const ask = () => {
    if (!resident) return setError('请先查找并选中居民');
    if (!roles.length) return setError('请至少选一个岗位');
    setError(null);
    setAsking(true);
  };
  const save = async () => {
    if (!resident || busy) return;
    setBusy(true);
    const r = await call('volunteers', 'enlist', { residentId: resident.id, roles });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    setDone(r.data);
    setResident(null);
    setRoles([]);
    setFound(null);
    setQuery('');
    onEnlisted();
  };
  return (
    <View className="card v-enlist">
      <Text className="title">招募志愿者</Text>
      {done ? <Text className="v-done v-enlisted" aria-live="polite">已招募：{done.name}（{done.roleLabels.join('、')}）</Text> : null}
      <Input className="v-input v-search" value={query} placeholder="姓名、拼音或住址" maxlength={20} confirmType="search" aria-label="居民姓名、拼音或住址" onInput={(e) => setQuery(e.detail.value)} onConfirm={find} />
      <View className="actions">
        <Button size="large" block className="v-find" loading={busy && !asking} onClick={find}>查找居民</Button>
      </View>
      {found && !found.length ? <Text className="v-error">本社区没有找到“{query.trim()}”，请换个写法</Text> : null}
      {(found ?? []).map((c) => (
        <View key={c.id} role="button" className={`v-pick v-resident${resident?.id === c.id ? ' chosen' : ''}`} onClick={() => { setResident(c); setDone(null); }}>
          <Text className="v-name">{resident?.id === c.id ? '☑ ' : ''}{c.name}{c.called ? `（${c.called}）` : ''}</Text>
          <Text className="v-meta">{c.address}{c.hasPhone ? ` · 电话 ${c.phoneMasked}` : ''}</Text>
        </View>
      ))}
      <Text className="v-label">岗位（可以多选）</Text>
      <RoleChips roles={VOLUNTEER_ROLES} chosen={roles} itemClassName="v-enlist-role" onToggle={(r) => setRoles(roles.includes(r) ? roles.filter((x) => x !== r) : [...roles, r])} />
      {error ? <Text className="v-error v-enlist-error">{error}</Text> : null}
      {asking && resident ? (
        <InlineConfirm text={`招募 ${resident.name} 做${roles.map((r) => VOLUNTEER_ROLE_LABELS[r]).join('、')}？`} yes="确定招募" yesClass="v-enlist-yes" primary busy={busy} onYes={save} onNo={() => setAsking(false)} />
      ) : (
        <View className="actions">
          <Button type="primary" size="large" block className="v-enlist-go" onClick={ask}>招募</Button>
        </View>
      )}
    </View>
  );
}

/** The week: each day's duties by slot; 排班 (admins), 取消, 已值班 / 未到岗. */
function Week({ data, admin, members, onChanged }: { data: RosterAnswer; admin: boolean; members: TeamMember[]; onChanged: () => void }) {
  const [asking, setAsking] = useState<{ duty: DutyView; kind: 'done' | 'missed' | 'remove' } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const act = async () => {
    if (!asking || busy) return;
    setBusy(true);
    const r = asking.kind === 'remove' ? await call('volunteers', 'removeDuty', { dutyId: asking.duty.id }) : await call('volunteers', 'markDuty', { dutyId: asking.duty.id, status: asking.kind });
    setBusy(false);
    setAsking(null);
    setError(r.ok ? null : r.error.message);
    onChanged();
  };
  const question = (a: NonNullable<typeof asking>) =>
    a.kind === 'remove' ? `取消 ${a.duty.volunteerName} ${dayText(a.duty.date)}${a.duty.slotLabel}的班？` : a.kind === 'done' ? `${a.duty.volunteerName} ${a.duty.slotLabel}的班值完了？记 ${minutesWords(a.duty.minutes)} 服务时长。` : `${a.duty.volunteerName} ${a.duty.slotLabel}没有来值班？`;
  return (
    <>
      <Text className="v-meta">{dayText(data.dates[0])} 到 {dayText(data.dates[6])}</Text>
      {error ? <Text className="v-error v-roster-error">{error}</Text> : null}
      {data.dates.map((date) => {
        const duties = data.duties.filter((d) => d.date === date);
        return (
          <View key={date} className="v-day">
            <Text className="v-day-title">
              {dayText(date)}
              {date === data.today ? <Text className="v-today">今天</Text> : null}
            </Text>
            {!duties.length ? <Text className="v-meta">没有排班</Text> : null}
            {duties.map((d) => (
              <View key={d.id} className="v-row v-duty">
                <View className="v-row-head">
                  <Text className="v-name">{d.slotLabel} · {d.volunteerName}</Text>
                  <Text className={`v-status ${d.status}`}>{d.statusLabel}</Text>
                </View>
                <Text className="v-meta">{d.roleLabel}{d.note ? ` · ${d.note}` : ''}</Text>
                {asking?.duty.id === d.id ? (
                  <InlineConfirm text={question(asking)} yes={asking.kind === 'remove' ? '确定取消' : asking.kind === 'done' ? '确定已值班' : '确定未到岗'} yesClass={`v-duty-${asking.kind}-yes`} primary={asking.kind === 'done'} busy={busy} onYes={act} onNo={() => setAsking(null)} />
                ) : d.status === 'planned' ? (
                  <View className="v-actions">
                    {d.date <= data.today ? <Button size="large" type="primary" className="v-duty-done" onClick={() => setAsking({ duty: d, kind: 'done' })}>已值班</Button> : null}
                    {d.date <= data.today ? <Button size="large" className="v-duty-missed" onClick={() => setAsking({ duty: d, kind: 'missed' })}>未到岗</Button> : null}
                    {admin ? <Button size="large" className="v-duty-remove" onClick={() => setAsking({ duty: d, kind: 'remove' })}>取消</Button> : null}
                  </View>
                ) : null}
              </View>
            ))}
          </View>
        );
      })}
      {admin ? <SetDuty dates={data.dates.filter((d) => d >= data.today)} today={data.today} members={members.filter((m) => m.active)} onSet={onChanged} /> : null}
    </>
  );
}

/** 排班: a day of the week (today on), a slot, a volunteer and one of their roles. */
function SetDuty({ dates, today, members, onSet }: { dates: string[]; today: string; members: TeamMember[]; onSet: () => void }) {
  const [date, setDate] = useState<string | null>(dates[0] ?? null);
  const [slot, setSlot] = useState<DutySlot | null>(null);
  const [who, setWho] = useState<TeamMember | null>(null);
  const [role, setRole] = useState<VolunteerRole | null>(null);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!dates.length) return null;
  const chosenDate = date && dates.includes(date) ? date : dates[0];
  const ask = () => {
    if (!slot) return setError('请选上午、下午还是晚上');
    if (!who) return setError('请选一位志愿者');
    if (!role) return setError('请选岗位');
    setError(null);
    setAsking(true);
  };
  const save = async () => {
    if (!slot || !who || !role || busy) return;
    setBusy(true);
    const r = await call('volunteers', 'setDuty', { residentId: who.residentId, date: chosenDate, slot, role });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    setWho(null);
    setRole(null);
    onSet();
  };
  return (
    <View className="v-set-duty">
      <Text className="v-label">排班</Text>
      {!members.length ? <Text className="v-meta">先招募志愿者，再排班</Text> : null}
      <Text className="v-meta">哪天</Text>
      <ChoiceButtons className="v-chips" itemClassName="v-chip v-duty-date" options={dates.map((d, i) => ({ value: d, label: i === 0 && d === today ? '今天' : (dayText(d).split(' ')[1] ?? d) }))} selected={chosenDate} onSelect={setDate} />
      <Text className="v-meta">哪个时段</Text>
      <ChoiceButtons className="v-chips" itemClassName="v-chip v-duty-slot" options={DUTY_SLOTS.map((s) => ({ value: s, label: DUTY_SLOT_LABELS[s] }))} selected={slot} onSelect={(s) => setSlot(s as DutySlot)} />
      <Text className="v-meta">谁值班</Text>
      <ChoiceButtons className="v-chips" itemClassName="v-chip v-duty-who" options={members.map((m) => ({ value: m.residentId, label: m.name }))} selected={who?.residentId ?? null} onSelect={(id) => { const m = members.find((x) => x.residentId === id) ?? null; setWho(m); setRole(m && m.roles.length === 1 ? m.roles[0] : null); }} />
      {who ? <ChoiceButtons className="v-chips" itemClassName="v-chip v-duty-role" options={who.roles.map((r) => ({ value: r, label: VOLUNTEER_ROLE_LABELS[r] }))} selected={role} onSelect={(r) => setRole(r as VolunteerRole)} /> : null}
      {error ? <Text className="v-error v-set-duty-error">{error}</Text> : null}
      {asking && who && slot && role ? (
        <InlineConfirm text={`${dayText(chosenDate)}${DUTY_SLOT_LABELS[slot]}，${who.name} 值班（${VOLUNTEER_ROLE_LABELS[role]}）？`} yes="确定排班" yesClass="v-set-duty-yes" primary busy={busy} onYes={save} onNo={() => setAsking(false)} />
      ) : (
        <View className="actions">
          <Button size="large" block className="v-set-duty-go" onClick={ask}>排班</Button>
        </View>
      )}
    </View>
  );
}

const MINUTE_CHOICES = [30, 60, 120, 180];

/** 记工时: a volunteer, minutes, today or yesterday, what they did. */
function AddHours({ members, onAdded }: { members: TeamMember[]; onAdded: () => void }) {
  const [who, setWho] = useState<string | null>(null);
  const [minutes, setMinutes] = useState<number | null>(null);
  const [day, setDay] = useState<'0' | '-1'>('0');
  const [note, setNote] = useState('');
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const requestId = useRef(newRequestId());
  if (!members.length) return null;
  const name = members.find((m) => m.residentId === who)?.name ?? '';
  const ask = () => {
    setDone(null);
    if (!who) return setError('请选一位志愿者');
    if (!minutes) return setError('请选服务了多长时间');
    if (note.trim().length < L.hoursNote.min) return setError(`请写一句做了什么（至少${L.hoursNote.min}个字）`);
    setError(null);
    setAsking(true);
  };
  const save = async () => {
    if (!who || !minutes || busy) return;
    setBusy(true);
    const r = await call('volunteers', 'addHours', { residentId: who, minutes, date: localDate(Number(day)), note: note.trim(), requestId: requestId.current });
    setBusy(false);
    setAsking(false);
    if (!r.ok) return setError(r.error.message);
    requestId.current = newRequestId();
    setDone(`已给 ${name} 记 ${minutesWords(r.data.minutes)}`);
    setWho(null);
    setMinutes(null);
    setNote('');
    onAdded();
  };
  return (
    <View className="card v-add-hours">
      <Text className="title">记工时</Text>
      {done ? <Text className="v-done v-hours-added" aria-live="polite">{done}</Text> : null}
      <Text className="v-meta">给谁记</Text>
      <ChoiceButtons className="v-chips" itemClassName="v-chip v-hours-who" options={members.map((m) => ({ value: m.residentId, label: m.name }))} selected={who} onSelect={setWho} />
      <Text className="v-meta">服务了多长时间</Text>
      <ChoiceButtons className="v-chips" itemClassName="v-chip v-hours-minutes" options={MINUTE_CHOICES.map((m) => ({ value: String(m), label: minutesWords(m) }))} selected={minutes ? String(minutes) : null} onSelect={(m) => setMinutes(Number(m))} />
      <Text className="v-meta">哪天</Text>
      <ChoiceButtons className="v-chips" itemClassName="v-chip v-hours-day" options={[{ value: '0', label: '今天' }, { value: '-1', label: '昨天' }]} selected={day} onSelect={(d) => setDay(d as '0' | '-1')} />
      <Input className="v-input v-hours-note" value={note} placeholder="做了什么，如 整理图书" maxlength={L.hoursNote.max} aria-label="做了什么" onInput={(e) => setNote(e.detail.value)} />
      {error ? <Text className="v-error v-hours-error">{error}</Text> : null}
      {asking && minutes ? (
        <InlineConfirm text={`给 ${name} 记 ${minutesWords(minutes)}（${day === '0' ? '今天' : '昨天'}）？`} yes="确定记上" yesClass="v-hours-yes" primary busy={busy} onYes={save} onNo={() => setAsking(false)} />
      ) : (
        <View className="actions">
          <Button size="large" block className="v-hours-go" onClick={ask}>记工时</Button>
        </View>
      )}
    </View>
  );
}
