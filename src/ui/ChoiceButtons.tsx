/**
 * A single choice among big buttons (小区, 楼栋, 问题类别, 地点…): the chosen one is green with a ☑,
 * tapping one chooses it. Elder mode sizes come from app.css (≥ 60 px targets, dark green ≥ 4.5:1).
 * Props: `options` ({ value, label }), `selected` (a value or null), `onSelect(value)`, the class of
 * the row (`className`) and of each button (`itemClassName`). An option with `disabled` is shown
 * greyed with its label (which should say why, e.g. "3号 已有摊主：马师傅") and cannot be chosen.
 */
import { View } from '@tarojs/components';
import { Button } from './nutui';

export interface ChoiceOption {
  value: string;
  label: string;
  /** shown, not choosable (its label says why) */
  disabled?: boolean;
}

export function ChoiceButtons(props: { options: ChoiceOption[]; selected: string | null; onSelect: (value: string) => void; className: string; itemClassName: string }) {
  const { options, selected, onSelect, className, itemClassName } = props;
  return (
    <View className={className}>
      {options.map((o) => (
        <Button
          key={o.value}
          className={o.disabled ? `${itemClassName} choice-taken` : itemClassName}
          size="large"
          type={selected === o.value ? 'success' : 'default'}
          disabled={o.disabled}
          onClick={() => (o.disabled ? undefined : onSelect(o.value))}
        >
          {selected === o.value ? `☑ ${o.label}` : o.label}
        </Button>
      ))}
    </View>
  );
}
