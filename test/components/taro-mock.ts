/**
 * A stand-in for @tarojs/taro in jsdom: navigation and modals are recorded so tests can assert on
 * them; lifecycle hooks run their callback once (as on first show).
 */
import { useEffect, useRef } from 'react';

export const calls: { navigateTo: string[]; showModal: unknown[]; toasts: unknown[] } = { navigateTo: [], showModal: [], toasts: [] };
let modalAnswer = true;
let routerParams: Record<string, string> = {};
let fontSizeSetting = 16;
let pageStack: { route: string }[] = [{ route: 'pages/index/index' }];
const hideListeners = new Set<{ current: () => void }>();

/** Test control: what the next showModal answers, and the page's URL params. */
export const control = {
  answerModal(confirm: boolean) {
    modalAnswer = confirm;
  },
  setParams(p: Record<string, string>) {
    routerParams = p;
  },
  /** The WeChat font size setting (16 = standard). */
  setFontSizeSetting(n: number) {
    fontSizeSetting = n;
  },
  /** The page stack getCurrentPages answers (routes, bottom first). */
  setPages(routes: string[]) {
    pageStack = routes.map((route) => ({ route }));
  },
  /** The user leaves the page: every mounted useDidHide callback runs. */
  hide() {
    for (const l of [...hideListeners]) l.current();
  },
  reset() {
    calls.navigateTo.length = 0;
    calls.showModal.length = 0;
    calls.toasts.length = 0;
    modalAnswer = true;
    routerParams = {};
    fontSizeSetting = 16;
    pageStack = [{ route: 'pages/index/index' }];
    storage.clear();
  },
};

const storage = new Map<string, unknown>();

const Taro = {
  navigateTo: (o: { url: string }) => {
    calls.navigateTo.push(o.url);
    return Promise.resolve();
  },
  redirectTo: (o: { url: string }) => Taro.navigateTo(o),
  reLaunch: (o: { url: string }) => Taro.navigateTo(o),
  navigateBack: (o?: { delta?: number }) => {
    calls.navigateTo.push(`back:${o?.delta ?? 1}`);
    return Promise.resolve();
  },
  getCurrentPages: () => pageStack,
  showModal: (o: unknown) => {
    calls.showModal.push(o);
    return Promise.resolve({ confirm: modalAnswer, cancel: !modalAnswer });
  },
  showToast: (o: unknown) => {
    calls.toasts.push(o);
    return Promise.resolve();
  },
  stopPullDownRefresh: () => undefined,
  getStorageSync: (k: string) => storage.get(k) ?? '',
  setStorageSync: (k: string, v: unknown) => storage.set(k, v),
  removeStorageSync: (k: string) => storage.delete(k),
  request: () => Promise.reject(new Error('no network in component tests')),
  getEnv: () => 'WEB',
  ENV_TYPE: { WEB: 'WEB', WEAPP: 'WEAPP' },
  getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2, platform: 'devtools', fontSizeSetting }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 812, pixelRatio: 2 }),
  createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }), selectAll: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }) }),
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  pxTransform: (n: number) => `${n}px`,
};

export const useRouter = () => ({ params: routerParams, path: '' });
export const useDidShow = (fn: () => void) => useEffect(() => fn(), []); // eslint-disable-line react-hooks/exhaustive-deps
export const useLaunch = useDidShow;
export const useDidHide = (fn: () => void) => {
  const ref = useRef(fn);
  ref.current = fn;
  useEffect(() => {
    hideListeners.add(ref);
    return () => {
      hideListeners.delete(ref);
    };
  }, []);
};
export const usePullDownRefresh = () => undefined;
export const useReady = useDidShow;
export const useUnload = () => undefined;
export const getEnv = Taro.getEnv;
export const ENV_TYPE = Taro.ENV_TYPE;
export const createSelectorQuery = Taro.createSelectorQuery;
export const nextTick = Taro.nextTick;
export const getSystemInfoSync = Taro.getSystemInfoSync;
export const pxTransform = Taro.pxTransform;
export default Taro;
