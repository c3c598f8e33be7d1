/**
 * What a vendor sells, as big chips: tap a chip to take it away (✕), type a name and 添加 to add
 * one (at most 10, each at most 10 characters, no repeats).
 */
import { View, Text, Input } from '@tarojs/components';
import { useState } from 'react';
import { STALL_LIMITS } from '../../../cloudfunctions/stall/limits';
import { Button } from '../../ui/nutui';

/** At most this many goods, each at most `GOOD_MAX` characters (the `register` and `updateGoods` schemas' limits). */
export const MAX_GOODS = STALL_LIMITS.goods.max;
const GOOD_MAX = STALL_LIMITS.good.max;

export function GoodsEditor({ goods, onChange }: { goods: string[]; onChange: (goods: string[]) => void }) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState('');
  const add = () => {
    const g = draft.trim().replace(/\s+/g, '');
    if (!g) return setProblem('请先写上菜名，比如：大葱');
    if ([...g].length > GOOD_MAX) return setProblem(`名字太长了，最多 ${GOOD_MAX} 个字`);
    if (goods.includes(g)) return setProblem(`已经有“${g}”了`);
    if (goods.length >= MAX_GOODS) return setProblem(`最多写 ${MAX_GOODS} 样`);
    setProblem('');
    setDraft('');
    onChange([...goods, g]);
  };
  return (
    <View className="goods-editor">
      {goods.length ? (
        <View className="chip-row goods-chips">
          {goods.map((g) => (
            <Button key={g} className="chip goods-chip" size="large" aria-label={`去掉${g}`} onClick={() => onChange(goods.filter((x) => x !== g))}>
              {`${g} ✕`}
            </Button>
          ))}
        </View>
      ) : (
        <Text className="muted">还没有写卖什么。</Text>
      )}
      {goods.length ? <Text className="muted goods-hint">点一下可以去掉</Text> : null}
      <View className="goods-add">
        <Input
          className="v-input goods-input"
          value={draft}
          placeholder="比如：大葱"
          maxlength={GOOD_MAX}
          confirmType="done"
          aria-label="要添加的货品"
          onInput={(e) => {
            setDraft(e.detail.value);
            setProblem('');
          }}
          onConfirm={add}
        />
        <Button size="large" className="goods-add-button" onClick={add}>
          添加
        </Button>
      </View>
      {problem ? (
        <Text className="v-notice" aria-live="assertive">
          {problem}
        </Text>
      ) : null}
    </View>
  );
}
