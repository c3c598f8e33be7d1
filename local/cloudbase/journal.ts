/**
 * Durable journal for the local CloudBase emulator.
 *
 * The database state lives in memory and every acknowledged change is first appended to an
 * append-only JSON-lines file (`journal.jsonl` under the data directory) and fsync'ed, so a write
 * that was answered is on disk. One commit (a single insert, a multi-document update, a whole
 * transaction) is one line, so a commit is all-or-nothing on replay.
 *
 * Group commit: `append()` queues the line; `sync()` resolves once everything appended before the
 * call is on disk. Queued lines are written together (one write per batch) and made durable by one
 * fdatasync, run off the main thread; lines appended while a sync is in flight form the next batch,
 * so under load batches grow instead of the event loop waiting on the disk. The API server answers
 * a request only after `sync()`, so no caller ever sees a write that could be lost.
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
  /** lines appended but not yet written */
  private queued: string[] = [];
  /** entries appended / written to the file / known durable, counted from open */
  private appendedSeq = 0;
  private writtenSeq = 0;
  private durableSeq = 0;
  private syncing = false;
  private scheduled = false;
  private failure: Error | null = null;
  private waiters: { target: number; resolve: () => void; reject: (e: Error) => void }[] = [];

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

  /** Appends one entry (queued; durable once a later `sync()` resolves). */
  append(entry: JournalEntry): void {
    if (this.fd === null) throw new Error('journal is not open');
    this.queued.push(`${EJSON.stringify(entry, { relaxed: false })}\n`);
    this.appendedSeq += 1;
    this.linesSinceCompaction += 1;
  }

  /**
   * Resolves once every entry appended before the call is on disk (rejects if the disk failed).
   * Calls in the same turn of the event loop, and those made while a sync is in flight, share one
   * write and one fdatasync (group commit).
   */
  sync(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const target = this.appendedSeq;
    if (this.durableSeq >= target) return Promise.resolve();
    if (!this.doFsync) {
      // without fsync there is nothing to wait for: write in order and answer
      this.writeQueued();
      this.settle(this.writtenSeq, null);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ target, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.syncing) return;
    this.scheduled = true;
    // setImmediate batches every commit of this turn of the event loop (jsdom test hosts lack it)
    const defer = typeof setImmediate === 'function' ? setImmediate : (f: () => void) => setTimeout(f, 0);
    defer(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Writes the queued batch (in order, on this thread) and starts its fdatasync (on the thread pool). */
  private pump(): void {
    if (this.syncing || this.fd === null) return;
    this.writeQueued();
    if (this.durableSeq >= this.writtenSeq) return;
    if (!this.doFsync) return this.settle(this.writtenSeq, null);
    const upTo = this.writtenSeq;
    this.syncing = true;
    fs.fdatasync(this.fd, (err) => {
      this.syncing = false;
      this.settle(upTo, err);
      if (this.waiters.length) this.pump();
    });
  }

  private writeQueued(): void {
    if (!this.queued.length || this.fd === null) return;
    const batch = this.queued.join('');
    this.queued = [];
    fs.writeSync(this.fd, batch);
    this.writtenSeq = this.appendedSeq;
  }

  private settle(upTo: number, err: Error | null): void {
    if (err && this.fd !== null) this.failure = err;
    else this.durableSeq = Math.max(this.durableSeq, upTo);
    const still: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (this.failure) w.reject(this.failure);
      else if (w.target <= this.durableSeq) w.resolve();
      else still.push(w);
    }
    this.waiters = still;
  }

  /** Makes everything appended durable now (synchronously). */
  syncNow(): void {
    if (this.fd === null) return;
    this.writeQueued();
    if (this.doFsync && this.durableSeq < this.writtenSeq) fs.fdatasyncSync(this.fd);
    this.settle(this.writtenSeq, null);
  }

  /**
   * Replaces the journal with a snapshot (one `collection` entry per collection and one commit
   * holding every document), atomically: write a temp file, fsync, rename, fsync the directory.
   */
  compact(collections: Map<string, Map<string, Record<string, unknown>>>): void {
    this.syncNow();
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
