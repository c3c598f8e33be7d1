/**
 * Durable journal for the local CloudBase emulator.
 *
 * The database state lives in memory and every acknowledged change is first appended to an
 * append-only JSON-lines file (`journal.jsonl` under the data directory) and fsync'ed, so a write
 * that was answered is on disk. One commit (a single insert, a multi-document update, a whole
 * transaction) is one line, so a commit is all-or-nothing on replay.
 *
 * Group commit: `append()` writes the line at once; `sync()` makes everything appended so far
 * durable with one fdatasync shared by every commit of the same turn of the event loop. The API
 * server answers a request only after `sync()`, so no caller ever sees a write that could be lost.
 *
 * Crash safety: a process killed mid-append leaves at most one partial last line; `open()` drops
 * it (truncating the file back to the last complete line) and replays the rest. Compaction writes a
 * fresh snapshot to a temporary file, fsyncs it and renames it over the journal (atomic on POSIX).
 *
 * Documents are stored as canonical MongoDB Extended JSON so dates and numbers keep their types.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';

/** One change inside a commit. `doc: null` deletes the document. */
export interface JournalChange {
  c: string;
  id: string;
  doc: Record<string, unknown> | null;
}

/** One line of the journal. */
export type JournalEntry =
  | { t: 'collection'; c: string }
  | { t: 'commit'; changes: JournalChange[] };

export interface JournalOptions {
  /** Directory that holds `journal.jsonl`; created if missing. */
  dir: string;
  /** fsync after every commit (default true). Tests of pure logic may turn it off. */
  fsync?: boolean;
}

const FILE = 'journal.jsonl';

/** Append-only, fsync'ed journal of committed changes. */
export class Journal {
  private fd: number | null = null;
  private readonly file: string;
  private readonly doFsync: boolean;
  /** Number of lines appended since the last compaction. */
  linesSinceCompaction = 0;
  private dirty = false;
  private pending: Promise<void> | null = null;

  constructor(private readonly options: JournalOptions) {
    this.file = path.join(options.dir, FILE);
    this.doFsync = options.fsync !== false;
  }

  /**
   * Opens the journal and returns every complete entry in order. A trailing partial line (the
   * trace of a crash mid-write, never acknowledged) is cut off before the file is reopened for
   * appending.
   */
  open(): JournalEntry[] {
    fs.mkdirSync(this.options.dir, { recursive: true });
    const entries: JournalEntry[] = [];
    if (fs.existsSync(this.file)) {
      const buf = fs.readFileSync(this.file);
      let start = 0;
      let goodEnd = 0;
      for (let i = 0; i < buf.length; i += 1) {
        if (buf[i] !== 0x0a) continue;
        const line = buf.subarray(start, i).toString('utf8');
        start = i + 1;
        if (!line.trim()) {
          goodEnd = start;
          continue;
        }
        try {
          entries.push(EJSON.parse(line, { relaxed: true }) as JournalEntry);
          goodEnd = start;
        } catch {
          break; // a corrupt line can only be the torn tail of a crash; nothing after it was acknowledged
        }
      }
      if (goodEnd < buf.length) fs.truncateSync(this.file, goodEnd);
      this.linesSinceCompaction = entries.length;
    }
    this.fd = fs.openSync(this.file, 'a');
    return entries;
  }

  /** Appends one entry (written at once; durable after the next `sync()`). */
  append(entry: JournalEntry): void {
    if (this.fd === null) throw new Error('journal is not open');
    const line = `${EJSON.stringify(entry, { relaxed: false })}\n`;
    fs.writeSync(this.fd, line);
    this.dirty = this.doFsync;
    this.linesSinceCompaction += 1;
  }

  /**
   * Resolves once every entry appended before the call is on disk. Calls in the same turn of the
   * event loop share one fdatasync (group commit).
   */
  sync(): Promise<void> {
    if (!this.dirty) return this.pending ?? Promise.resolve();
    if (!this.pending) {
      this.pending = new Promise<void>((resolve, reject) => {
        setImmediate(() => {
          this.pending = null;
          try {
            if (this.dirty && this.fd !== null) {
              this.dirty = false;
              fs.fdatasyncSync(this.fd);
            }
            resolve();
          } catch (e) {
            reject(e);
          }
        });
      });
    }
    return this.pending;
  }

  /** Makes everything appended durable now (synchronously). */
  syncNow(): void {
    if (this.dirty && this.fd !== null) fs.fdatasyncSync(this.fd);
    this.dirty = false;
  }

  /**
   * Replaces the journal with a snapshot (one `collection` entry per collection and one commit
   * holding every document), atomically: write a temp file, fsync, rename, fsync the directory.
   */
  compact(collections: Map<string, Map<string, Record<string, unknown>>>): void {
    const tmp = `${this.file}.tmp`;
    const fd = fs.openSync(tmp, 'w');
    const lines: string[] = [];
    for (const [c, docs] of collections) {
      lines.push(EJSON.stringify({ t: 'collection', c }, { relaxed: false }));
      const changes: JournalChange[] = [];
      for (const [id, doc] of docs) changes.push({ c, id, doc });
      if (changes.length) lines.push(EJSON.stringify({ t: 'commit', changes }, { relaxed: false }));
    }
    fs.writeSync(fd, lines.length ? `${lines.join('\n')}\n` : '');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    if (this.fd !== null) fs.closeSync(this.fd);
    fs.renameSync(tmp, this.file);
    const dirFd = fs.openSync(this.options.dir, 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
    this.fd = fs.openSync(this.file, 'a');
    this.linesSinceCompaction = lines.length;
  }

  /** Syncs and closes the file handle. */
  close(): void {
    this.syncNow();
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}
