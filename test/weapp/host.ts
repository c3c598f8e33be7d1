/**
 * A minimal mini-program host for miniprogram-simulate: `wx` (cloud calls go to the local cloud,
 * everything else is a harmless stub), `App`/`getApp`, and `Page` as a Component-based page, so
 * that a compiled Taro page (dist/weapp) can load and render in jsdom.
 */
import path from 'node:path';

type AnyFn = (...args: unknown[]) => unknown;
type Rec = Record<string, unknown>;

export interface HostOptions {
  weappRoot: string;
  /**
   * Route and query of the page being loaded next (set `host.next` before each `simulate.load`);
   * `alone`: it opens as from a share or a reLaunch, the only page in the stack.
   */
  next: { route: string; query: Record<string, string>; alone?: boolean };
  /** What `wx.cloud.callFunction` does. */
  callFunction: (name: string, data: Rec) => Promise<unknown>;
  /** Recorded wx calls (navigateTo urls …). */
  log: { name: string; args: unknown[] }[];
}

const sysInfo = { windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, pixelRatio: 2, platform: 'devtools', language: 'zh_CN', version: '8.0.50', SDKVersion: '3.6.0', fontSizeSetting: 16, statusBarHeight: 20, safeArea: { top: 20, bottom: 812, left: 0, right: 375, width: 375, height: 792 } };

/** Installs the host globals; returns a function that removes them. */
export function installHost(o: HostOptions): () => void {
  const g = globalThis as unknown as Rec;
  const storage = new Map<string, unknown>();
  const known: Rec = {
    cloud: {
      init: () => undefined,
      callFunction: async ({ name, data, success, fail }: { name: string; data: Rec; success?: AnyFn; fail?: AnyFn }) => {
        try {
          const res = { result: await o.callFunction(name, data), errMsg: 'cloud.callFunction:ok' };
          success?.(res);
          return res;
        } catch (e) {
          fail?.(e);
          throw e;
        }
      },
    },
    getSystemInfoSync: () => sysInfo,
    getWindowInfo: () => sysInfo,
    getDeviceInfo: () => sysInfo,
    getAppBaseInfo: () => sysInfo,
    getSystemSetting: () => ({}),
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => storage.set(k, v),
    getMenuButtonBoundingClientRect: () => ({ top: 24, bottom: 56, left: 280, right: 367, width: 87, height: 32 }),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    createSelectorQuery: () => {
      const q: Rec = {};
      const self = () => q;
      Object.assign(q, { in: self, select: self, selectAll: self, selectViewport: self, boundingClientRect: self, scrollOffset: self, fields: self, exec: (cb?: AnyFn) => cb?.([]) });
      return q;
    },
  };
  const wx = new Proxy(known, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (prop === 'webpackJsonp') return undefined;
      // any other API: record the call and answer success asynchronously
      return (...args: unknown[]) => {
        o.log.push({ name: prop, args });
        const opts = args[0] as { success?: AnyFn; complete?: AnyFn } | undefined;
        setTimeout(() => {
          opts?.success?.({ errMsg: `${prop}:ok` });
          opts?.complete?.({ errMsg: `${prop}:ok` });
        }, 0);
        return undefined;
      };
    },
    set(target, prop: string, value) {
      target[prop] = value;
      return true;
    },
  });

  let app: Rec | null = null;
  const pages: Rec[] = [];
  const Component = g.Component as (cfg: Rec) => void;
  Object.assign(g, {
    wx,
    App: (cfg: Rec) => {
      app = cfg;
      (cfg.onLaunch as AnyFn | undefined)?.call(cfg, { path: o.next.route, query: {} });
      (cfg.onShow as AnyFn | undefined)?.call(cfg, { path: o.next.route, query: {} });
    },
    getApp: () => app,
    getCurrentPages: () => pages,
    requirePlugin: () => ({}),
    Page: (cfg: Rec) => {
      const methods: Rec = {};
      const fields: Rec = {};
      for (const [k, v] of Object.entries(cfg)) {
        if (k === 'data') continue;
        if (typeof v === 'function') methods[k] = v;
        else fields[k] = v;
      }
      const { route, query, alone } = o.next;
      Component({
        data: cfg.data ?? {},
        methods,
        lifetimes: {
          attached(this: Rec) {
            Object.assign(this, fields, { route, is: route, options: query });
            if (alone) pages.length = 0;
            pages.push(this);
            (this.onLoad as AnyFn | undefined)?.call(this, query);
            (this.onShow as AnyFn | undefined)?.call(this);
            (this.onReady as AnyFn | undefined)?.call(this);
          },
        },
      });
    },
  });
  // the app registers the runtime and the App before any page
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(o.weappRoot, 'app.js'));
  return () => {
    for (const k of ['wx', 'App', 'getApp', 'getCurrentPages', 'requirePlugin', 'Page']) delete g[k];
  };
}
