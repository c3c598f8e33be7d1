/**
 * A count with big − and + buttons (attendance at a meeting: tapped with one thumb while people come
 * in), and the number typed directly when many came. Props: `label`, `value`, `onChange(n)`, `max`,
 * `name` (a class for tests: `step-<name>`). Never below 0 or above `max`.
 */
import { Input, Text, View } from '@tarojs/components';
import { Button } from '../../ui/nutui';

export function Stepper({ label, value, onChange, max, name }: { label: string; value: number; onChange: (n: number) => void; max: number; name: string }) {
  const set = (n: number) => onChange(Math.max(0, Math.min(max, Number.isFinite(n) ? Math.floor(n) : 0)));
  return (
    <View className={`ca-stepper step-${name}`}>
      <Text className="ca-stepper-label">{label}</Text>
      <View className="ca-stepper-row">
        <Button className="ca-step-minus" aria-label={`${label}减一`} disabled={value <= 0} onClick={() => set(value - 1)}>
          −
        </Button>
        <Input className="v-input ca-step-value" type="number" value={String(value)} aria-label={`${label}人数`} maxlength={String(max).length} onInput={(e) => set(Number(e.detail.value || 0))} />
        <Button className="ca-step-plus" aria-label={`${label}加一`} disabled={value >= max} onClick={() => set(value + 1)}>
          +
        </Button>
      </View>
    </View>
  );
}
