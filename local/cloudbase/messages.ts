/**
 * The subscribe messages the local emulator "delivered" (`cloud.openapi.subscribeMessage.send`
 * answered `errcode: 0`): nobody's phone rings locally, so each one is recorded where a test or a
 * person can read what a resident would have received.
 *
 * Stored next to the database journal: `<dataDir>/subscribe-messages.jsonl`, one JSON object a
 * line, appended and fsync'ed before the send is answered (an acknowledged send survives kill -9);
 * a torn last line (a crash mid-append) is skipped on reading. Read by the local gateway
 * (`GET /api/local/messages`, the caller's own) and by tests (`LocalCloud.endpoint.messages`).
 * Grants (`subscriptions.jsonl`, the local 允许 taps) and refused sends (`subscribe-refused.jsonl`,
 * WeChat's 43101) are kept the same way.
 */
import fs from 'node:fs';
import path from 'node:path';
import { appendLine, readLines } from './jsonl';

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
const GRANTS = 'subscriptions.jsonl';
const REFUSED = 'subscribe-refused.jsonl';

/** One send WeChat refused (no accepted tap left: errcode 43101). */
export interface RefusedSend {
  /** When (ISO 8601). */
  at: string;
  fromFunction: string;
  touser: string;
  templateId: string;
  errcode: number;
}

/**
 * One accepted tap: `touser` allowed one message of each of `templateIds` — or, with `longTerm`,
 * any number of them until revoked (长期订阅: the template is from the long-term library, which
 * WeChat opens only to some service categories, docs/long-term-subscriptions.md). `revoked`: the
 * person turned those templates off (微信 → 设置 → 订阅消息), which ends a long-term acceptance.
 */
export interface SubscriptionGrant {
  at: string;
  touser: string;
  templateIds: string[];
  longTerm?: true;
  revoked?: true;
}

/** Append-only, fsync'ed record of delivered subscribe messages. */
export class MessageStore {
  private readonly file: string;
  private readonly grantsFile: string;
  private readonly refusedFile: string;

  constructor(
    dataDir: string,
    private readonly fsync = true,
  ) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, FILE);
    this.grantsFile = path.join(dataDir, GRANTS);
    this.refusedFile = path.join(dataDir, REFUSED);
  }

  private append(file: string, value: unknown): void {
    appendLine(file, value, this.fsync);
  }


  /** Appends one message; returns once it is on disk. */
  record(msg: SubscribeMessage): void {
    this.append(this.file, msg);
  }

  /**
   * Records that `touser` accepted one message of each of `templateIds` (durable on return); with
   * `{ longTerm: true }` a long-term acceptance (those templates are long-term ones): any number of
   * messages until {@link revoke}. Default one-time, as every template is unless a test says so.
   */
  grant(touser: string, templateIds: string[], options: { longTerm?: boolean } = {}): void {
    this.append(this.grantsFile, { at: new Date().toISOString(), touser, templateIds, ...(options.longTerm ? { longTerm: true as const } : {}) } satisfies SubscriptionGrant);
  }

  /** Records that `touser` turned `templateIds` off: a long-term acceptance of them ends (durable on return). */
  revoke(touser: string, templateIds: string[]): void {
    this.append(this.grantsFile, { at: new Date().toISOString(), touser, templateIds, revoked: true } satisfies SubscriptionGrant);
  }

  /** Records a send the emulator refused (durable on return). */
  refuse(r: RefusedSend): void {
    this.append(this.refusedFile, r);
  }

  /** The refused sends, oldest first; `touser` narrows to one recipient. */
  refused(touser?: string): RefusedSend[] {
    return readLines<RefusedSend>(this.refusedFile).filter((r) => touser === undefined || r.touser === touser);
  }

  /**
   * Messages of `templateId` `touser` can still be sent: accepted one-time taps minus messages
   * delivered — or Infinity while a long-term acceptance of it stands (granted and not revoked since).
   */
  available(touser: string, templateId: string): number {
    const grants = readLines<SubscriptionGrant>(this.grantsFile).filter((g) => g.touser === touser && g.templateIds.includes(templateId));
    let longTerm = false;
    for (const g of grants) {
      if (g.revoked) longTerm = false;
      else if (g.longTerm) longTerm = true;
    }
    if (longTerm) return Infinity;
    const granted = grants.filter((g) => !g.revoked && !g.longTerm).length;
    const used = this.all(touser).filter((m) => m.templateId === templateId).length;
    return Math.max(0, granted - used);
  }

  /** Every recorded message, oldest first; `touser` narrows to one recipient. */
  all(touser?: string): SubscribeMessage[] {
    return readLines<SubscribeMessage>(this.file).filter((m) => touser === undefined || m.touser === touser);
  }

  /** The messages `touser` would have received, newest first. */
  inbox(touser: string): SubscribeMessage[] {
    return this.all(touser).reverse();
  }
}
