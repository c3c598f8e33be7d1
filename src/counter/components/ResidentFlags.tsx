/**
 * What staff must see before serving a resident: whether the resident's identity has been verified
 * (已核实 / 未核实) and whether another record has the same name and address (a possible double
 * registration or impersonation, never served as one without checking).
 */
import { View, Text } from '@tarojs/components';
import type { DuplicateRef } from '../../account/api';
import { Tag } from '../../ui/nutui';

export const DUPLICATE_WARNING = '有同名同址的记录，请核对后再办理';

/** The 已核实 / 未核实 tag. */
export function VerifiedTag({ verified }: { verified: boolean }) {
  return (
    <Tag className="verified-tag" type={verified ? 'success' : 'warning'}>
      {verified ? '已核实' : '未核实'}
    </Tag>
  );
}

/** The duplicate warning, with the other records when `list` (each tappable when `onOpen`). */
export function DuplicateWarning({ duplicates, list = false, onOpen }: { duplicates: DuplicateRef[]; list?: boolean; onOpen?: (id: string) => void }) {
  if (!duplicates.length) return null;
  return (
    <View className="dup-warning" role="alert">
      <Text className="dup-warning-text">⚠ {DUPLICATE_WARNING}</Text>
      {list
        ? duplicates.map((d) => (
            <View key={d.id} className={`dup-row${onOpen ? ' tap-row' : ''}`} onClick={onOpen ? () => onOpen(d.id) : undefined}>
              <Text className="dup-row-text">
                {d.name} · {d.address} · {d.verified ? '已核实' : '未核实'}
              </Text>
              {onOpen ? <Text className="counter-link">打开 ›</Text> : null}
            </View>
          ))
        : null}
    </View>
  );
}
