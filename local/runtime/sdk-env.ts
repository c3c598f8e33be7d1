/**
 * The environment that points the real, unmodified wx-server-sdk at the local CloudBase emulator
 * (DESIGN.md, "Runtime"): `TCB_CONTEXT_CNFG` redirects its API calls to `url`; with
 * `TENCENTCLOUD_RUNENV=SCF`, `SCF_NAMESPACE`, a region and non-empty (fake) secrets set, the SDK makes
 * no other connection (without secrets it raises an unhandled rejection that kills Node 20).
 * Used by the function workers, the tests that drive the SDK in their own process, and the bench.
 */

/** The cloud environment id of the local runtime (the functions' `TCB_ENV`, the env of their fileIDs). */
export const LOCAL_ENV_ID = 'local-kiosk';

/** Variables for an SDK talking to the emulator at `url` (`http://127.0.0.1:PORT/admin`) as environment `envId`. */
export function sdkEnvFor(url: string, envId = LOCAL_ENV_ID): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: '',
  };
}

/** Points an SDK loaded in this very process at the emulator (tests, bench): sets {@link sdkEnvFor} on `process.env`. */
export function pointSdkAt(url: string, envId = 'local-kiosk'): void {
  Object.assign(process.env, sdkEnvFor(url, envId));
}
