/**
 * The root of every page: applies elder mode (class `elder`) so that the large-text rules in
 * app.css reach every element of the page, and gives every page but home a way back and a way home
 * ({@link PageNav}).
 */
import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState, type PropsWithChildren } from 'react';
import { useElderMode } from './elder';
import { FamilyBanner } from './FamilyBanner';
import { Button } from './nutui';

/** The home page: where 回首页 leads. */
export const HOME_URL = '/pages/index/index';

/** How many pages the stack holds now (1 when this page was opened from a link, a share or a reload). */
export function pageDepth(): number {
  try {
    return typeof Taro.getCurrentPages === 'function' ? Math.max(1, Taro.getCurrentPages().length) : 1;
  } catch {
    return 1;
  }
}

/**
 * Which way-finding buttons a page shows. In the H5 app there is no navigation bar: a page shows
 * 返回 when there is a page to go back to, and 回首页 always. In the mini-program WeChat's own
 * navigation bar gives the way back, so only a page opened alone (from a share, a reload) shows
 * 回首页. Home shows neither.
 */
export function navButtons(opts: { home: boolean; depth: number; h5: boolean }): { back: boolean; home: boolean } {
  if (opts.home) return { back: false, home: false };
  if (opts.h5) return { back: opts.depth > 1, home: true };
  return { back: false, home: opts.depth <= 1 };
}

/** Goes back one page, or home when there is nothing to go back to. */
export function goBack(): void {
  if (pageDepth() > 1) Taro.navigateBack();
  else Taro.reLaunch({ url: HOME_URL });
}

/**
 * Goes back to the nearest page of `route` in the stack (e.g. the resident's page at the counter),
 * or, when the stack does not hold it (opened from a link or a reload), opens `url` in this page's place.
 */
export function backToPage(route: string, url: string): void {
  let pages: { route?: string; path?: string }[] = [];
  try {
    pages = typeof Taro.getCurrentPages === 'function' ? (Taro.getCurrentPages() as { route?: string; path?: string }[]) : [];
  } catch {
    pages = [];
  }
  const want = route.replace(/^\//, '');
  for (let i = pages.length - 2; i >= 0; i -= 1) {
    const at = (pages[i].route ?? pages[i].path ?? '').replace(/^\//, '').replace(/\?.*$/, '');
    if (at === want) {
      Taro.navigateBack({ delta: pages.length - 1 - i });
      return;
    }
  }
  Taro.redirectTo({ url });
}

/** Goes home, closing every page on the way. */
export function goHome(): void {
  Taro.reLaunch({ url: HOME_URL });
}

/** The bar above a page: 返回 (left) and 回首页 (right), large in elder mode. */
export function PageNav({ home = false }: { home?: boolean }) {
  const [depth, setDepth] = useState(1);
  // the page joins the stack as it mounts: read it after, and again each time the page shows
  useEffect(() => setDepth(pageDepth()), []);
  useDidShow(() => setDepth(pageDepth()));
  const show = navButtons({ home, depth, h5: process.env.TARO_ENV === 'h5' });
  if (!show.back && !show.home) return null;
  return (
    <View className="page-nav" role="navigation" aria-label="页面导航">
      {show.back ? (
        <Button className="page-nav-back" size="large" onClick={goBack}>
          ‹ 返回
        </Button>
      ) : (
        <View className="page-nav-space" />
      )}
      {show.home ? (
        <Button className="page-nav-home" size="large" onClick={goHome}>
          回首页
        </Button>
      ) : null}
    </View>
  );
}

/**
 * A page: elder mode on its root, and {@link PageNav} on top unless it is the home page (`home`).
 * `proxy`: a page where a family member may act for an elder (家人代办; `FAMILY_PROXY_PAGES`): it shows
 * {@link FamilyBanner} while they do.
 */
export function Page({ className, children, home = false, proxy = false }: PropsWithChildren<{ className?: string; home?: boolean; proxy?: boolean }>) {
  const elder = useElderMode();
  return (
    <View className={`page${elder ? ' elder' : ''}${className ? ` ${className}` : ''}`}>
      <PageNav home={home} />
      {proxy ? <FamilyBanner /> : null}
      {children}
    </View>
  );
}
