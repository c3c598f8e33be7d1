/**
 * The app's one time module (src/ui/time.ts) shows China time whatever the device's zone (issue 17:
 * a phone set to UTC read 14:53 on a page while the message said 22:53). This file runs the device
 * in UTC (process.env.TZ set before anything reads the clock) and checks every display function
 * against Asia/Shanghai; it also checks that no other file in src/ formats dates itself.
 */
process.env.TZ = 'UTC';

import fs from 'node:fs';
import path from 'node:path';
import { clockTime, dayText, isLocalDate, localDate, localDateOf, localDateParts, whenText } from '../../src/ui/time';

// 2026-12-11 06:53 UTC = 2026-12-11 14:53 in China (a Friday); 16:30 UTC = 00:30 the next day in China
const AFTERNOON = '2026-12-11T06:53:00.000Z';
const PAST_MIDNIGHT = '2026-12-11T16:30:00.000Z';
const NOW = Date.parse('2026-12-06T08:00:00.000Z');

it('runs with the device in UTC (else this file proves nothing)', () => {
  expect(new Date(AFTERNOON).getHours()).toBe(6);
  expect(new Date(AFTERNOON).getTimezoneOffset()).toBe(0);
});

it('clock times are China time', () => {
  expect(clockTime(AFTERNOON)).toBe('14:53');
  expect(clockTime(new Date(PAST_MIDNIGHT))).toBe('00:30');
  expect(clockTime(Date.parse(AFTERNOON))).toBe('14:53');
});

it('dates read 12月11日 周五, on China’s calendar, with the year only when it is not this year', () => {
  expect(dayText(AFTERNOON, NOW)).toBe('12月11日 周五');
  expect(dayText(PAST_MIDNIGHT, NOW)).toBe('12月12日 周六');
  expect(whenText(AFTERNOON, NOW)).toBe('12月11日 周五 14:53');
  expect(whenText(PAST_MIDNIGHT, NOW)).toBe('12月12日 周六 00:30');
  expect(whenText('2025-03-02T01:00:00.000Z', NOW)).toBe('2025年3月2日 周日 09:00');
});

it('a local date YYYY-MM-DD is that calendar day, never shifted by a zone', () => {
  expect(dayText('2026-12-11', NOW)).toBe('12月11日 周五');
  expect(dayText('2027-01-01', NOW)).toBe('2027年1月1日 周五');
  expect(isLocalDate('2026-02-28')).toBe(true);
  expect(isLocalDate('2026-02-30')).toBe(false);
  expect(isLocalDate('2026-2-3')).toBe(false);
});

it('today is China’s today: at 23:30 UTC it is already tomorrow in China', () => {
  const late = Date.parse('2026-12-10T23:30:00.000Z');
  expect(localDate(0, late)).toBe('2026-12-11');
  expect(localDate(1, late)).toBe('2026-12-12');
  expect(localDateParts(late)).toEqual({ y: 2026, m: 12, d: 11 });
  expect(localDateOf(PAST_MIDNIGHT)).toBe('2026-12-12');
});

it('no other file in src/ formats a date or a time itself (all go through src/ui/time.ts)', () => {
  const root = path.resolve(__dirname, '../../src');
  const own = path.join(root, 'ui', 'time.ts');
  const forbidden = /toLocale(Date|Time)?String|\.get(Hours|Minutes|Date|Day|Month|FullYear)\(|from 'dayjs|toISOString\(\)\.slice|Intl\.DateTimeFormat/;
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name) && p !== own) {
        fs.readFileSync(p, 'utf8')
          .split('\n')
          .forEach((line, i) => {
            if (forbidden.test(line)) offenders.push(`${path.relative(root, p)}:${i + 1}: ${line.trim()}`);
          });
      }
    }
  };
  walk(root);
  expect(offenders).toEqual([]);
});
