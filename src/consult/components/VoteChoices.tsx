/**
 * A household's vote: the options as full-width large buttons (同意 / 不同意 / 弃权, 60 px and more in
 * elder mode), a tap asks inside the card — "确认：您家选 同意" ({@link InlineConfirm}, no pop-up) — and
 * the confirming tap casts it. For a civilCode topic the declaration "我是本户业主或受业主委托" must be
 * ticked first (a declaration, not proof: docs/consultation-design.md §2). Used by the resident's
 * topic page (`who` = 您家) and the counter's 代表决 (`who` = the resident's household).
 *
 * Props: `options` ({key, label}), `askOwner` (civilCode: show the tick), `who` (words for the
 * household in the question), `current` (the household's present choice, shown chosen; residents
 * only), `busy`, `onCast(choice, ownerDeclared)`; `castWords` (the confirm button, default 确认投票).
 */
import { View, Text } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../ui/nutui';
import { InlineConfirm } from '../../ui/InlineConfirm';
import { OWNER_DECLARATION } from '../api';

export function VoteChoices(props: { options: { key: string; label: string }[]; askOwner: boolean; who: string; current?: string | null; busy: boolean; onCast: (choice: string, ownerDeclared: boolean) => void; castWords?: string; ownerWords?: string }) {
  const { options, askOwner, who, current = null, busy, onCast, castWords = '确认投票', ownerWords = OWNER_DECLARATION } = props;
  const [picked, setPicked] = useState<string | null>(null);
  const [owner, setOwner] = useState(false);
  const [needOwner, setNeedOwner] = useState(false);
  const label = (key: string) => options.find((o) => o.key === key)?.label ?? key;
  const pick = (key: string) => {
    if (askOwner && !owner) {
      setNeedOwner(true);
      return;
    }
    setPicked(key);
  };
  return (
    <View className="vote-choices">
      {askOwner ? (
        <View className="actions owner-tick">
          <Button size="large" block type={owner ? 'success' : 'default'} className="owner-declare" onClick={() => {
            setOwner(!owner);
            setNeedOwner(false);
          }}>
            {owner ? `☑ ${ownerWords}` : `☐ ${ownerWords}`}
          </Button>
          {needOwner ? (
            <Text className="notice" aria-live="assertive">
              这件事要业主来定：请先点上面的“{ownerWords}”。
            </Text>
          ) : null}
        </View>
      ) : null}
      {picked ? (
        <InlineConfirm
          text={`确认：${who}选 ${label(picked)}`}
          yes={castWords}
          yesClass="vote-confirm"
          primary
          busy={busy}
          onYes={() => onCast(picked, askOwner && owner)}
          onNo={() => setPicked(null)}
        />
      ) : (
        <View className="vote-options" role="group" aria-label="表决选项">
          {options.map((o) => (
            <Button key={o.key} className={`vote-option vote-${o.key}`} size="large" block type={current === o.key ? 'success' : 'default'} onClick={() => pick(o.key)}>
              {current === o.key ? `☑ ${o.label}` : o.label}
            </Button>
          ))}
        </View>
      )}
    </View>
  );
}
