/**
 * 绑定家人 on the counter's resident page (issue 22 §5; staff): the family member shows the 6-digit
 * code from their own WeChat (家人代办 → 获取绑定码); staff type it, pick the relation (女儿, 儿子, 配偶,
 * 亲属), confirm the resident's spoken consent as the counter does elsewhere, and 绑定 (`account.linkFamily`).
 * Below, the resident's family links (`account.familyLinksOf`), each active one with 解除 — asked
 * inside the card first (`account.unlinkFamily`).
 */
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { ResidentCard } from '../../account/api';
import type { FamilyLinkView } from '../../../cloudfunctions/account/contract';
import { FAMILY_RELATIONS, FAMILY_RELATION_LABELS, type FamilyRelation } from '../../../cloudfunctions/shared/vocabulary/family';
import { call } from '../../services/call';
import type { CallError } from '../../services/cloud';
import { spokenConsentGiven } from '../../../cloudfunctions/shared/vocabulary/consent';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { InlineConfirm } from '../../ui/InlineConfirm';
import { Button } from '../../ui/nutui';
import { ErrorState } from '../../ui/PageState';
import { dayText } from '../../ui/time';
import { useClearOnLeave } from '../../ui/useClearOnLeave';
import { useRemote } from '../../ui/useRemote';

type Step = { state: 'idle' } | { state: 'sending' } | { state: 'failed'; error: CallError } | { state: 'done'; link: FamilyLinkView };

export function FamilyCard({ card }: { card: ResidentCard }) {
  const links = useRemote(() => call('account', 'familyLinksOf', { residentId: card.id }), [card.id]);
  const [code, setCode] = useState('');
  const [relation, setRelation] = useState<FamilyRelation | null>(null);
  const [consent, setConsent] = useState(false);
  const [step, setStep] = useState<Step>({ state: 'idle' });
  useClearOnLeave(() => setStep((s) => (s.state === 'failed' || s.state === 'done' ? { state: 'idle' } : s)));
  const edited = () => {
    if (step.state === 'failed' || step.state === 'done') setStep({ state: 'idle' });
  };
  const bind = async () => {
    if (step.state === 'sending') return;
    const typed = code.replace(/\s+/g, '');
    const problem = !/^[0-9]{6}$/.test(typed)
      ? '请输入家人手机上显示的 6 位数字绑定码'
      : !relation
        ? '请选一下家人和居民是什么关系'
        : !consent
          ? `请先问${card.name}是否同意让这位家人替他办事，同意后点上面的按钮确认`
          : null;
    if (problem) {
      setStep({ state: 'failed', error: { code: 'CLIENT.FORM', message: problem } });
      return;
    }
    setStep({ state: 'sending' });
    const r = await call('account', 'linkFamily', { code: typed, residentId: card.id, relation: relation!, consent: spokenConsentGiven() });
    if (!r.ok) {
      setStep({ state: 'failed', error: r.error });
      return;
    }
    setStep({ state: 'done', link: r.data });
    setCode('');
    setRelation(null);
    setConsent(false);
    links.reload();
  };
  return (
    <View className="card family-card">
      <Text className="subtitle">绑定家人</Text>
      <Text className="muted">子女或亲属用自己的微信打开解忧铺 → 家人代办 → 获取绑定码，把 6 位数字给您看。绑定后，家人能替{card.name}预约、反映问题、看消息，不能替他投票。</Text>
      <Text className="field-label">家人手机上的绑定码（6 位数字）</Text>
      <Input
        className="counter-input family-code-input"
        type="number"
        value={code}
        maxlength={8}
        placeholder="例如：480913"
        aria-label="家人的绑定码"
        onInput={(e) => {
          setCode(e.detail.value);
          edited();
        }}
      />
      <Text className="field-label">家人是{card.name}的</Text>
      <ChoiceButtons
        className="family-relations"
        itemClassName="family-relation"
        options={FAMILY_RELATIONS.map((r) => ({ value: r, label: FAMILY_RELATION_LABELS[r] }))}
        selected={relation}
        onSelect={(v) => {
          setRelation(v as FamilyRelation);
          edited();
        }}
      />
      <View className="actions consent">
        <Button
          className="wrap-button family-consent"
          size="large"
          block
          type={consent ? 'success' : 'default'}
          onClick={() => {
            setConsent(!consent);
            edited();
          }}
        >
          {consent ? `☑ ${card.name}已口头同意让这位家人替他办事` : `☐ 已问过${card.name}，他同意让这位家人替他办事`}
        </Button>
      </View>
      {step.state === 'failed' ? (
        <Text className="notice" aria-live="assertive">
          {step.error.message}
        </Text>
      ) : null}
      {step.state === 'done' ? (
        <Text className="notice-ok family-linked" aria-live="polite">
          已绑定：{step.link.actorName}。现在可以用自己的微信替{card.name}办事了。
        </Text>
      ) : null}
      <View className="actions">
        <Button type="primary" size="large" block className="family-bind" loading={step.state === 'sending'} disabled={step.state === 'sending'} onClick={bind}>
          绑定家人
        </Button>
      </View>
      {links.state === 'error' ? <ErrorState message={links.error.message} code={links.error.code} onRetry={links.reload} /> : null}
      {links.state === 'ok' && links.data.length ? (
        <View className="family-links">
          <Text className="field-label">已绑定的家人</Text>
          {links.data.map((l) => (
            <LinkRow key={l.id} link={l} elderName={card.name} onChanged={links.reload} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

/** One link: who, how related, who linked it and when; 解除 (asked first) for an active one. */
function LinkRow({ link, elderName, onChanged }: { link: FamilyLinkView; elderName: string; onChanged: () => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CallError | null>(null);
  const unlink = async () => {
    setBusy(true);
    const r = await call('account', 'unlinkFamily', { linkId: link.id });
    setBusy(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setAsking(false);
    onChanged();
  };
  return (
    <View className="family-link-row" data-link={link.id}>
      <Text className="confirm-line">
        {link.memberName}（{link.relationLabel}）{link.status === 'active' ? '' : ' · 已解除'}
      </Text>
      <Text className="muted">
        {link.linkedByName} 绑定于 {dayText(link.at)}
      </Text>
      {error ? (
        <Text className="notice" aria-live="assertive">
          {error.message}
        </Text>
      ) : null}
      {link.status === 'active' && !asking ? (
        <View className="actions">
          <Button size="large" block className="family-unlink" onClick={() => setAsking(true)}>
            解除
          </Button>
        </View>
      ) : null}
      {link.status === 'active' && asking ? (
        <InlineConfirm
          text={`解除以后，${link.memberName}不能再替${elderName}办事。确定解除吗？`}
          yes="确定解除"
          yesClass="family-unlink-yes"
          busy={busy}
          onYes={unlink}
          onNo={() => setAsking(false)}
        />
      ) : null}
    </View>
  );
}
