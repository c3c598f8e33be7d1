/**
 * A date and a clock time in China time, picked with the system's own pickers (`Picker` mode date and
 * time: WeChat's wheel, no pop-up of the app's), shown as `12月11日 周五` and `14:00`, with one-tap
 * days (今天 / 明天 / 一周后) beside them. Props: `label`, `date` (`YYYY-MM-DD`), `time` (`HH:mm`),
 * `onChange({date, time})`, `name` (a class for tests: `dt-<name>`).
 */
import { Picker, Text, View } from '@tarojs/components';
import { Button } from '../../ui/nutui';
import { dayText, localDate } from '../../ui/time';

export function DateTimeField({ label, date, time, onChange, name }: { label: string; date: string; time: string; onChange: (v: { date: string; time: string }) => void; name: string }) {
  return (
    <View className={`ca-datetime dt-${name}`}>
      <Text className="field-label">{label}</Text>
      <View className="ca-datetime-row">
        <Picker mode="date" value={date} onChange={(e) => onChange({ date: String(e.detail.value), time })}>
          <View className="v-input ca-picker ca-date" role="button" aria-label={`${label}的日期`}>
            <Text>{date ? dayText(date) : '选日期'}</Text>
          </View>
        </Picker>
        <Picker mode="time" value={time} onChange={(e) => onChange({ date, time: String(e.detail.value) })}>
          <View className="v-input ca-picker ca-time" role="button" aria-label={`${label}的时间`}>
            <Text>{time || '选时间'}</Text>
          </View>
        </Picker>
      </View>
      <View className="ca-quick">
        {[
          { t: '今天', d: 0 },
          { t: '明天', d: 1 },
          { t: '一周后', d: 7 },
        ].map((q) => (
          <Button key={q.t} size="small" className={`ca-quick-day ca-quick-${q.d}`} onClick={() => onChange({ date: localDate(q.d), time })}>
            {q.t}
          </Button>
        ))}
      </View>
    </View>
  );
}
