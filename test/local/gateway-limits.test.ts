/**
 * Malformed and oversized bodies through the real HTTP gateway (issue 16, "Abuse and bad input"):
 * a body nested 10 000 levels deep used to reach the function pool, where structured clone into the
 * worker threw `RangeError: Maximum call stack size exceeded` after the worker had been marked busy —
 * it stayed out of service until the function's timeout (20 s), so a handful of such requests
 * stalled every caller. Now the gateway refuses depth (> 64) and size (> 100 KB, CloudBase's own limit for a text body) before parsing, and
 * the pool frees a worker whose event cannot be handed over.
 */
import path from 'node:path';
import { startGateway, type Gateway } from '../../local/gateway';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../local/json-limits';
import { FunctionInvokeError } from '../../local/runtime/pool';
import { startTestCloud, type TestCloud } from '../support/local-cloud';

const deepArrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
/** `{"action":"me","x":{"a":{"a":…1…}}}`: `n` + 1 levels in all. */
const deepObjects = (n: number) => `{"action":"me","x":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`;

let cloud: TestCloud;
let gw: Gateway;
let base: string;

beforeAll(async () => {
  // one worker: a worker lost to a bad request would show at once
  cloud = await startTestCloud({ poolSize: 1, seed: false });
  gw = await startGateway(cloud, { mode: 'demo', port: 0, h5Dir: path.join(cloud.dataDir, 'no-h5') });
  base = `http://127.0.0.1:${gw.port}`;
});
afterAll(async () => {
  await gw.close();
  await cloud.close();
});

const post = (body: string, fn = 'account') =>
  fetch(`${base}/api/functions/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json', 'X-WX-OPENID': 'local-p-limits' }, body });

/** A normal call answers, and no worker is left busy or call left waiting. */
async function stillServing(): Promise<void> {
  const r = await post(JSON.stringify({ action: 'me' }));
  expect(r.status).toBe(200);
  expect(await r.json()).toEqual({ result: { ok: true, data: expect.objectContaining({ registered: false }) } });
  expect(cloud.pool.load()).toEqual({ busy: 0, queued: 0, size: 1 });
  expect(await (await fetch(`${base}/healthz`)).text()).toBe('ok');
}

describe('jsonNestingDepth: one pass, no recursion', () => {
  it('counts arrays and objects, not brackets inside strings or escaped quotes', () => {
    expect(jsonNestingDepth('1')).toBe(0);
    expect(jsonNestingDepth('{}')).toBe(1);
    expect(jsonNestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonNestingDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonNestingDepth('{"a":"\\"[[[[","b":[]}')).toBe(2);
    expect(jsonNestingDepth(deepArrays(1_000_000))).toBe(1_000_000);
    expect(jsonNestingDepth(deepArrays(1_000_000), 64)).toBe(65);
  });
});

describe('the gateway refuses depth and size before anything else, and keeps serving', () => {
  it('10 000 levels of [[[…]]] and {"a":{"a":…}}: 400 with a clear message, nothing reaches a worker', async () => {
    for (const body of [deepArrays(10_000), deepObjects(10_000)]) {
      const r = await post(body);
      expect(r.status).toBe(400);
      const answer = (await r.json()) as { errCode: number; errMsg: string };
      expect(answer.errCode).toBe(-501007);
      expect(answer.errMsg).toContain('嵌套太深');
      expect(answer.errMsg).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
      await stillServing();
    }
  });

  it('twenty deep requests at once, then a normal call: answered, the worker free', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 ? deepArrays(10_000) : deepObjects(10_000))));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(400));
    await stillServing();
  });

  it('64 levels reach the function (which validates them), 65 do not; brackets inside strings do not count', async () => {
    const at64 = await post(deepObjects(MAX_JSON_DEPTH - 1));
    expect(at64.status).toBe(200);
    expect(((await at64.json()) as { result: { error: { code: string } } }).result.error.code).toBe('COMMON.INVALID_INPUT');
    expect((await post(deepObjects(MAX_JSON_DEPTH))).status).toBe(400);
    const inString = await post(JSON.stringify({ action: 'me', x: '['.repeat(5000) }));
    expect(inString.status).toBe(200);
    expect(((await inString.json()) as { result: { error: { code: string } } }).result.error.code).toBe('COMMON.INVALID_INPUT');
    await stillServing();
  });

  it('a body over 100 KB (CloudBase: EXCEED_MAX_PAYLOAD_SIZE): 413, and the next call is served', async () => {
    const r = await post(JSON.stringify({ action: 'me', x: 'x'.repeat(100 * 1024) }));
    expect(r.status).toBe(413);
    expect(((await r.json()) as { errMsg: string }).errMsg).toContain('太大');
    await stillServing();
  });
});

describe('the function pool: an event a worker cannot be handed fails alone', () => {
  it('a 10 000-level event called directly is refused at once and leaves the worker free', async () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 10_000; i += 1) deep = [deep];
    const failed = await cloud.call('account', { action: 'me', x: deep }, 'local-p-limits').then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(FunctionInvokeError);
    expect((failed as FunctionInvokeError).errCode).toBe(-504002);
    // before the fix the only worker stayed busy until the 20 s timeout
    expect(cloud.pool.load()).toEqual({ busy: 0, queued: 0, size: 1 });
    await expect(cloud.call('account', { action: 'me' }, 'local-p-limits')).resolves.toMatchObject({ ok: true });
  });
});
