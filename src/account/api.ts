/** Client side of the `account` cloud function (docs/api.md). */
import { callFunction, type CallResult } from '../services/cloud';
import type { DuplicateRef, Profile, ResidentCard } from '../../cloudfunctions/account/profile';
import type { LinkCode } from '../../cloudfunctions/account/linking';
import type { InboxMessage } from '../../cloudfunctions/account/messages';
import type { RegisterForInput } from '../../cloudfunctions/account/residents';
import type { TemplateKey } from '../../cloudfunctions/shared/templates';
import { spokenConsentGiven } from '../../cloudfunctions/shared/vocabulary/consent';

export type { DuplicateRef, LinkCode, Profile, ResidentCard };

/** `account.me`: who the caller is; `unreadMessages` is how many of their 消息 are unread (0 for a visitor). */
export type Me = (
  | { registered: false }
  | { registered: true; user: Profile; community: { id: string; name: string; kiosk: string; hasMarket: boolean } | null }
) & { unreadMessages: number };

/**
 * One message of the in-app message centre (消息, `account.myMessages`; docs/api.md): every
 * notification stored for its person, whether or not WeChat delivered it (the function's type).
 */
export type { InboxMessage };

/** A page of the message centre: newest first (at most 20), the caller's unread count, and whether older ones exist. */
export interface InboxPage {
  messages: InboxMessage[];
  unread: number;
  more: boolean;
}

/** How many sends of each template the caller has left after reporting accepted ids (`account.subscribed`). */
export interface SubscribedResult {
  left: Partial<Record<TemplateKey, number>>;
}

/** An estate for the registration forms. */
export interface EstateOption {
  id: string;
  communityId: string;
  name: string;
  buildings: string[];
}

/** What staff enter to register a resident without WeChat at the counter (代登记): the function's input but the consent, which {@link accountApi.registerFor} adds. */
export type RegisterForFields = Omit<RegisterForInput, 'consent'>;

/** What a resident enters to register themself (first visit). */
export interface RegisterFields {
  name: string;
  estateId: string;
  building: string;
  unit: string;
  room: string;
  phone?: string;
  /** The person was told a resident of this name lives at this home and says they are someone else. */
  confirmDuplicate?: boolean;
}

export const accountApi = {
  me: (): Promise<CallResult<Me>> => callFunction('account', { action: 'me' }),
  listEstates: (): Promise<CallResult<EstateOption[]>> => callFunction('account', { action: 'listEstates' }),
  /** First visit: register this WeChat (OPENID) as a resident of the chosen estate. */
  register: (f: RegisterFields): Promise<CallResult<Profile>> =>
    callFunction('account', {
      action: 'register',
      name: f.name,
      estateId: f.estateId,
      building: f.building,
      unit: f.unit,
      room: f.room,
      ...(f.phone ? { phone: f.phone } : {}),
      ...(f.confirmDuplicate ? { confirmDuplicate: true } : {}),
    }),
  /** Stores the number WeChat's phone-number button shared (its one-time `code`) as my own phone; answers my profile, phone masked. */
  bindPhone: (code: string): Promise<CallResult<Profile>> => callFunction('account', { action: 'bindPhone', code }),
  /** Counter: residents of my community by name or address. */
  searchResidents: (query: string): Promise<CallResult<ResidentCard[]>> => callFunction('account', { action: 'searchResidents', query }),
  /** Counter: one resident of my community. */
  getResident: (residentId: string): Promise<CallResult<ResidentCard>> => callFunction('account', { action: 'getResident', residentId }),
  /** Counter: register a resident without WeChat, with their spoken consent (the form asks for it first). */
  registerFor: (f: RegisterForFields): Promise<CallResult<ResidentCard>> =>
    callFunction('account', {
      action: 'registerFor',
      name: f.name,
      estateId: f.estateId,
      building: f.building,
      unit: f.unit,
      room: f.room,
      ...(f.called ? { called: f.called } : {}),
      ...(f.phone ? { phone: f.phone } : {}),
      requestId: f.requestId,
      consent: spokenConsentGiven(),
      ...(f.confirmDuplicate ? { confirmDuplicate: true } : {}),
    }),
  /** Counter: staff saw the resident and checked who they are. */
  verifyResident: (residentId: string): Promise<CallResult<ResidentCard>> => callFunction('account', { action: 'verifyResident', residentId }),
  /** Counter: link the WeChat that showed `code` to the resident. */
  confirmLink: (residentId: string, code: string): Promise<CallResult<ResidentCard>> => callFunction('account', { action: 'confirmLink', residentId, code }),
  /** A visitor not registered yet: a code for staff to link this WeChat to the record they made. */
  requestLink: (): Promise<CallResult<LinkCode>> => callFunction('account', { action: 'requestLink' }),
  /** 消息: my messages, newest first, 20 at a time; `after` (the last message shown: its `at` and `id`) asks for the next older ones (更多). */
  myMessages: (after?: { at: number; id: string }): Promise<CallResult<InboxPage>> =>
    callFunction('account', { action: 'myMessages', ...(after ? { before: after.at, beforeId: after.id } : {}) }),
  /** Marks these of my messages read (1–50 ids); answers my unread count. */
  readMessages: (ids: string[]): Promise<CallResult<{ unread: number }>> => callFunction('account', { action: 'readMessages', ids }),
  /** 全部已读: marks every message of mine read; answers my unread count (0). */
  readAllMessages: (): Promise<CallResult<{ unread: number }>> => callFunction('account', { action: 'readMessages', all: true }),
  /**
   * Reports the template ids WeChat's subscribe dialog answered 'accept' for (1–3), so the functions
   * know how many sends I have left (one per accepted tap). Called by `requestSubscribe` only.
   */
  subscribed: (templateIds: string[]): Promise<CallResult<SubscribedResult>> => callFunction('account', { action: 'subscribed', templateIds }),
};

/** True for the roles that serve residents at the counter. */
export const isStaff = (me: Me | null): boolean => !!me && me.registered && (me.user.role === 'gridWorker' || me.user.role === 'communityAdmin');

/** `HH:mm` of an instant, in China time (the shared module src/ui/time.ts). */
export { clockTime } from '../ui/time';
