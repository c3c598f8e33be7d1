/**
 * The way to 待我处理 (issue 21) from the desk's pages (我的工单, 疑难督办): one button with how many
 * decisions wait on the caller — extension requests (admins) and tickets to verify
 * (`ticket.pendingDecisions`). While loading or after an error it shows the button without a count
 * (the list page itself says what went wrong); reloaded when the page shows again.
 */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { call } from '../../services/call';
import { Button } from '../../ui/nutui';
import { useRemote } from '../../ui/useRemote';
import { useReloadOnReturn } from '../../ui/useReloadOnReturn';
import { TICKET_URLS } from '../../ticket/api';

export function DecisionsEntry() {
  const got = useRemote(() => call('ticket', 'pendingDecisions'));
  useReloadOnReturn(got.reload);
  const n = got.state === 'ok' ? got.data.extensions.length + got.data.toVerify.length : null;
  return (
    <View className="actions decisions-entry">
      <Button size="large" block type={n ? 'primary' : 'default'} className="to-decisions" onClick={() => Taro.navigateTo({ url: TICKET_URLS.decisions })}>
        {n === null ? '待我处理（延期申请、核查）' : `待我处理（${n}）`}
      </Button>
    </View>
  );
}
