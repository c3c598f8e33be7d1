/**
 * The subscribe messages the local emulator "delivered" (`cloud.openapi.subscribeMessage.send`
 * answered `errcode: 0`): nobody's phone rings locally, so each one is recorded where a test or a
 * person can read what a resident would have received.
 *
 * Stored next to the database journal: `<dataDir>/subscribe-messages.jsonl`, one JSON object a
 * line, appended and fsync'ed before the send is answered (an acknowledged send survives kill -9);
 * a torn last line (a crash mid-append) is skipped on reading. Read by the local gateway
 * (`GET /api/local/messages?openid=`) and by tests (`LocalCloud.endpoint.messages`).
 */
import fs from 'node:fs';
import path from 'node:path';

/** One delivered subscribe message, as the function sent it (WeChat's field names, camelCased). */
export interface SubscribeMessage {
  id: string;
  /** When the emulator accepted it (ISO 8601). */
  at: string;
  /** The cloud environment the function ran in. */
  env: string;
  /** The function whose credential sent it. */
  fromFunction: string;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  lang: string;
}

const FILE = 'subscribe-messages.jsonl';

/** Append-only, fsync'ed record of delivered subscribe messages. */
export class MessageStore {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly fsync = true,
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, FILE);
  }

  /** Appends one message; returns once it is on disk. */
  record(msg: SubscribeMessage): void {
    const fd = fs.openSync(this.file, 'a');
    try {
      fs.writeSync(fd, `${JSON.stringify(msg)}\n`);
      if (this.fsync) fs.fdatasyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }

  /** Every recorded message, oldest first; `touser` narrows to one recipient. */
  all(touser?: string): SubscribeMessage[] {
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const out: SubscribeMessage[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        const m = JSON.parse(line) as SubscribeMessage;
        if (touser === undefined || m.touser === touser) out.push(m);
      } catch {
        // a torn last line from a crash mid-append: never acknowledged, so never delivered
      }
    }
    return out;
  }

  /** The messages `touser` would have received, newest first. */
  inbox(touser: string): SubscribeMessage[] {
    return this.all(touser).reverse();
  }
}
