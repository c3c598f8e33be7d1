/**
 * 发布公告 (community admins): kind (公告 / 政策宣传), title, text, who sees it (全社区 / 一个小区 /
 * 一栋楼, from the community's estates that `notices.list` answers), 置顶, until when (不设 or a date,
 * today to a year ahead), then 预览 (the notice as residents will read it) and 确认发布
 * (`notices.publish`, one requestId per form: a retry publishes once). Then 去公告管理.
 */
import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import { call } from '../../../services/call';
import { ChoiceButtons } from '../../../ui/ChoiceButtons';
import { InlineConfirm } from '../../../ui/InlineConfirm';
import { Button } from '../../../ui/nutui';
import { LoadingState } from '../../../ui/PageState';
import { localDate } from '../../../ui/time';
import { useRemote } from '../../../ui/useRemote';
import { NOTICES_LIMITS as L } from '../../../../cloudfunctions/notices/limits';
import { NOTICE_AUDIENCE_LABELS, NOTICE_KINDS, NOTICE_KIND_LABELS } from '../../../../cloudfunctions/shared/vocabulary/notices';
import { localDateWords, NOTICES_URLS, type AudienceChoice, type NoticeAudience, type NoticeKind, type StaffNoticeView } from '../../api';
import { NoticesError, NoticesPage } from '../../components/NoticesPage';

