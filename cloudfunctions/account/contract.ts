/**
 * The `account` function's contract (issue 19): the types of its answers and its actions'
 * contracts (shared/contract.ts) — the router declares each action from its entry (`index.ts`),
 * the client types `call('account', …)` from it (type-only imports), docs/api.md is generated from
 * it. Numbers the pages' forms share with the schemas: `limits.ts`.
 *
 * Pure TypeScript and zod: no SDK, no database.
 */
import { z } from 'zod';
import { contract, type Contracts } from '../shared/contract';
import type { Role, VolunteerRole } from '../shared/model';
import { id, noFields, phone, requestId, shortText, text } from '../shared/schemas';
import { spokenConsent } from '../shared/spokenConsent';
import type { TemplateKey } from '../shared/templates';
import type { SpokenConsentInput } from '../shared/vocabulary/consent';
import { FAMILY_RELATIONS, type FamilyRelation } from '../shared/vocabulary/family';
import type { AssignableRole } from './domain/roles';
import { normalizeCode } from './domain/codes';
import { ACCOUNT_LIMITS as L } from './limits';

// ─── answer types ───

/** The caller's own profile as the app shows it. Phones are masked (138****1234) everywhere but in the record itself (DESIGN.md, Privacy). */
export interface Profile {
  id: string;
  name: string;
  called: string | null;
  role: Role;
  communityId: string;
  home: { estateId: string; building: string; unit: string; room: string } | null;
  phoneMasked: string | null;
  /** Staff of the community have verified who this is (self-registered residents start unverified). */
  verified: boolean;
  /** An active volunteer of their community (解忧智囊团, issue 22): their roles; absent otherwise. */
  volunteerRoles?: VolunteerRole[];
}

/** How to reach the community's kiosk in person (shown on the home page). */
export interface KioskContactView {
  place: string;
  hours: string;
  phone?: string;
  offers?: string;
}

/** The caller's community as `me` answers it. */
export interface CommunityView {
  id: string;
  name: string;
  kiosk: string;
  hasMarket: boolean;
  contact: KioskContactView | null;
}

/** `account.me`: who the caller is; `unreadMessages` is how many of their 消息 are unread (0 for a visitor). */
export type Me = ({ registered: false } | { registered: true; user: Profile; community: CommunityView | null }) & { unreadMessages: number };

/** An estate for the registration forms. */
export interface EstateOption {
  id: string;
  communityId: string;
  name: string;
  buildings: string[];
}

/** Another record of the same community with the same name and address: maybe the same person. */
export interface DuplicateRef {
  id: string;
  name: string;
  address: string;
  verified: boolean;
}

/** What staff at the counter see of a resident they look up. */
export interface ResidentCard {
  id: string;
  name: string;
  called: string | null;
  age: number | null;
  address: string;
  /** the community the resident belongs to, and their home's estate and building (the default place of a report) */
  communityId: string;
  home: { estateId: string; building: string } | null;
  phoneMasked: string | null;
  /** false for residents served at the counter because they have no phone */
  hasPhone: boolean;
  /** false while the record holds a placeholder OPENID (registered at the counter, WeChat not linked yet) */
  hasWeChat: boolean;
  /** Staff of the community have verified who this is. */
  verified: boolean;
  /**
   * Other residents of the community with the same name and address (flagged: they may be one
   * person registered twice, or someone impersonating; never served as one without checking).
   */
  duplicateOf: DuplicateRef[];
}

/** What the resident sees: the link code to read out and until when it is valid. */
export interface LinkCode {
  code: string;
  /** ISO instant */
  expiresAt: string;
  minutes: number;
}

/** What the family member sees: their 6-digit code to show at the counter and until when it is valid (家人代办). */
export interface FamilyCodeView {
  code: string;
  /** ISO instant */
  expiresAt: string;
  minutes: number;
  /** the name the member gave (shown to staff when they enter the code) */
  memberName: string;
}

/** One family link as staff see it on the elder's page (绑定家人) and the member in 我的家人. */
export interface FamilyLinkView {
  id: string;
  elderId: string;
  elderName: string;
  /** the elder's community (the member's report form offers its estates) */
  communityId: string;
  memberName: string;
  relation: FamilyRelation;
  /** 女儿 */
  relationLabel: string;
  /** `邹建庄的女儿 邹梅`: how records name the member acting for the elder */
  actorName: string;
  linkedByName: string;
  /** ISO instant */
  at: string;
  status: 'active' | 'revoked';
}

/** One message of the message centre (消息) as the pages get it. */
export interface InboxMessage {
  id: string;
  kind: string;
  title: string;
  lines: string[];
  /** The page it is about, e.g. `ticket/pages/detail/index?id=…` (no leading slash); null: none. */
  page: string | null;
  /** When it was stored, epoch ms. */
  at: number;
  read: boolean;
}

