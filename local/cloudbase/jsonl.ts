/**
 * Append-only JSON-lines files for the emulator's small records (subscribe messages and grants in
 * messages.ts, WeCom robots and posts in wecom.ts): one JSON object a line.
 *
 * - {@link readLines}: every complete line of `file` parsed (`[]` when the file does not exist); a
 *   torn last line from a crash mid-append is skipped — its append was never acknowledged.
 * - {@link appendLine}: appends `value` as one line; with `fsync` the data is on disk before it returns.
 */
import fs from 'node:fs';

/** The objects of `file`, in order (see the module notes). */
export function readLines<T>(file: string): T[] {
  let text = '';
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: T[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // a torn last line from a crash mid-append: never acknowledged
    }
  }
  return out;
}

/** Appends `value` to `file` as one JSON line; fdatasync'ed when `fsync`. */
export function appendLine(file: string, value: unknown, fsync: boolean): void {
  const fd = fs.openSync(file, 'a');
  try {
    fs.writeSync(fd, `${JSON.stringify(value)}\n`);
    if (fsync) fs.fdatasyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
