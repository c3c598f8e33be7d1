/**
 * One vocabulary (issue 19 item 2): the shared words — role names, ticket and booking status names,
 * phone masking, spoken consent — are defined once (`cloudfunctions/shared/vocabulary/`, and
 * `cloudfunctions/shared/spokenConsent.ts` for the server's check and record) and imported.
 *
 * The scan fails when a second definition appears anywhere in `src/` or `cloudfunctions/` (the
 * pages, the console, the ledger, the role log): a map from a role to a Chinese name, a copy of a
 * status list, the other name 社区工作人员 or 摊主（还没登记）, another `maskPhone`, another
 * consent record. `VOCABULARY_ROOT` scans another checkout (used to check the scan against the
 * code before issue 19, where it finds the copies). The rules themselves are tested below.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ERRORS } from '../../cloudfunctions/shared/errors';
import { recordSpokenConsent, spokenConsent } from '../../cloudfunctions/shared/spokenConsent';
import { CONSENT_NOTE_MAX, spokenConsentGiven } from '../../cloudfunctions/shared/vocabulary/consent';
import { maskPhone } from '../../cloudfunctions/shared/vocabulary/phone';
import { ROLE_LABELS, roleLabel } from '../../cloudfunctions/shared/vocabulary/roles';
import { BOOKING_STATUS_LABELS, TICKET_STATUS_LABELS } from '../../cloudfunctions/shared/vocabulary/statuses';

const ROOT = process.env.VOCABULARY_ROOT ?? path.resolve(__dirname, '..', '..');
const HOME = 'cloudfunctions/shared/vocabulary/';

/** Every .ts/.tsx file under `dir` (relative to ROOT, with `/`), skipping node_modules. */
function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      const r = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(r);
      } else if (/\.tsx?$/.test(e.name)) out.push(r);
    }
  };
  walk(dir);
  return out;
}

const FILES = [...sources('src'), ...sources('cloudfunctions')].map((file) => ({ file, text: fs.readFileSync(path.join(ROOT, file), 'utf8') }));

/** `file:line: text` of every line of a file outside `home` that matches `re` (comment lines only when `comments`). */
function outside(re: RegExp, home: (file: string) => boolean, comments = false): string[] {
  const hits: string[] = [];
  for (const { file, text } of FILES) {
    if (home(file)) continue;
    text.split('\n').forEach((line, i) => {
      if (!comments && /^\s*(\*|\/\/|\/\*)/.test(line)) return;
      if (re.test(line)) hits.push(`${file}:${i + 1}: ${line.trim()}`);
    });
  }
  return hits;
}

const inHome = (name: string) => (file: string) => file === `${HOME}${name}`;
const quote = `['"\`]`;
const han = '\\p{Script=Han}';

