/**
 * `shared/volunteering.ts` `creditHours` through the real wx-server-sdk (in this process) against the
 * local emulator (issue 22; docs/everyday-services-design.md §4): the same act credited again — in
 * turn or five times at once — is success and leaves exactly one entry with the first minutes; a
 * different act or another volunteer is a new entry; minutes come from the one table.
 */
import { pointSdkAt } from '../../local/runtime/sdk-env';
import { startTestCloud, type TestCloud } from '../support/local-cloud';

let cloud: TestCloud;
let v: typeof import('../../cloudfunctions/shared/volunteering');

beforeAll(async () => {
  cloud = await startTestCloud({ poolSize: 1 });
  pointSdkAt(cloud.endpoint.url, 'local-kiosk');
  // loaded after the SDK points at the emulator (shared/cloud.ts initialises it on import)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  v = require('../../cloudfunctions/shared/volunteering');
}, 60_000);
afterAll(() => cloud.close());

const entry = { communityId: 'c-laocheng', userId: 'r-test', name: '测试', source: 'parcelDelivered' as const, refId: 'p-1', at: new Date('2026-03-02T02:00:00Z') };

describe('creditHours', () => {
  it('the same act credited twice: the second is success (credited: false), one entry with the table minutes', async () => {
    expect(await v.creditHours(entry)).toEqual({ id: 'parcelDelivered:p-1:r-test', minutes: 20, credited: true });
    const before = cloud.snapshot();
    expect(await v.creditHours({ ...entry, note: '又一次' })).toEqual({ id: 'parcelDelivered:p-1:r-test', minutes: 20, credited: false });
    expect(cloud.snapshot()).toBe(before);
    expect(cloud.db.find('volunteerHours', {})).toEqual([expect.objectContaining({ _id: 'parcelDelivered:p-1:r-test', minutes: 20, date: '2026-03-02', source: 'parcelDelivered' })]);
  });

  it('five credits of one patrol at once → exactly one credited, one entry; its minutes capped at 240', async () => {
    const patrol = { ...entry, source: 'patrol' as const, refId: 'pt-1', minutes: 300 };
    const answers = await Promise.all(Array.from({ length: 5 }, () => v.creditHours(patrol)));
    expect(answers.filter((a) => a.credited)).toHaveLength(1);
    expect(cloud.db.find('volunteerHours', { refId: 'pt-1' })).toEqual([expect.objectContaining({ minutes: 240, role: 'patroller' })]);
  });

  it('another act, or another volunteer on the same act, is a new entry', async () => {
    expect((await v.creditHours({ ...entry, refId: 'p-2' })).credited).toBe(true);
    expect((await v.creditHours({ ...entry, userId: 'r-other' })).credited).toBe(true);
    expect(cloud.db.countDocuments('volunteerHours', { source: 'parcelDelivered' })).toBe(3);
  });

  it('the table: verification 30 (信息员), mediation 60 (调解员), duty 180, staff as typed up to 600', () => {
    expect([v.minutesFor('verification'), v.minutesFor('mediation'), v.minutesFor('duty'), v.minutesFor('staff', 45), v.minutesFor('staff', 900)]).toEqual([30, 60, 180, 45, 600]);
    expect(v.STANDARD_MINUTES.verification.role).toBe('informant');
    expect(() => v.minutesFor('patrol', 0)).toThrow();
  });
});
