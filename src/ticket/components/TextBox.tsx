/**
 * A labelled text area with a counter (已写 N 字，最多 M 字), and a one-line input: the ticket forms'
 * text fields, large in elder mode (app.css: ≥ 18 px, inputs included). `reader` (staff forms) says
 * under the label who will read what is typed ("反映人会看到这段话" / "只有工作人员能看到").
 */
import { View, Text, Textarea, Input } from '@tarojs/components';

/** Characters as a person counts them (an emoji or a rare character is one). */
export const charCount = (s: string): number => [...s.trim()].length;

export function TextBox(props: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; min?: number; max: number; className?: string; reader?: string }) {
  const { label, value, onChange, placeholder, min = 0, max, className, reader } = props;
  const n = charCount(value);
  const short = min > 0 && n > 0 && n < min;
  return (
    <View className={`ticket-field${className ? ` ${className}` : ''}`}>
      <Text className="field-label">{label}</Text>
      {reader ? <Text className="field-reader">{reader}</Text> : null}
      <Textarea className="ticket-textarea" value={value} maxlength={max} placeholder={placeholder} aria-label={label} onInput={(e) => onChange(e.detail.value)} />
      <Text className={`ticket-counter${short ? ' ticket-counter-short' : ''}`}>
        {short ? `已写 ${n} 字，至少写 ${min} 个字` : `已写 ${n} 字，最多 ${max} 字`}
      </Text>
    </View>
  );
}

export function LineBox(props: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; max: number; className?: string; reader?: string }) {
  const { label, value, onChange, placeholder, max, className, reader } = props;
  return (
    <View className={`ticket-field${className ? ` ${className}` : ''}`}>
      <Text className="field-label">{label}</Text>
      {reader ? <Text className="field-reader">{reader}</Text> : null}
      <Input className="ticket-input" value={value} maxlength={max} placeholder={placeholder} aria-label={label} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}
