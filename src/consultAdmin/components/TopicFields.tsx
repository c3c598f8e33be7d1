/**
 * The parts of the topic forms (新建议题 and 安排表决 of a seconded proposal): the decision rule with
 * 民法典 第二百七十八条's item and the rule in words under it (`ruleText`), and the three moments of a
 * topic — discussion from, voting from, voting until — each a China date and time
 * ({@link DateTimeField}). `periodInstants` turns them into instants and says what is wrong first
 * (the function's `CONSULT.PERIOD_INVALID` rule: discussion ≤ voting start < voting end, end in the future).
 */
import { Text, View } from '@tarojs/components';
import type { TopicRule } from '../../../cloudfunctions/shared/model';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { localDate } from '../../ui/time';
import { CIVIL_CODE_ITEMS, RULE_LABELS, chinaInstant, ruleText } from '../labels';
import { DateTimeField } from './DateTimeField';

const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

export interface RuleState {
  rule: TopicRule;
  item: number | null;
}

export function RuleField({ value, onChange, yesNo }: { value: RuleState; onChange: (v: RuleState) => void; yesNo: boolean }) {
  return (
    <View className="topic-rule">
      <Text className="field-label">怎么算通过</Text>
      <ChoiceButtons
        options={(['majority', 'civilCode'] as const).map((r) => ({ value: r, label: RULE_LABELS[r], disabled: r === 'civilCode' && !yesNo }))}
        selected={value.rule}
        onSelect={(v) => onChange({ rule: v as TopicRule, item: v === 'civilCode' ? value.item : null })}
        className="choice-grid rule-choices"
        itemClassName="choice choice-wide"
      />
      {value.rule === 'civilCode' ? (
        <>
          <Text className="field-label">是第二百七十八条第一款的第几项？</Text>
          <ChoiceButtons options={CIVIL_CODE_ITEMS.map((t, i) => ({ value: String(i + 1), label: `（${CN[i]}）${t}` }))} selected={value.item ? String(value.item) : null} onSelect={(v) => onChange({ rule: 'civilCode', item: Number(v) })} className="choice-grid civil-items" itemClassName="choice choice-wide" />
        </>
      ) : null}
      {!yesNo ? <Text className="muted ca-block">几个选项里选一个的议题，只能按简单多数算；民法典的表决只能是同意 / 不同意 / 弃权。</Text> : null}
      <Text className="ca-facts rule-text">{ruleText(value.rule, value.item ?? undefined)}</Text>
    </View>
  );
}

export interface Periods {
  discuss: { date: string; time: string };
  from: { date: string; time: string };
  until: { date: string; time: string };
}

/** Discussion from today, voting from in 3 days, until in 10 days at 20:00 (China). */
export function defaultPeriods(): Periods {
  return { discuss: { date: localDate(0), time: '08:00' }, from: { date: localDate(3), time: '08:00' }, until: { date: localDate(10), time: '20:00' } };
}

export function PeriodFields({ value, onChange }: { value: Periods; onChange: (v: Periods) => void }) {
  return (
    <View className="topic-periods">
      <Text className="muted ca-block">时间都是北京时间。</Text>
      <DateTimeField name="discuss" label="讨论开始" date={value.discuss.date} time={value.discuss.time} onChange={(discuss) => onChange({ ...value, discuss })} />
      <DateTimeField name="from" label="投票开始" date={value.from.date} time={value.from.time} onChange={(from) => onChange({ ...value, from })} />
      <DateTimeField name="until" label="投票截止" date={value.until.date} time={value.until.time} onChange={(until) => onChange({ ...value, until })} />
    </View>
  );
}

/** The three instants (ISO), or what to fix in words. `now`: epoch ms. */
export function periodInstants(p: Periods, now: number = Date.now()): { discussFrom: string; voteFrom: string; voteUntil: string } | string {
  const discussFrom = chinaInstant(p.discuss.date, p.discuss.time);
  const voteFrom = chinaInstant(p.from.date, p.from.time);
  const voteUntil = chinaInstant(p.until.date, p.until.time);
  if (!discussFrom || !voteFrom || !voteUntil) return '请选好讨论开始、投票开始和投票截止的日期和时间';
  if (discussFrom > voteFrom) return '讨论开始不能晚于投票开始';
  if (voteUntil <= voteFrom) return '投票截止要晚于投票开始';
  if (Date.parse(voteUntil) <= now) return '投票截止要晚于现在';
  return { discussFrom, voteFrom, voteUntil };
}