/** A page of the message centre: newest first (at most 20), the caller's unread count, and whether older ones exist. */
export interface InboxPage {
  messages: InboxMessage[];
  unread: number;
  more: boolean;
}

/** The caller's unread count after marking messages read. */
export interface UnreadCount {
  unread: number;
}

/** How many sends of each template the caller has left after reporting accepted ids (`subscribed`). */
export interface SubscribedResult {
  left: Partial<Record<TemplateKey, number>>;
}

/** A person as the console lists them. */
export interface PersonView {
  id: string;
  name: string;
  role: Role;
  roleLabel: string;
  /** ids of the grids a grid worker works (else []) */
  gridIds: string[];
  /** their codes, for display (G-LC-01) */
  gridCodes: string[];
  address: string;
  phoneMasked: string | null;
  verified: boolean;
  hasWeChat: boolean;
}

/** A grid as the people page offers it. */
export interface GridSummary {
  id: string;
  code: string;
  /** the buildings it covers, as a person reads them: `壁山丽景小区 1号楼、2号楼、3号楼` (issue 17: a code alone tells nobody where) */
  place: string;
  workerIds: string[];
}

/** One logged role change (`roleChanges`). */
export interface RoleChangeEntry {
  _id: string;
  communityId: string;
  userId: string;
  userName: string;
  from: { role: Role; gridIds: string[] };
  to: { role: Role; gridIds: string[] };
  /** `role`: setRole; `grid`: a grid's workers were edited (grids.ts) */
  via: 'role' | 'grid';
  byId: string;
  byName: string;
  at: Date;
}

/** The people page: the community's people and the grids they may be given. */
export interface PeopleList {
  people: PersonView[];
  grids: GridSummary[];
}

/** One person with the grids they may be given and their logged role changes. */
export interface PersonDetail {
  person: PersonView;
  grids: GridSummary[];
  log: RoleChangeEntry[];
}

/** A role set: the person as they are now, and whether anything changed. */
export interface RoleSet {
  person: PersonView;
  changed: boolean;
}

/** A grid as the console shows it. */
export interface GridView {
  id: string;
  code: string;
  covers: { estateId: string; estateName: string; buildings: string[] }[];
  workers: { id: string; name: string }[];
}

/** What an admin sees of a grid's WeCom group robot (the key is never answered). */
export interface RobotView {
  gridId: string;
  /** A key is set. */
  set: boolean;
  /** The key masked (`693a…5aaa`), or null. */
  masked: string | null;
  lastPostAt: Date | null;
  /** The last failure in Chinese (cleared by a success), or null. */
  lastError: string | null;
}

/** The grids page: the grids, the estates to draw them from, the grid workers, each grid's robot. */
export interface GridsData {
  grids: GridView[];
  estates: { id: string; name: string; buildings: string[] }[];
  workers: { id: string; name: string; gridIds: string[] }[];
  /** Each grid's WeCom group robot (the key masked; issue 18), in the order of `grids`. */
  robots: RobotView[];
}

/** What `testGridRobot` answers once WeCom took the test message. */
export interface RobotTested {
  robot: RobotView;
}

// ─── input schemas ───

const homeText = shortText(L.homeText.max);

const registerInput = z
  .object({
    name: homeText,
    estateId: id,
    building: homeText,
    unit: homeText,
    room: homeText,
    phone: phone.optional(),
    /** The person saw ACCOUNT.POSSIBLE_DUPLICATE and says they are someone else of the same name. */
    confirmDuplicate: z.boolean().optional(),
  })
  .strict();

const registerForInput = registerInput
  .extend({
    called: homeText.optional(),
    requestId,
    consent: spokenConsent,
  })
  .strict();

/** What `registerFor` takes (after validation). */
export type RegisterForInput = Omit<z.infer<typeof registerForInput>, 'consent'> & { consent: SpokenConsentInput };

/** A link code as staff type it: letters and digits (spaces and case forgiven). */
const linkCodeInput = z
  .string()
  .max(L.linkCodeTyped.max)
  .regex(/^[A-Za-z0-9 ]*$/)
  .transform(normalizeCode)
  .pipe(z.string().min(L.linkCode.min).max(L.linkCode.max))
  .describe(`link code (letters and digits, case and spaces forgiven; ${L.linkCode.min}–${L.linkCode.max})`);

const residentOnly = z.object({ residentId: id }).strict();

/** A family link code as staff type it: 6 digits (spaces and full-width digits forgiven). */
const familyCodeInput = z
  .string()
  .max(L.familyCodeTyped.max)
  .transform((v) => v.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/\s+/g, ''))
  .pipe(z.string().regex(/^[0-9]{6}$/))
  .describe('family code (6 digits; spaces and full-width digits forgiven)');

