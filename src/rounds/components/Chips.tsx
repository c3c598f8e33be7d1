/**
 * Several choices among big buttons (走访内容, 关爱对象): each tap turns one on (green, ☑) or off.
 * Props: `options` ({ value, label }), `selected` (the values on), `onChange(values)` (in the
 * options' order), `className` (of the row, for tests).
 */
import { View } from '@tarojs/components';
import { Button } from '../../ui/nutui';

export function Chips<V extends string>({ options, selected, onChange, className = '' }: { options: { value: V; label: string }[]; selected: V[]; onChange: (v: V[]) => void; className?: string }) {
  const toggle = (v: V) => {
    const on = selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v];
    onChange(options.map((o) => o.value).filter((x) => on.includes(x)));
  };
  return (
    <View className={`r-chips ${className}`}>
      {options.map((o) => {
        const on = selected.includes(o.value);
        return (
          <Button key={o.value} className={`r-chip r-chip-${o.value}`} size="large" type={on ? 'success' : 'default'} aria-pressed={on} onClick={() => toggle(o.value)}>
            {on ? `☑ ${o.label}` : o.label}
          </Button>
        );
      })}
    </View>
  );
}
