/**
 * 是哪一类问题？ — the categories under their two headings (邻里纠纷, 社区问题) and 其他, as big
 * single-choice buttons (`ChoiceButtons`). Props: the chosen category (or null), `onSelect`, and the
 * class of the rows and buttons (each page sizes them its own way).
 */
import { View, Text } from '@tarojs/components';
import { ChoiceButtons } from '../../ui/ChoiceButtons';
import { CATEGORY_GROUPS, CATEGORY_LABELS, type TicketCategory } from '../api';
import '../ticket.css';

export function CategoryChoice(props: { selected: TicketCategory | null; onSelect: (c: TicketCategory) => void; className: string; itemClassName: string }) {
  return (
    <View className="category-groups">
      {CATEGORY_GROUPS.map((g) => (
        <View key={g.group} className="category-group">
          {g.group !== 'other' ? <Text className="group-label">{g.label}</Text> : null}
          <ChoiceButtons
            className={props.className}
            itemClassName={props.itemClassName}
            options={g.categories.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
            selected={props.selected}
            onSelect={(v) => props.onSelect(v as TicketCategory)}
          />
        </View>
      ))}
    </View>
  );
}
