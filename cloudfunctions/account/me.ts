/**
 * Who the caller is (`account.me`) and the estates the registration forms offer
 * (`account.listEstates`). Answers: contract.ts `Me`, `EstateOption`.
 */
import { db } from '../shared/cloud';
import type { Estate } from '../shared/model';
import type { LoadedUser } from '../shared/users';
import type { EstateOption, Me } from './contract';
import { unreadCount } from './messages';
import { toProfile } from './profile';

/**
 * `me`: the caller the router loaded by OPENID (null: a visitor, `{ registered: false,
 * unreadMessages: 0 }`), their profile, community and unread message count (one count more).
 */
export async function me(user: LoadedUser | null): Promise<Me> {
  if (!user) return { registered: false, unreadMessages: 0 };
  const { community } = user;
  return {
    registered: true,
    unreadMessages: await unreadCount(user._id),
    user: toProfile(user),
    community: community ? { id: community._id, name: community.name, kiosk: community.kiosk, hasMarket: !!community.market, contact: community.contact ?? null } : null,
  };
}

/** `listEstates`: every estate (at most 1000) with its buildings, by community. One read. */
export async function listEstates(): Promise<EstateOption[]> {
  const { data } = await db.collection('estates').orderBy('communityId', 'asc').limit(1000).get();
  return (data as Estate[]).map((e) => ({ id: e._id, communityId: e.communityId, name: e.name, buildings: e.buildings }));
}