/** A grid code as communities write them: G-LC-01 (letters, digits, `-`). */
const gridCode = z.string().min(L.gridCode.min).max(L.gridCode.max).regex(/^[A-Za-z0-9-]+$/);

/** A code WeChat hands a page (phone-number button), or a template id: letters, digits, `_`, `-`. */
const wxToken = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/);

const saveGridInput = z
  .object({
    gridId: id.optional(),
    code: gridCode.optional(),
    covers: z.array(z.object({ estateId: id, buildings: z.array(homeText).min(L.gridBuildings.min).max(L.gridBuildings.max) }).strict()).max(L.gridCovers.max),
    workerIds: z.array(id).max(L.gridWorkers.max),
  })
  .strict();

const ROLE_CHOICES = ['resident', 'gridWorker', 'communityAdmin'] as const satisfies readonly AssignableRole[];

// ─── the function's notes ───

export const about = `
Who the caller is to the kiosk, and the counter's residents (代登记, verification, linking WeChat);
the console's people, roles and grids. The first community admin is made by the setup step
(\`npm run db:setup -- --seed <file> --admin-openid <OPENID>\`, docs/deploy.md), never by an action.

A resident registered at the counter has no WeChat yet: their \`users.openid\` is the placeholder
\`nowechat:<their id>\` (never null, never missing: the unique index \`users.openid_unique\` holds null
or a missing value only once; a real OPENID never contains \`:\`). Linking their own WeChat replaces it.

Types: \`Profile = { id, name, called, role: resident|gridWorker|communityAdmin|vendor, communityId, home: { estateId, building, unit, room } | null, phoneMasked: "138****1234" | null, verified: boolean, volunteerRoles?: (an active volunteer's roles) }\`.
\`verified\`: staff of the community have verified who this is (false for a self-registered resident
until then; a missing value in the record counts as false).

**Messages (消息) and consent to WeChat messages** (\`account/messages.ts\`, \`shared/consent.ts\`, issue 18).
Every notification the functions make (ticket progress, rating asks, booking reminders and
cancellations, waitlist promotions, stall draws, product watches) goes through one function,
\`notify\`: it is **always** stored in the person's inbox (collection \`messages\`: \`{ _id, userId,
openid?, kind: TemplateKey, title, lines, page, at, readAt? }\`), and sent as WeChat's one-time
subscribe message only when the person has a send of that template left (collection
\`subscriptions\`, \`_id = "<openid>|<templateKey>"\`, \`{ openid, template, left, updatedAt }\`; one
conditional update \`left > reserve\` → \`left − 1\` before the send). WeChat allows one message per tap
of 允许 per template and refuses the rest with errcode 43101 (developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html);
a 43101 keeps the send spent, any other failure gives it back. Ticket progress is ranked so that the
most important steps get the sends (\`ticket/notify.ts\`: 1 left → 已办结 only; 2 → 已受理 and 已办结;
3 or more → every step). The local emulator enforces the same count by default (\`local/cloudbase/openapi.ts\`).

**Counter (代办)** — grid workers and community admins, for residents of their own community.
\`ResidentCard\` — what staff see of a resident:
\`{ id, name, called, age, address: "壁山丽景小区3号楼2单元301", communityId, home: { estateId, building } | null, phoneMasked, hasPhone, hasWeChat, verified, duplicateOf: [{ id, name, address, verified }] }\`
(\`home\` is the default place of a report made for the resident).
\`hasWeChat\` is false while the record holds a placeholder OPENID (registered at the counter, not
linked). \`duplicateOf\` lists the other residents of the community with the same name and the same
address (estate, building, unit and room compared loosely: full-width digits, spaces, a trailing
单元 / 室 / 号 do not count) — maybe one person registered twice, maybe someone impersonating; the
counter warns "有同名同址的记录，请核对后再办理" and never treats them as one.

**The console: people, roles and grids** — community admins, their own community (\`people.ts\`,
\`grids.ts\`, \`robots.ts\`, rules in \`domain/roles.ts\`).
`;

const COUNTER = 'Counter (代办) — grid workers and community admins, for residents of their own community';
const MESSAGES = 'Messages (消息) and consent to WeChat messages';
const FAMILY = 'Family members (家人代办) — a member acts for an elder they are linked to';
const CONSOLE = 'The console: people, roles and grids — community admins, their own community';

// ─── the actions ───

