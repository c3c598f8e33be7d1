/**
 * Guard rails of the local demo runtime (`npm start`). The local gateway lets any caller act as
 * any seeded person (the `X-WX-OPENID` header, `GET /api/local/people`): that is a demo, and it
 * must never run where real people or a real CloudBase environment are involved.
 *
 * - {@link demoRefusal}: the reason the demo server must not start in this environment, or null.
 *   It refuses when `NODE_ENV=production`, or when any variable of {@link REAL_CLOUD_VARIABLES}
 *   (real CloudBase / Tencent Cloud credentials or environment ids, or the markers of running inside
 *   a real cloud function) is set to a non-empty value in the server's own environment.
 * - {@link isLoopbackHost} / {@link exposureWarning}: the server listens on 127.0.0.1 unless `HOST`
 *   says otherwise; any other address gets a loud warning, since everyone who can reach it can act
 *   as any demo person.
 *
 * Pure functions of their inputs (the environment is passed in); no I/O.
 */

/** The loopback address the demo listens on unless `HOST` is set. */
export const DEFAULT_HOST = '127.0.0.1';

/**
 * Variables whose presence means "this shell or process is wired to a real cloud": Tencent Cloud
 * API credentials (`TENCENTCLOUD_SECRETID`/`SECRETKEY`/`SESSIONTOKEN`, also what `npm run db:setup`
 * uses), CloudBase environment ids (`TCB_ENV`, `TCB_ENV_ID`, `CLOUDBASE_ENV_ID`) and the markers of
 * running inside a real cloud function (`TENCENTCLOUD_RUNENV`, `SCF_NAMESPACE`). The local runtime
 * sets fake values of some of these for its own function workers only, never in the server's
 * environment, so they are checked before anything starts.
 */
export const REAL_CLOUD_VARIABLES = [
  'TENCENTCLOUD_SECRETID',
  'TENCENTCLOUD_SECRETKEY',
  'TENCENTCLOUD_SESSIONTOKEN',
  'TCB_ENV',
  'TCB_ENV_ID',
  'CLOUDBASE_ENV_ID',
  'TENCENTCLOUD_RUNENV',
  'SCF_NAMESPACE',
] as const;

/** Why the demo server must not start with environment `env` (Chinese, then English), or null if it may. */
export function demoRefusal(env: Record<string, string | undefined>): string | null {
  const reasons: string[] = [];
  if ((env.NODE_ENV ?? '').trim() === 'production') reasons.push('NODE_ENV=production');
  for (const name of REAL_CLOUD_VARIABLES) if ((env[name] ?? '').trim() !== '') reasons.push(`${name} is set`);
  if (!reasons.length) return null;
  return [
    `本地演示服务器拒绝启动：${reasons.join('，')}。`,
    '本地演示可以任意切换身份（X-WX-OPENID 请求头、/api/local/people），只能在本机演示和测试中运行，',
    '不能作为生产服务，也不能在配置了真实云开发环境或腾讯云密钥的环境里运行。请在一个干净的终端里运行 npm start',
    `（取消 NODE_ENV=production 以及 ${REAL_CLOUD_VARIABLES.join('、')}）。`,
    `The local demo server refuses to start: ${reasons.join(', ')}.`,
    'The demo lets any caller act as any person (the X-WX-OPENID header, /api/local/people); it runs only for',
    'local demos and tests, never as a production server and never in a shell holding a real CloudBase',
    `environment or Tencent Cloud credentials. Run npm start in a clean shell (unset NODE_ENV=production and ${REAL_CLOUD_VARIABLES.join(', ')}).`,
  ].join('\n');
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1 (also as [::1] or IPv4-mapped) and `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** The warning to print when the demo listens on `host`, or null for a loopback address. */
export function exposureWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return [
    `警告：本地演示正在监听 ${host}，不只是本机。同一网络上的任何人都能访问它，并以任何演示人员的身份操作（预约、代办、查看居民信息）。`,
    '只在可信的网络上这样做；去掉 HOST 即只监听 127.0.0.1。',
    `WARNING: the local demo listens on ${host}, not only on this machine. Anyone on that network can reach it and act as any demo person (book, act at the counter, read residents' details).`,
    'Do this only on a network you trust; unset HOST to listen on 127.0.0.1 only.',
  ].join('\n');
}