const chars = (s: string) => [...s.trim()].length;
const newRequestId = () => `np-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

export default function PublishPage() {
  const list = useRemote(() => call('notices', 'list'));
  return (
    <NoticesPage className="notices-publish">
      {list.state === 'loading' ? <LoadingState /> : null}
      {list.state === 'error' ? <NoticesError error={list.error} onRetry={list.reload} /> : null}
      {list.state === 'ok' ? <PublishForm estates={list.data.estates} /> : null}
    </NoticesPage>
  );
}

type Who = 'community' | 'estate' | 'building';
type Step = { s: 'edit' } | { s: 'preview' } | { s: 'sending' } | { s: 'done'; notice: StaffNoticeView };

function PublishForm({ estates }: { estates: AudienceChoice[] }) {
  const [kind, setKind] = useState<NoticeKind>('notice');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [who, setWho] = useState<Who>('community');
  const [estateId, setEstateId] = useState<string | null>(estates.length === 1 ? estates[0].estateId : null);
  const [building, setBuilding] = useState<string | null>(null);
  const [pinned, setPinned] = useState(false);
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({ s: 'edit' });
  const [error, setError] = useState<string | null>(null);
  const [requestId, setRequestId] = useState(newRequestId);
  const estate = estates.find((e) => e.estateId === estateId) ?? null;
  const today = localDate(0);
  const audience = useMemo((): NoticeAudience | null => {
    if (who === 'community') return { kind: 'community' };
    if (!estateId) return null;
    if (who === 'estate') return { kind: 'estate', estateId };
    return building ? { kind: 'building', estateId, building } : null;
  }, [who, estateId, building]);
  const audienceWords = who === 'community' ? '全社区' : `${estate?.name ?? ''}${who === 'building' ? building ?? '' : ''}`;
  const edit = () => {
    setError(null);
    if (step.s === 'preview') setStep({ s: 'edit' });
    setRequestId(newRequestId());
  };

  const preview = () => {
    if (chars(title) < L.title.min) return setError(`请写标题（至少 ${L.title.min} 个字）`);
    if (chars(body) < L.body.min) return setError(`请写公告内容（至少 ${L.body.min} 个字）`);
    if (!audience) return setError(who === 'estate' ? '请选择哪个小区' : '请选择哪个小区、哪栋楼');
    setError(null);
    setStep({ s: 'preview' });
  };
  const send = async () => {
    if (!audience || step.s === 'sending') return;
    setStep({ s: 'sending' });
    const r = await call('notices', 'publish', { kind, title, body, audience, pinned, expiresOn, requestId });
    if (!r.ok) {
      setError(r.error.message);
      setStep({ s: 'preview' });
      return;
    }
    setStep({ s: 'done', notice: r.data });
  };

  if (step.s === 'done') {
    return (
      <View className="card n-done">
        <Text className="notice-ok publish-done" aria-live="polite">
          已发布：{step.notice.title}（给{step.notice.audienceLabel}{step.notice.pinned ? '，置顶' : ''}）
        </Text>
        <View className="actions">
          <Button type="primary" size="large" block className="open-manage" onClick={() => Taro.redirectTo({ url: NOTICES_URLS.manage })}>
            去公告管理看已读人数
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="card n-form">
      <Text className="title">发布公告</Text>
      <Text className="field-label">是什么</Text>
      <ChoiceButtons className="choice-grid publish-kind" itemClassName="choice" options={NOTICE_KINDS.map((k) => ({ value: k, label: NOTICE_KIND_LABELS[k] }))} selected={kind} onSelect={(k) => { setKind(k as NoticeKind); edit(); }} />

      <Text className="field-label">标题</Text>
      <Input className="v-input publish-title" value={title} maxlength={L.title.max} placeholder="例如：3号楼停水通知" aria-label="公告标题" onInput={(e) => { setTitle(e.detail.value); edit(); }} />

      <Text className="field-label">内容</Text>
      <View className="n-textarea">
        <Textarea className="publish-body" value={body} maxlength={L.body.max} autoHeight placeholder="写清楚什么事、什么时间、要大家做什么" aria-label="公告内容" onInput={(e) => { setBody(e.detail.value); edit(); }} />
      </View>
      <Text className="n-count">
        {chars(body)}/{L.body.max}
      </Text>

      <Text className="field-label">谁能看到</Text>
      <ChoiceButtons className="choice-grid publish-who" itemClassName="choice" options={(['community', 'estate', 'building'] as Who[]).map((w) => ({ value: w, label: NOTICE_AUDIENCE_LABELS[w] }))} selected={who} onSelect={(w) => { setWho(w as Who); setBuilding(null); edit(); }} />
      {who !== 'community' ? (
        <View>
          <Text className="field-label">哪个小区</Text>
          <ChoiceButtons className="choice-grid publish-estate" itemClassName="choice" options={estates.map((e) => ({ value: e.estateId, label: e.name }))} selected={estateId} onSelect={(id) => { setEstateId(id); setBuilding(null); edit(); }} />
        </View>
      ) : null}
      {who === 'building' && estate ? (
        <View>
          <Text className="field-label">哪栋楼</Text>
          <ChoiceButtons className="choice-grid publish-building" itemClassName="choice" options={estate.buildings.map((b) => ({ value: b, label: b }))} selected={building} onSelect={(b) => { setBuilding(b); edit(); }} />
        </View>
      ) : null}

      <Text className="field-label">要不要置顶</Text>
      <ChoiceButtons className="choice-grid publish-pinned" itemClassName="choice" options={[{ value: 'yes', label: '置顶' }, { value: 'no', label: '不置顶' }]} selected={pinned ? 'yes' : 'no'} onSelect={(v) => { setPinned(v === 'yes'); edit(); }} />

      <Text className="field-label">显示到哪天</Text>
      <ChoiceButtons className="choice-grid publish-expires" itemClassName="choice" options={[{ value: 'none', label: '一直显示' }, { value: 'date', label: '到某天为止' }]} selected={expiresOn ? 'date' : 'none'} onSelect={(v) => { setExpiresOn(v === 'date' ? localDate(7) : null); edit(); }} />
      {expiresOn ? (
        <Picker mode="date" value={expiresOn} start={today} end={localDate(L.expiresMaxDays)} onChange={(e) => { setExpiresOn(String(e.detail.value)); edit(); }}>
          <View className="v-input publish-expires-date" role="button">
            <Text>显示到 {localDateWords(expiresOn)}（点这里改日期）</Text>
          </View>
        </Picker>
      ) : null}

      {error ? (
        <Text className="v-notice publish-error" aria-live="assertive">
          {error}
        </Text>
      ) : null}

      {step.s === 'edit' ? (
        <View className="actions">
          <Button type="primary" size="large" block className="publish-preview" onClick={preview}>
            预览
          </Button>
        </View>
      ) : (
        <View className="n-preview">
          <Text className="n-section">居民看到的样子</Text>
          <View className="card n-article">
            <View className="n-meta">
              {pinned ? <Text className="n-badge n-badge-pin">置顶</Text> : null}
              <Text className={`n-badge n-kind-${kind}`}>{NOTICE_KIND_LABELS[kind]}</Text>
            </View>
            <Text className="n-article-title">{title.trim()}</Text>
            <Text className="n-body">{body.trim()}</Text>
          </View>
          <InlineConfirm
            text={`发给${audienceWords}的居民${pinned ? '，置顶' : ''}，${expiresOn ? `显示到${localDateWords(expiresOn)}` : '一直显示到撤下'}。确认发布吗？`}
            yes="确认发布"
            yesClass="publish-confirm"
            primary
            busy={step.s === 'sending'}
            onYes={send}
            onNo={() => setStep({ s: 'edit' })}
            no="再改改"
          />
        </View>
      )}
    </View>
  );
}
