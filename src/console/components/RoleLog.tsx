/**
 * 全部修改记录 (人员和网格, community admins): every logged role change of the community, newest
 * first (`account.roleLog`, at most 100) — who was made or unmade a grid worker or admin, by whom and
 * when, whether on a person's page or by editing a grid's workers. Folded until asked for, so the
 * people list stays first. A person's own changes are also on their page (`person`).
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../ui/nutui';
import { ErrorState, LoadingState } from '../../ui/PageState';
import { useRemote } from '../../ui/useRemote';
import { whenText } from '../../ticket/when';
import { roleLabel } from '../../../cloudfunctions/shared/vocabulary/roles';
import type { RoleChangeEntry } from '../people-api';
import { call } from '../../services/call';

const describe = (r: RoleChangeEntry['from']) => `${roleLabel(r.role)}${r.gridIds.length ? `（${r.gridIds.length} 个网格）` : ''}`;

function Entries() {
  const log = useRemote(() => call('account', 'roleLog'), []);
  if (log.state === 'loading') return <LoadingState />;
  if (log.state === 'error') return <ErrorState message={log.error.message} code={log.error.code} onRetry={log.reload} />;
  if (!log.data.length) return <Text className="p-line">还没有修改过谁的角色。</Text>;
  return (
    <View>
      {log.data.map((e) => (
        <View key={e._id} className="p-log">
          <Text className="p-line">
            {whenText(String(e.at))} {e.byName}
            {e.via === 'grid' ? '（改网格时）' : ''}
          </Text>
          <Text className="p-line">
            {e.userName}：{describe(e.from)} → {describe(e.to)}
          </Text>
        </View>
      ))}
    </View>
  );
}

export function RoleLog() {
  const [open, setOpen] = useState(false);
  return (
    <View className="card role-log-all">
      <Text className="subtitle">修改记录</Text>
      {open ? (
        <Entries />
      ) : (
        <View className="actions">
          <Button size="large" block className="open-role-log" onClick={() => setOpen(true)}>
            看全部修改记录
          </Button>
        </View>
      )}
    </View>
  );
}