describe('one vocabulary: no second definition in src/ or cloudfunctions/', () => {
  test('the scan reads the pages and the functions', () => {
    expect(FILES.some((f) => f.file.startsWith('src/'))).toBe(true);
    expect(FILES.some((f) => f.file.startsWith('cloudfunctions/'))).toBe(true);
  });

  test('role names: no map from a role to a Chinese name outside vocabulary/roles.ts', () => {
    // `communityAdmin: '社区管理员'`, `{ value: 'gridWorker', label: '网格员' }`, `timer: '系统'`
    const asKey = new RegExp(`\\b(resident|gridWorker|communityAdmin|vendor|visitor)\\s*:\\s*${quote}[^'"\`]*${han}`, 'u');
    const asOption = new RegExp(`value\\s*:\\s*${quote}(resident|gridWorker|communityAdmin|vendor|visitor)${quote}\\s*,\\s*label\\s*:\\s*${quote}`, 'u');
    const timer = new RegExp(`\\btimer\\s*:\\s*${quote}系统`, 'u');
    expect([...outside(asKey, inHome('roles.ts')), ...outside(asOption, inHome('roles.ts')), ...outside(timer, inHome('roles.ts'))]).toEqual([]);
  });

  test('the other names of a role are gone: 社区工作人员 (communityAdmin) and 摊主（还没登记） (visitor)', () => {
    expect(outside(/社区工作人员|摊主（还没登记）/, inHome('roles.ts'), true)).toEqual([]);
  });

  test('ticket and booking status names: listed only in vocabulary/statuses.ts', () => {
    // (checkedIn 已签到 is also a stall application's status, stall/domain/stalls.ts: the same word, one meaning)
    const pairs = [...Object.entries(TICKET_STATUS_LABELS), ...Object.entries(BOOKING_STATUS_LABELS)].filter(([k]) => k !== 'checkedIn').map(([k, v]) => `\\b${k}\\s*:\\s*(\\{\\s*text\\s*:\\s*)?${quote}${v}${quote}`);
    // a booking's noShow / booked / cancelled under any other Chinese name (未到场 was one)
    const booking = new RegExp(`\\b(booked|cancelled|noShow)\\s*:\\s*(\\{\\s*text\\s*:\\s*)?${quote}[^'"\`]*${han}`, 'u');
    expect([...outside(new RegExp(pairs.join('|'), 'u'), inHome('statuses.ts')), ...outside(booking, inHome('statuses.ts'))]).toEqual([]);
  });

  test('phone masking: one maskPhone, in vocabulary/phone.ts', () => {
    expect(outside(/\bfunction maskPhone\b|\bmaskPhone\s*=|\*\*\*\*\$\{/, inHome('phone.ts'))).toEqual([]);
  });

  test('spoken consent: one schema and one record, in shared/spokenConsent.ts', () => {
    const home = (f: string) => f === 'cloudfunctions/shared/spokenConsent.ts';
    expect(outside(/spoken\s*:\s*z\.|method\s*:\s*'spoken'\s*,|new AppError\('COUNTER\.CONSENT_REQUIRED'/, home)).toEqual([]);
    // the pages send it through one builder
    expect(outside(/consent\s*:\s*(\w+\s*\?\s*)?\{\s*spoken\s*:/, inHome('consent.ts'))).toEqual([]);
  });
});

describe('the rules of the vocabulary', () => {
  test('a role has one name (GLOSSARY): communityAdmin is 社区管理员; timer 系统; visitor 访客; unknown shown as is', () => {
    expect(ROLE_LABELS).toEqual({ resident: '居民', gridWorker: '网格员', communityAdmin: '社区管理员', vendor: '摊主' });
    expect(['communityAdmin', 'timer', 'visitor', 'somethingNew'].map(roleLabel)).toEqual(['社区管理员', '系统', '访客', 'somethingNew']);
  });

  test('a booking no-show reads 爽约 (GLOSSARY), in the card and the ledger alike', () => {
    expect(BOOKING_STATUS_LABELS.noShow).toBe('爽约');
    expect(TICKET_STATUS_LABELS).toEqual({ pending: '待受理', inProgress: '处理中', handled: '待回访', closed: '已办结', merged: '已合并' });
  });

  test('maskPhone: an 11-digit number shows 3 + 4 digits; any other length shows nothing', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    // a shorter number (a landline, a foreign mobile) would be nearly shown in full by 3 + 4 digits
    expect(['87654321', '1234567', '123', '', '008613812341234'].map(maskPhone)).toEqual(['****', '****', '****', '****', '****']);
  });

  test('spoken consent: the schema takes { spoken, note? } only; the record names who heard it; no consent is refused', () => {
    expect(spokenConsent.safeParse({ spoken: true }).success).toBe(true);
    expect(spokenConsent.safeParse({ spoken: true, note: '女儿在场' }).success).toBe(true);
    expect(spokenConsent.safeParse({ spoken: true, extra: 1 }).success).toBe(false);
    expect(spokenConsent.safeParse({ spoken: true, note: '字'.repeat(CONSENT_NOTE_MAX + 1) }).success).toBe(false);
    const staff = { _id: 'w-chen', name: '陈晓丹' };
    expect(recordSpokenConsent(spokenConsentGiven('女儿在场'), staff)).toEqual({ method: 'spoken', recordedBy: 'w-chen', recordedByName: '陈晓丹', note: '女儿在场' });
    expect(recordSpokenConsent(spokenConsentGiven(), staff)).toEqual({ method: 'spoken', recordedBy: 'w-chen', recordedByName: '陈晓丹' });
    expect(() => recordSpokenConsent({ spoken: false }, staff)).toThrow(ERRORS['COUNTER.CONSENT_REQUIRED']);
  });
});
