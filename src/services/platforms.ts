/**
 * Compile-time check (no runtime code) that each platform file (src/services, src/console/robot-local) keeps its neutral
 * interface: `x.weapp.ts` and `x.h5.ts` must export everything `x.ts` declares, with compatible types.
 * Pages import `x` and TypeScript reads `x.ts`; Taro's build takes the platform file instead, so a
 * platform file that drifted would only fail at run time — here it fails `npm run typecheck`.
 */
type Keeps<Platform extends Neutral, Neutral> = [Platform, Neutral];

export type PlatformFilesKeepTheirInterface = [
  Keeps<typeof import('./cloud.weapp'), typeof import('./cloud')>,
  Keeps<typeof import('./cloud.h5'), typeof import('./cloud')>,
  Keeps<typeof import('./upload.weapp'), typeof import('./upload')>,
  Keeps<typeof import('./upload.h5'), typeof import('./upload')>,
  Keeps<typeof import('./subscribe.weapp'), typeof import('./subscribe')>,
  Keeps<typeof import('./subscribe.h5'), typeof import('./subscribe')>,
  Keeps<typeof import('./identity.weapp'), typeof import('./identity')>,
  Keeps<typeof import('./identity.h5'), typeof import('./identity')>,
  Keeps<typeof import('../console/robot-local.weapp'), typeof import('../console/robot-local')>,
  Keeps<typeof import('../console/robot-local.h5'), typeof import('../console/robot-local')>,
];
