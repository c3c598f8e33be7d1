/**
 * 留个电话（可以不留） on the reporter's own problem page, after 提交 (issue 17: the report form ended
 * with two strong buttons, the phone button above 提交; one primary action per screen). Shown only to
 * the reporter (`relation: 'mine'`) of a problem still being handled (`pending`, `inProgress`) who has
 * no phone on record (`account.me` → `user.phoneMasked: null`): the purpose and who sees it, and
 * WeChat's phone-number button (`PhoneButton` → `account.bindPhone`, a secondary button). Once shared
 * it shows the number masked (网格员需要时会打您的电话：138****7766); the grid worker reads it from the
 * reporter's record on the ticket (cloudfunctions/ticket/index.ts). Nothing is shown while loading or
 * when `me` fails: the card is optional and never blocks the page. Nothing either while a family member
 * acts for the elder (家人代办): `me` and the phone bound would be the member's, not the reporter's.
 */
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PhoneButton } from '../../account/PhoneButton';
import { useRemote } from '../../ui/useRemote';
import type { ResidentTicketView } from '../api';
import { call } from '../../services/call';
import { useProxyWords } from '../../services/family';

/** Why the phone is asked for, and who sees it (the ticket's staff view: contract.ts). */
export const PHONE_PURPOSE = '网格员处理时可能要打电话问情况；只有处理这件事的网格员和社区能看到。';

export function ReporterPhoneCard({ t }: { t: Pick<ResidentTicketView, 'relation' | 'status'> }) {
  const asks = t.relation === 'mine' && (t.status === 'pending' || t.status === 'inProgress');
  const me = useRemote(() => call('account', 'me'));
  const [shared, setShared] = useState<string | null>(null);
  const proxy = useProxyWords().elder !== null;
  if (!asks || proxy) return null;
  if (shared) {
    return (
      <View className="card phone-card phone-shared">
        <Text className="ticket-hint phone-on-record">网格员需要时会打您的电话：{shared}</Text>
      </View>
    );
  }
  if (me.state !== 'ok' || !me.data.registered || me.data.user.phoneMasked) return null;
  return (
    <View className="card phone-card">
      <Text className="subtitle">留个电话（可以不留）</Text>
      <PhoneButton purpose={PHONE_PURPOSE} onBound={(p) => setShared(p.phoneMasked)} />
    </View>
  );
}
