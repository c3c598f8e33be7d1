import { ACCOUNT_LIMITS } from '../../../../cloudfunctions/account/limits';
/**
 * 人员和网格 (community admins): the people of the community — staff first, then residents — found
 * by name or address; tap one to give or remove a role. The grids are one tap away; every role
 * change of the community is under 看全部修改记录 (`RoleLog`).
 */
import { View, Text, Input } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button, Tag } from '../../../ui/nutui';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/PageState';
import { useRemote } from '../../../ui/useRemote';
import { useReloadOnReturn } from '../../../ui/useReloadOnReturn';
import { PeoplePage } from '../../components/PeoplePage';
import { RoleLog } from '../../components/RoleLog';
import { PEOPLE_URLS, type PersonView } from '../../people-api';
import { call } from '../../../services/call';

export default function PeopleListPage() {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const load = useCallback(() => call('account', 'people', query ? { query } : {}), [query]);
  const list = useRemote(load, [load]);
  useReloadOnReturn(list.reload);
  return (
    <PeoplePage className="console-people">
      <View className="card">
        <Text className="title">人员和网格</Text>
        <Text className="muted">点一个人，安排他做网格员或社区管理员，或者取消。每次修改都有记录。</Text>
        <View className="p-search">
          <Input className="p-input" value={typed} placeholder="姓名或住址，如 5号楼" maxlength={ACCOUNT_LIMITS.peopleQuery.max} aria-label="找人：姓名或住址" onInput={(e) => setTyped(e.detail.value)} onConfirm={() => setQuery(typed.trim())} />
          <Button size="large" className="p-search-button" onClick={() => setQuery(typed.trim())}>
            找人
          </Button>
        </View>
        <View className="actions">
          <Button size="large" block className="open-grids" onClick={() => Taro.navigateTo({ url: PEOPLE_URLS.grids })}>
            网格和楼栋
          </Button>
        </View>
      </View>
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <ErrorState message={list.error.message} code={list.error.code} onRetry={list.reload} /> : null}
      {list.state === 'ok' && list.data.people.length === 0 ? (
        <EmptyState text={query ? `没有找到“${query}”。可以换个写法，比如只写姓，或者写楼号。` : '社区里还没有登记的人。'} actionText={query ? '看全部' : undefined} onAction={query ? () => { setTyped(''); setQuery(''); } : undefined} />
      ) : null}
      {list.state === 'ok' ? <PeopleList people={list.data.people} /> : null}
      <RoleLog />
    </PeoplePage>
  );
}

function PeopleList({ people }: { people: PersonView[] }) {
  const staff = people.filter((p) => p.role !== 'resident');
  const residents = people.filter((p) => p.role === 'resident');
  return (
    <View>
      {staff.length ? <Text className="p-section">工作人员（{staff.length}）</Text> : null}
      {staff.map((p) => <PersonRow key={p.id} p={p} />)}
      {residents.length ? <Text className="p-section">居民（{residents.length}）</Text> : null}
      {residents.map((p) => <PersonRow key={p.id} p={p} />)}
    </View>
  );
}

function PersonRow({ p }: { p: PersonView }) {
  return (
    <View className="card tap-row person-row" data-person={p.name} onClick={() => Taro.navigateTo({ url: PEOPLE_URLS.person(p.id) })}>
      <View className="p-row-body">
        <View className="p-name-line">
          <Text className="subtitle">{p.name}</Text>
          <Tag type={p.role === 'communityAdmin' ? 'danger' : p.role === 'gridWorker' ? 'success' : 'default'}>{p.roleLabel}</Tag>
        </View>
        {p.gridCodes.length ? <Text className="muted">负责网格：{p.gridCodes.join('、')}</Text> : null}
        {p.address ? <Text className="muted">{p.address}</Text> : null}
      </View>
      <Text className="p-link">办理 ›</Text>
    </View>
  );
}
