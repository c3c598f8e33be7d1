/** Document ids made by the functions: 32 hex characters, like CloudBase's own. */
import crypto from 'node:crypto';

/** A new random document id. */
export function newDocId(): string {
  return crypto.randomBytes(16).toString('hex');
}
