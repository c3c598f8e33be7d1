/**
 * What a service says about itself (issue 17: "两把椅子" stayed after the admin set 3 places).
 * A description is free text an admin typed once; how many places a slot has and how long it is
 * change in the settings. So the places are never taken from the text: clauses of a description
 * that state them ("两把椅子", "每档 3 人", "每 20 分钟一档") are dropped, and the line the resident
 * reads about places is composed from the slots themselves ({@link capacityText}). Pure rules.
 */

/** Chinese or Arabic numerals, as people write counts (两, 3, 十二). */
const NUM = '(?:\\d+|[一二两三四五六七八九十百]+)';
/** A clause stating a capacity or a slot length. */
const CAPACITY_CLAUSES = [
  new RegExp(`^${NUM}\\s*(?:把|张|个|位|名)?\\s*(?:椅子|座位|位子|名额|位置|师傅)$`),
  new RegExp(`^每\\s*(?:档|个时段|个时间段|场|次)\\s*(?:限|可约|能约)?\\s*${NUM}\\s*(?:人|位|个人|名)?$`),
  new RegExp(`^(?:每档)?(?:限|可约|能约)\\s*${NUM}\\s*(?:人|位|名)$`),
  new RegExp(`^每\\s*${NUM}\\s*分钟\\s*一\\s*(?:档|个时段|位)$`),
  new RegExp(`^名额\\s*${NUM}\\s*(?:人|位|个|名)?$`),
];

/**
 * `description` without the clauses that state places or slot length (clauses are split at
 * ，,；;。 and rejoined with ，). Input: the admin's text (0–60 characters). Output: the rest,
 * trimmed ('' when nothing is left).
 */
export function withoutCapacityClauses(description: string): string {
  const clauses = description
    .split(/[，,；;。]/)
    .map((c) => c.trim())
    .filter(Boolean);
  return clauses.filter((c) => !CAPACITY_CLAUSES.some((re) => re.test(c.replace(/\s+/g, '')))).join('，');
}

/**
 * The line about places a service card shows, from its slots: `每 20 分钟一档，每档 3 位` for timed
 * slots, `排队取号，共 30 个号` for a queue, '' when there is no slot (a walk-in service, or a day
 * without slots). With different capacities on a day (an admin raised them after some days were
 * made) the line uses the most common one and says `多数时段`. Input: the service's slots on a day
 * (instants as Date or ISO strings). Output: the Chinese line.
 */
export function capacityText(slots: { mode: 'slots' | 'queue'; capacity: number; startAt: Date | string; endAt: Date | string }[]): string {
  if (slots.length === 0) return '';
  if (slots[0].mode === 'queue') return `排队取号，共 ${slots.reduce((n, s) => n + s.capacity, 0)} 个号`;
  const minutes = Math.round((new Date(slots[0].endAt).getTime() - new Date(slots[0].startAt).getTime()) / 60_000);
  const counts = new Map<number, number>();
  for (const s of slots) counts.set(s.capacity, (counts.get(s.capacity) ?? 0) + 1);
  const [common] = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0];
  return `每 ${minutes} 分钟一档，${counts.size > 1 ? '多数时段' : ''}每档 ${common} 位`;
}
