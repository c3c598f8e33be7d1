/**
 * Small helpers the bench sections share: a markdown table printer and percentiles. A section
 * prints `## title`, then a table; add a section as a function in its own file under bench/ and
 * call it from bench.ts.
 */

/** Prints a markdown table: `head` names the columns; a column whose name starts with `>` is right-aligned (the `>` is dropped). */
export function printTable(title: string, head: string[], rows: (string | number)[][], note?: string): void {
  console.log(`\n## ${title}\n`);
  console.log(`| ${head.map((h) => h.replace(/^>/, '')).join(' | ')} |`);
  console.log(`|${head.map((h) => (h.startsWith('>') ? '---:' : '---')).join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  if (note) console.log(`\n${note}`);
}

/** The p-th percentile (0–100) of `sorted` (ascending), NaN for none. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Milliseconds with one decimal, '–' for NaN. */
export const ms = (n: number): string => (Number.isFinite(n) ? n.toFixed(1) : '–');
