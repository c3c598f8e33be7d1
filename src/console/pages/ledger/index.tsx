/**
 * 台账 (community admins): download the ledger of a period — 诉求台账 (every ticket reported in it,
 * with its handling steps), 集市台账 (every booking and stall), or (issue 20) 会议台账, 议题台账
 * (counts per channel and result, no household) and 意见台账, or (issue 21) 走访台账 (every home
 * visit: room, date, worker, topics, problems found; never a care tag or a phone), or (issue 22) 便民服务台账
 * (five sheets: 代收快递, 代缴代办, 转介评价, 活动签到, 志愿服务时长) — as an Excel table (.xlsx) or CSV,
 * made by `console.exportLedger`. In the mini-program the file opens in WeChat's document viewer
 * (from there: send it on, or open it in WPS); in the browser a link downloads it.
 */
import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { Page } from '../../../ui/Page';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { Button } from '../../../ui/nutui';
import type { CallError } from '../../../services/cloud';
import { openLedger, periodChoices, periodSentence, type LedgerFile } from '../../stats-api';
import { call } from '../../../services/call';
import '../../stats.css';

const KINDS = [
  { value: 'tickets', label: '诉求台账（每件诉求和处理经过）' },
  { value: 'market', label: '集市台账（预约和摊位）' },
  { value: 'meetings', label: '会议台账（每次会议、参会人员和纪要）' },
  { value: 'topics', label: '议题台账（每个议题各渠道户数和结果）' },
  { value: 'opinions', label: '意见台账（每条意见建议和办理结果）' },
  { value: 'visits', label: '走访台账（每次入户走访和发现的问题）' },
  { value: 'everyday', label: '便民服务台账（代收快递、代缴代办、转介评价、活动签到、志愿服务时长）' },
];
type Kind = LedgerFile['kind'];
const FORMATS = [
  { value: 'xlsx', label: 'Excel 表格（.xlsx）' },
  { value: 'csv', label: 'CSV 表格（.csv）' },
];

export default function LedgerPage() {
  const choices = useMemo(() => periodChoices(), []);
  const [chosen, setChosen] = useState('month');
  const [kind, setKind] = useState<Kind>('tickets');
  const [format, setFormat] = useState<'csv' | 'xlsx'>('xlsx');
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState<LedgerFile | null>(null);
  const [error, setError] = useState<CallError | null>(null);
  const period = choices.find((c) => c.value === chosen) ?? choices[0];
  const reset = () => {
    setFile(null);
    setError(null);
  };

  const download = async () => {
    setBusy(true);
    reset();
    const r = await call('console', 'exportLedger', { from: period.from, to: period.to, format, kind });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setFile(r.data);
    try {
      await openLedger(r.data);
    } catch {
      setError({ code: 'CLIENT.OPEN_FAILED', message: '文件已经做好了，但是打不开，请稍后再试' });
    }
  };

  return (
    <Page className="console-page">
      <Text className="title">下载台账</Text>
      <View className="card">
        <Text className="field-label">哪段时间</Text>
        <ChoiceButtons options={choices} selected={chosen} onSelect={(v) => (setChosen(v), reset())} className="choice-grid" itemClassName="choice" />
        <Text className="muted console-period">{periodSentence(period)}</Text>
        <Text className="field-label">哪一本</Text>
        <ChoiceButtons options={KINDS} selected={kind} onSelect={(v) => (setKind(v as Kind), reset())} className="choice-list" itemClassName="choice" />
        <Text className="field-label">什么格式</Text>
        <ChoiceButtons options={FORMATS} selected={format} onSelect={(v) => (setFormat(v as 'csv' | 'xlsx'), reset())} className="choice-list" itemClassName="choice" />
        <View className="actions">
          <Button size="large" type="primary" block loading={busy} disabled={busy} onClick={() => void download()}>
            {busy ? '正在生成…' : '下载台账'}
          </Button>
        </View>
      </View>
      {error ? (
        <View className="card" role="alert">
          <Text className="console-line">{error.code === 'COMMON.FORBIDDEN' ? '台账只有社区管理员可以下载。' : error.message}</Text>
        </View>
      ) : null}
      {file ? (
        <View className="card console-ledger-ready">
          <Text className="subtitle">台账做好了：共 {file.rows} 条记录</Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Text className="console-line">已经在微信里打开；可以点右上角发给别人，或用 WPS 打开。</Text>
          ) : (
            <a className="console-link" href={file.tempFileURL} download={file.fileName} target="_blank" rel="noreferrer">
              点这里下载：{file.fileName}
            </a>
          )}
          <Text className="muted">下载链接 10 分钟内有效，过期了再点一次“下载台账”。</Text>
        </View>
      ) : null}
    </Page>
  );
}
