/**
 * 家人代办 (issue 22 §5) on this device: whether the family member has switched to acting for an elder
 * (「为TA办理」), kept in storage like the 大字 choice, and what a call adds for it.
 *
 * While on, a call of a family-proxy action (`familyActions.ts`) made from a page that allows it
 * carries `forElder: <elderId>` — a request the router checks against the member's active link; the
 * pages that allow it show the banner (src/ui/FamilyBanner.tsx). Off by default; 切回自己 turns it off.
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { isFamilyProxyAction, isFamilyProxyPage, proxyWords, type ProxyWords } from './familyActions';

/** The elder the member acts for. */
export interface ActingFor {
  elderId: string;
  elderName: string;
  /** the elder's community (the report form offers its estates) */
  communityId: string;
}

const KEY = 'kiosk.familyActing';
const listeners = new Set<(a: ActingFor | null) => void>();

/** The stored choice, or null (acting as oneself). */
export function actingFor(): ActingFor | null {
  try {
    const v = Taro.getStorageSync(KEY) as ActingFor | '' | undefined;
    return v && typeof v === 'object' && typeof v.elderId === 'string' && typeof v.elderName === 'string' && typeof v.communityId === 'string' ? v : null;
  } catch {
    return null;
  }
}

/** Switches to acting for `a`, or back to oneself (null); tells every mounted page. */
export function setActingFor(a: ActingFor | null): void {
  if (a) Taro.setStorageSync(KEY, a);
  else Taro.removeStorageSync(KEY);
  for (const l of listeners) l(a);
}

/** The current choice, updated when the switch changes it. */
export function useActingFor(): ActingFor | null {
  const [a, setA] = useState(actingFor);
  useEffect(() => {
    listeners.add(setA);
    return () => {
      listeners.delete(setA);
    };
  }, []);
  return a;
}

/** The route of the page on top (no leading slash), or ''. */
function currentRoute(): string {
  try {
    const pages = typeof Taro.getCurrentPages === 'function' ? (Taro.getCurrentPages() as { route?: string; path?: string }[]) : [];
    const top = pages[pages.length - 1];
    return (top?.route ?? top?.path ?? '').replace(/^\//, '').replace(/\?.*$/, '');
  } catch {
    return '';
  }
}

/**
 * Whether the page on top is acting for an elder now (the switch is on and the page allows it). Then
 * WeChat's 允许 is not asked (`subscribe.*.ts`): a tap would let the mini-program message the member,
 * while the messages of what she does for him go to him (his 消息, and his WeChat by his own taps).
 */
export function actingForElderHere(): boolean {
  return !!actingFor() && isFamilyProxyPage(currentRoute());
}

/**
 * What a call of `fn.action` adds for the family proxy: `{ forElder }` while acting for an elder, on a
 * family-proxy action, from a page that allows it; otherwise nothing.
 */
export function familyFieldsFor(fn: string, action: string): { forElder?: string } {
  const a = actingFor();
  if (!a || !isFamilyProxyAction(fn, action) || !isFamilyProxyPage(currentRoute())) return {};
  return { forElder: a.elderId };
}

/**
 * The words a page where the member may act for an elder (`FAMILY_PROXY_PAGES`) uses for the person
 * it serves (`familyActions.ts` {@link ProxyWords}): the elder's name while acting for them, else the
 * page's own 我的/您 words; updated when the switch changes. `counter`: a staff member serving a
 * resident at the counter — that page names the resident itself, so the words stay one's own.
 */
export function useProxyWords(counter = false): ProxyWords {
  const acting = useActingFor();
  return proxyWords(!counter && acting ? acting.elderName : null);
}