/** The contracts of `account`'s actions. */
export const actions = {
  me: contract<Me>()({
    who: 'anyone',
    rule: '',
    input: noFields,
    errors: [],
    summary: `The caller (by OPENID) and their community: \`{ registered: false, unreadMessages: 0 }\` for a visitor, or
\`{ registered: true, unreadMessages: n, user: Profile, community: { id, name, kiosk, hasMarket, contact: { place, hours, phone?, offers? } | null } | null }\`
(\`unreadMessages\`: the caller's unread messages in 消息, one count).`,
  }),

  listEstates: contract<EstateOption[]>()({
    who: 'anyone',
    rule: '',
    input: noFields,
    errors: [],
    summary: 'Every estate of every community with its buildings, for the registration forms. The caller is not looked up.',
  }),

  register: contract<Profile>()({
    who: 'anyone',
    rule: '',
    input: registerInput,
    errors: ['ACCOUNT.ALREADY_REGISTERED', 'ACCOUNT.ESTATE_NOT_FOUND', 'ACCOUNT.POSSIBLE_DUPLICATE', 'COMMON.TOO_MANY', 'COMMON.NOT_REGISTERED'],
    summary: `Creates a resident for the caller's OPENID in the estate's community, **unverified**
(\`verified: false\`: anyone can type any name; they can book and report for themselves). Answer: the new \`Profile\`.
- \`ACCOUNT.POSSIBLE_DUPLICATE\`: a resident of that name already lives at that home, as \`registerFor\` checks;
  \`details: { name }\` only, nothing of the other record; nothing written, no quota taken; the page
  says "如果是您本人，请到解忧铺柜台关联微信" and sends again with \`confirmDuplicate: true\` when the person
  says it is someone else of the same name.
- \`COMMON.TOO_MANY\`: 5 registrations and link codes per OPENID a day (\`shared/quotas.ts\`); taken only once the record would be written.
- \`COMMON.NOT_REGISTERED\`: no OPENID (not a client call).
Roles and grids are never set here (a community admin sets them, in the console).
The app's registration page no longer asks for a phone (issue 11: the phone comes through WeChat's
phone-number button, \`bindPhone\`, where a feature needs it); \`phone?\` is still accepted here.
The caller is looked up with the estate, its namesakes and the day's quota in one aggregation: 3 round trips in all (issue 18).`,
  }),

  bindPhone: contract<Profile>()({
    who: 'registered',
    rule: "the caller's own record only",
    input: z.object({ code: wxToken }).strict(),
    errors: ['ACCOUNT.PHONE_CODE_INVALID', 'COMMON.INTERNAL'],
    summary: `\`code\` is what WeChat's phone-number button gave the page (\`<Button openType="getPhoneNumber">\` →
\`e.detail.code\`: single use, valid 5 minutes). The function exchanges it with
\`cloud.openapi.phonenumber.getPhoneNumber\` (declared in \`account/config.json\`) and stores
\`purePhoneNumber\` as the caller's \`phone\` with \`phoneVerifiedAt\`. Answer: \`Profile\` (phone masked,
\`139****5678\`). Locally the gateway's \`POST /api/local/phone-code\` issues the codes (README).
\`ACCOUNT.PHONE_CODE_INVALID\`: WeChat refused the code (unknown, used or expired — nothing is
written); \`COMMON.INTERNAL\`: the call itself failed.`,
  }),

  requestLink: contract<LinkCode>()({
    who: 'anyone',
    rule: 'a caller with an OPENID that is not registered',
    input: noFields,
    errors: ['ACCOUNT.ALREADY_REGISTERED', 'COMMON.FORBIDDEN', 'COMMON.TOO_MANY'],
    summary: `For a resident whom staff registered at the counter and who now opens the app in their own WeChat:
a code to read out to staff (\`account/linking.ts\`). Answer \`LinkCode\`: \`{ code: "K7M4QX", expiresAt: ISO, minutes: 15 }\` —
6 characters of the booking-code alphabet (no 0/O, 1/I, 2/Z, 5/S, 8/B), valid 15 minutes, stored in
\`linkRequests\` with the caller's OPENID. Asking again while the code has more than 2 minutes left
answers the same code; otherwise a new one.
\`ACCOUNT.ALREADY_REGISTERED\`: the OPENID has a record; \`COMMON.FORBIDDEN\`: no OPENID (not a client call);
\`COMMON.TOO_MANY\`: a new code takes the OPENID's daily \`register\` quota, 5; the same code again takes none.
The caller is looked up with the link request: 3 round trips in all (issue 18).`,
  }),

  subscribed: contract<SubscribedResult>()({
    who: 'anyone',
    rule: "the caller's own OPENID (not a placeholder); only the kiosk's template ids",
    input: z.object({ templateIds: z.array(wxToken).min(L.templateIds.min).max(L.templateIds.max) }).strict(),
    errors: ['COMMON.FORBIDDEN', 'COMMON.NOT_REGISTERED'],
    group: MESSAGES,
    summary: `The ids \`wx.requestSubscribeMessage\` answered \`'accept'\` for, right after the tap. Each adds 1 to the
caller's sends left of that template (taps accumulate, as in WeChat). Answer \`{ left: { [TemplateKey]: n } }\`
for those templates. \`COMMON.INVALID_INPUT\`: an id that is not one of \`shared/templates.ts\`'s
current ids, more than 3, none (nothing written); \`COMMON.FORBIDDEN\`: a \`nowechat:\` placeholder;
\`COMMON.NOT_REGISTERED\`: no OPENID.`,
  }),

  myMessages: contract<InboxPage>()({
    who: 'registered',
    rule: "the caller's own messages only",
    familyProxy: true,
    // the cursor is the last message shown: its `at` and its `id` (beforeId means nothing without before)
    input: z.object({ before: z.number().int().positive().max(8.64e15).optional(), beforeId: id.optional() }).strict(),
    errors: [],
    group: MESSAGES,
    summary: `\`{ messages: InboxMessage[], unread: n, more: boolean }\`, newest first (by \`at\`, then by \`id\`), at most
20; the next page: \`before\` = the last message's \`at\` (epoch ms) and \`beforeId\` = its \`id\` (the messages older than
it, or as old with a smaller id: messages of one millisecond are neither skipped nor repeated;
\`before\` alone: older than that millisecond).
\`InboxMessage = { id, kind, title, lines: string[], page: "ticket/pages/detail/index?id=…" | null (no leading slash), at: epoch ms, read: boolean }\`.
Round trips: the caller with the page, then the count: 2.`,
  }),

  readMessages: contract<UnreadCount>()({
    who: 'registered',
    rule: "the caller's own messages only",
    familyProxy: true,
    input: z.union([z.object({ ids: z.array(id).min(L.readIds.min).max(L.readIds.max) }).strict(), z.object({ all: z.literal(true) }).strict()]),
    errors: ['MESSAGE.NOT_FOUND'],
    group: MESSAGES,
    summary: `Marks them read (\`readAt\`); ids of other people's messages match nothing and change nothing.
Answer \`{ unread: n }\`. \`MESSAGE.NOT_FOUND\` when none of \`ids\` is one of the caller's messages
(nothing changes; an id of the caller's that is already read is not an error) — one more read in that case only.`,
  }),

  searchResidents: contract<ResidentCard[]>()({
    who: 'staff',
    rule: "residents of the caller's own community only",
    input: z.object({ query: text(L.residentQuery.min, L.residentQuery.max) }).strict(),
    errors: [],
    group: COUNTER,
    summary: `Residents of the caller's community found the way staff type them (\`account/domain/search.ts\`): a
name or part of it (\`赵建国\`, \`赵\`), a called name (\`赵大爷\`), pinyin in full or from the start of a
syllable (\`zhaojianguo\`, \`zhao\`) or initials (\`zjg\`, via \`pinyin-pro\`), an address as people say it
(\`3号楼\` = \`3栋\` = \`3幢\` = \`３号楼\`, \`2单元\`, \`301\` = \`301室\` — address parts are whole words: \`3号楼\`
never finds \`13号楼\`), or several at once (\`3栋301\`, \`zou 5栋\`: all must match). Spaces and
punctuation are ignored; a query with nothing searchable left (\`.*\`) finds nobody. Every record
carries a \`searchKey\` written with it (register, registerFor, the seed). At most 20, by name
(one more query, by the \`community_name\` index, finds the duplicates). Phones are masked.
\`COMMON.INVALID_INPUT\`: invisible characters, over 30 characters.`,
  }),

  getResident: contract<ResidentCard>()({
    who: 'staff',
    rule: "a resident of the caller's own community",
    input: residentOnly,
    errors: ['COUNTER.RESIDENT_NOT_FOUND'],
    group: COUNTER,
    summary: `One resident of the caller's community (the counter's resident page; names in a
page's URL are only hints). \`COUNTER.RESIDENT_NOT_FOUND\` also for another community's resident.`,
  }),

  registerFor: contract<ResidentCard>()({
    who: 'staff',
    rule: "the estate is in the caller's own community; the resident's spoken consent",
    input: registerForInput,
    errors: ['COUNTER.CONSENT_REQUIRED', 'COUNTER.POSSIBLE_DUPLICATE', 'ACCOUNT.ESTATE_NOT_FOUND', 'COMMON.FORBIDDEN', 'COMMON.REQUEST_REUSED'],
    group: COUNTER,
    summary: `代登记: registers a resident who has no WeChat, in person at the counter (\`account/residents.ts\`). \`consent.spoken\` must be
true (the resident said yes). The record is \`role: resident\`, \`verified: true\` (\`verifiedBy\` = the
caller: staff saw the person), \`openid: "nowechat:<id>"\`, \`registeredBy: { id, name }\` and
\`consent: { method: "spoken", recordedBy, recordedByName, note? }\`. Answer: the new \`ResidentCard\`.
- Idempotent per staff member and \`requestId\`: the record's id is derived from both
  (sha-256 of \`\${staffId}:\${requestId}\`, 32 hex), so a repeat answers the first record; the same
  \`requestId\` with another name, address, phone or \`called\` → \`COMMON.REQUEST_REUSED\`.
- A resident of the community with the same name and address already exists →
  \`COUNTER.POSSIBLE_DUPLICATE\` with \`details: { duplicates: [{ id, name, address, verified }] }\`,
  nothing written; after checking it is another person, send again with \`confirmDuplicate: true\`
  (the answer's \`duplicateOf\` still lists them).
\`ACCOUNT.ESTATE_NOT_FOUND\`: unknown estate, or a building not in it; \`COMMON.FORBIDDEN\`: not staff, or the estate is in another
community; \`COMMON.INVALID_INPUT\`: e.g. invisible or control characters in a text.`,
  }),

  verifyResident: contract<ResidentCard>()({
    who: 'staff',
    rule: "a resident of the caller's own community",
    input: residentOnly,
    errors: ['COUNTER.RESIDENT_NOT_FOUND'],
    group: COUNTER,
    summary: `Staff checked the resident's papers in person: sets \`verified: true\`, \`verifiedBy\`, \`verifiedByName\`,
\`verifiedAt\`. A verified resident stays as first verified (a repeat writes nothing). Answer:
\`ResidentCard\`. \`COUNTER.RESIDENT_NOT_FOUND\` also for another community's resident.`,
  }),

  confirmLink: contract<ResidentCard>()({
    who: 'staff',
    rule: "a resident of the caller's own community, registered at the counter and not linked yet; the code of an unregistered WeChat",
    input: z.object({ residentId: id, code: linkCodeInput }).strict(),
    errors: ['COUNTER.RESIDENT_NOT_FOUND', 'ACCOUNT.LINK_CODE_NOT_FOUND', 'ACCOUNT.LINK_CODE_EXPIRED', 'ACCOUNT.LINK_CODE_USED', 'ACCOUNT.ALREADY_LINKED', 'ACCOUNT.WECHAT_ALREADY_REGISTERED'],
    group: COUNTER,
    summary: `Links the WeChat that asked for \`code\` (\`requestLink\`) to the resident, a record registered at the
counter: its placeholder OPENID becomes the requester's OPENID (\`linkedAt\`, \`linkedBy\`), the link
request is marked used (\`usedAt\`, \`usedBy\`, \`usedFor\`). From then on \`me\` from that WeChat answers
the resident. Answer: the \`ResidentCard\` (\`hasWeChat: true\`). Safe under concurrency without a
transaction: the record is updated only where it still holds its placeholder (two codes confirmed
for one resident at once: one wins, the other gets \`ACCOUNT.ALREADY_LINKED\` and its code stays
unused), and the unique index on \`users.openid\` lets one OPENID reach one record only (one code
confirmed for two residents at once: one wins, the other gets \`ACCOUNT.WECHAT_ALREADY_REGISTERED\`
or \`ACCOUNT.LINK_CODE_USED\`). Repeating a successful confirmation answers it again.
\`ACCOUNT.ALREADY_LINKED\`: the record has a WeChat already; \`ACCOUNT.WECHAT_ALREADY_REGISTERED\`: that WeChat has its own record now.`,
  }),

  familyCode: contract<FamilyCodeView>()({
    who: 'anyone',
    rule: 'a caller with an OPENID (registered or not); one live code per OPENID',
    input: z.object({ name: shortText(L.homeText.max) }).strict(),
    errors: ['COMMON.FORBIDDEN', 'COMMON.TOO_MANY'],
    group: FAMILY,
    summary: `家人代办, step 1: the family member (any WeChat) asks for a code to show at the counter, giving their
name (\`name\`, as staff will check it in person). Answer \`{ code: "480913", expiresAt: ISO, minutes: 30, memberName }\`:
6 digits, valid 30 minutes, in \`familyCodes\` (\`_id\` = the caller's OPENID, so one live code per OPENID: asking
again replaces it with a new code; \`code\` unique). \`COMMON.FORBIDDEN\`: no OPENID; \`COMMON.TOO_MANY\`: a new code
takes the OPENID's daily \`register\` quota (\`shared/quotas.ts\`).`,
  }),

  linkFamily: contract<FamilyLinkView>()({
    who: 'staff',
    rule: "an elder (resident) of the caller's own community; a live code; the elder's spoken consent; one active link per member and elder",
    input: z.object({ code: familyCodeInput, residentId: id, relation: z.enum(FAMILY_RELATIONS as [FamilyRelation, ...FamilyRelation[]]), consent: spokenConsent }).strict(),
    errors: ['COUNTER.RESIDENT_NOT_FOUND', 'COUNTER.CONSENT_REQUIRED', 'FAMILY.CODE_NOT_FOUND', 'FAMILY.CODE_EXPIRED', 'FAMILY.ALREADY_LINKED', 'FAMILY.SELF'],
    group: FAMILY,
    summary: `家人代办, step 2, at the counter (the elder's page, 绑定家人): staff enter the member's code, the relation
(\`son|daughter|spouse|relative\`: 儿子, 女儿, 配偶, 亲属) and the elder's spoken consent. Writes one \`familyLinks\`
record \`{ elderId, elderName, communityId, memberOpenid, memberName, relation, consent, linkedById, linkedByName, at, status: active }\`
and marks the code used. Answer \`FamilyLinkView = { id, elderId, elderName, communityId, memberName, relation, relationLabel, actorName: "邹建庄的女儿 邹梅", linkedByName, at, status }\`.
One active link per (member, elder): the unique \`activeKey\` makes two concurrent links of one code one link
(the other \`FAMILY.ALREADY_LINKED\`). \`FAMILY.CODE_NOT_FOUND\` (no such code, or used), \`FAMILY.CODE_EXPIRED\`,
\`FAMILY.SELF\` (the code is the elder's own WeChat), \`COUNTER.CONSENT_REQUIRED\` — nothing written.`,
  }),

  unlinkFamily: contract<FamilyLinkView>()({
    who: 'registered',
    rule: "staff of the elder's community, or the elder themself",
    input: z.object({ linkId: id }).strict(),
    errors: ['FAMILY.LINK_NOT_FOUND'],
    group: FAMILY,
    summary: `解除: revokes an active link (\`status: revoked\`, \`revokedAt\`, \`revokedBy\`): from the next call the member can no
longer act for the elder. A revoked link answers as it is (a repeat changes nothing).
\`FAMILY.LINK_NOT_FOUND\`: no such link, or the caller is neither staff of its community nor the elder.`,
  }),

  myElders: contract<FamilyLinkView[]>()({
    who: 'anyone',
    rule: "the caller's own OPENID's active links only",
    input: noFields,
    errors: [],
    group: FAMILY,
    summary: `我的家人: the elders the caller's WeChat is linked to (active links, newest first). A caller with no
OPENID or no link gets []. One read.`,
  }),

  familyLinksOf: contract<FamilyLinkView[]>()({
    who: 'staff',
    rule: "a resident of the caller's own community",
    input: residentOnly,
    errors: ['COUNTER.RESIDENT_NOT_FOUND'],
    group: FAMILY,
    summary: `The elder's page at the counter: the resident's family links, active first then revoked (≤ 20), with
who linked them and when.`,
  }),

  people: contract<PeopleList>()({
    who: 'admin',
    rule: "people of the caller's own community (not vendors)",
    input: z.object({ query: text(L.peopleQuery.min, L.peopleQuery.max).optional() }).strict(),
    errors: [],
    group: CONSOLE,
    summary: `Admins, grid workers, then residents (≤ 100), by name, with the community's grids (each with the
buildings it covers, \`place\`); with \`query\`, those whose name or address matches it as the counter's
search reads it; vendors are not listed. 3 reads in parallel: people, grids, estates.`,
  }),

  person: contract<PersonDetail>()({
    who: 'admin',
    rule: "a person of the caller's own community (not a vendor)",
    input: z.object({ userId: id }).strict(),
    errors: ['ACCOUNT.PERSON_NOT_FOUND'],
    group: CONSOLE,
    summary: `One person of the community, the grids they may be given and their logged role changes
(3 reads in parallel). \`ACCOUNT.PERSON_NOT_FOUND\` also for a vendor, or someone of another community.`,
  }),

  setRole: contract<RoleSet>()({
    who: 'admin',
    rule: "a person of the caller's own community, never the caller; staff must be verified and have their own WeChat; a grid worker works grids of the community",
    input: z.object({ userId: id, role: z.enum(ROLE_CHOICES), gridIds: z.array(id).max(L.workerGrids.max).optional() }).strict(),
    errors: ['ACCOUNT.PERSON_NOT_FOUND', 'ACCOUNT.OWN_ROLE', 'ACCOUNT.ROLE_NOT_CHANGEABLE', 'ACCOUNT.NOT_VERIFIED', 'ACCOUNT.NO_WECHAT', 'ACCOUNT.GRIDS_REQUIRED', 'ACCOUNT.GRID_NOT_FOUND', 'ACCOUNT.HAS_OPEN_TICKETS', 'COMMON.BUSY'],
    group: CONSOLE,
    summary: `\`gridIds\`: for a grid worker, ≥ 1 grid of the community. The person's role and grids, each grid joined
or left (\`grids.workerIds\`) and one \`roleChanges\` entry are one transaction, re-decided inside it
(two admins at once: both changes apply in turn, each logged from where the other left it); the same
role again changes and logs nothing (\`changed: false\`). Refusals (\`domain/roles.ts\` \`decideRoleChange\`):
\`ACCOUNT.OWN_ROLE\` (never one's own role: the first admin comes from the setup step),
\`ACCOUNT.ROLE_NOT_CHANGEABLE\` (a vendor), \`ACCOUNT.NOT_VERIFIED\` and \`ACCOUNT.NO_WECHAT\` (staff must be
seen at the counter and use their own WeChat), \`ACCOUNT.HAS_OPEN_TICKETS\` (\`details.openTickets\`: a
worker with accepted, unclosed tickets is not made a resident until they are assigned to someone else).`,
  }),

  roleLog: contract<RoleChangeEntry[]>()({
    who: 'admin',
    rule: "the caller's own community",
    input: z.object({ userId: id.optional() }).strict(),
    errors: [],
    group: CONSOLE,
    summary: `The community's logged role changes, newest first (≤ 100); with \`userId\`, that person's only.
\`RoleChangeEntry = { userId, userName, from: { role, gridIds }, to, via: role | grid, byId, byName, at }\`.`,
  }),

  grids: contract<GridsData>()({
    who: 'admin',
    rule: "the caller's own community",
    input: noFields,
    errors: [],
    group: CONSOLE,
    summary: `The community's grids (code, covers with estate names, workers), its estates (to draw grids from), its
grid workers, and one \`RobotView\` per grid: \`{ gridId, set, masked: '693a…5aaa' | null, lastPostAt, lastError }\`,
the WeCom group robot (the key is never answered).`,
  }),

  saveGrid: contract<GridView>()({
    who: 'admin',
    rule: "a grid of the caller's own community: its estates' buildings, not another grid's; its grid workers",
    input: saveGridInput,
    errors: ['GRID.NOT_FOUND', 'GRID.CODE_TAKEN', 'GRID.PLACE_NOT_FOUND', 'GRID.OVERLAP', 'GRID.WORKER_NOT_FOUND', 'GRID.WORKER_LAST_GRID', 'COMMON.BUSY'],
    group: CONSOLE,
    summary: `A new grid (no \`gridId\`) takes \`code\` (\`[A-Za-z0-9-]{2,20}\`, also its \`_id\`; unique). The grid, each joining
or leaving worker's \`gridIds\` and a \`roleChanges\` entry (\`via: grid\`) per worker are one transaction.
Routing reads grids at each report, so new reports follow at once; tickets already routed stay.
\`GRID.OVERLAP\` (\`details: { building, estateName, gridCode }\`: one building, one grid),
\`GRID.WORKER_NOT_FOUND\` (not a grid worker of the community), \`GRID.WORKER_LAST_GRID\` (a worker keeps
at least one grid: change their role first).`,
  }),

  setGridRobot: contract<RobotView>()({
    who: 'admin',
    rule: "a grid of the caller's own community; only a WeCom group robot address (qyapi.weixin.qq.com) or its key; the key is answered masked",
    input: z.object({ gridId: id, webhook: z.string().max(L.robotWebhook.max).nullable() }).strict(),
    errors: ['GRID.ROBOT_URL_INVALID', 'GRID.NOT_FOUND'],
    group: CONSOLE,
    summary: `\`webhook\`: \`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<uuid>\` or the key alone; null clears it.
One write to \`gridRobots\` (the key lives only there); a robot set anew posts facts from now on, a
changed key keeps the queue; clearing drops unsent posts. The ticket timer then posts the grid's new,
overdue and 督办 tickets (category, place, times; a dispute: category and grid only): docs/robots.md.
\`GRID.NOT_FOUND\`: not a grid of the admin's community; \`GRID.ROBOT_URL_INVALID\`: nothing written.`,
  }),

  testGridRobot: contract<RobotTested>()({
    who: 'admin',
    rule: "a grid of the caller's own community that has a robot",
    input: z.object({ gridId: id }).strict(),
    errors: ['GRID.NOT_FOUND', 'GRID.ROBOT_NOT_SET', 'GRID.ROBOT_FAILED'],
    group: CONSOLE,
    summary: `Answers once WeCom answered \`errcode 0\` to a short text message (3 s timeout).
\`GRID.ROBOT_FAILED\`: \`details.reason\` in Chinese (timeout, 45009, 93000…).`,
  }),
} satisfies Contracts;
