/**
 * 长辈模式 (elder mode): large text (≥ 18 px), large tap targets (≥ 60×60 px), generous line
 * height, high contrast, no pop-ups, one primary action per screen.
 *
 * It follows the user's WeChat font setting (`fontSizeSetting` / `fontSizeScaleFactor`: larger
 * than standard turns it on) unless the user chose on or off (the 大字 switch at the top of home, the
 * first-visit offer on home and on the registration page, the card at the bottom of home); the
 * choice is kept on the device. The offer is made until the person answers it (either way): that
 * answer is kept too (issue 17: the switch was found last, two screens down).
 */
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

export type ElderPreference = 'auto' | 'on' | 'off';
const KEY = 'kiosk.elderMode';
const OFFER_KEY = 'kiosk.elderOffer';
const listeners = new Set<(on: boolean) => void>();

/** The stored choice ('auto' when none). */
export function elderPreference(): ElderPreference {
  try {
    const v = Taro.getStorageSync(KEY) as string;
    return v === 'on' || v === 'off' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

/** True if the WeChat (or system) font setting is larger than standard. */
export function systemPrefersLargeText(): boolean {
  try {
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number; fontSizeScaleFactor?: number };
    return (info.fontSizeScaleFactor ?? 1) > 1.1 || (info.fontSizeSetting ?? 16) > 17;
  } catch {
    return false;
  }
}

/** Whether elder mode is on now. */
export function isElderMode(): boolean {
  const p = elderPreference();
  return p === 'on' || (p === 'auto' && systemPrefersLargeText());
}

/** Stores the choice and tells every mounted page. */
export function setElderPreference(p: ElderPreference): void {
  Taro.setStorageSync(KEY, p);
  const on = isElderMode();
  for (const l of listeners) l(on);
}

/** The current elder mode, updated when the switch changes it. */
export function useElderMode(): boolean {
  const [on, setOn] = useState(isElderMode);
  useEffect(() => {
    listeners.add(setOn);
    return () => {
      listeners.delete(setOn);
    };
  }, []);
  return on;
}

/**
 * True while the first-visit offer (字太小？点这里用大字) should be shown: nobody chose yet (no stored
 * choice, no answer to the offer) and elder mode is not already on by the WeChat font setting.
 */
export function shouldOfferElder(): boolean {
  if (elderPreference() !== 'auto' || isElderMode()) return false;
  try {
    return Taro.getStorageSync(OFFER_KEY) !== 'answered';
  } catch {
    return true;
  }
}

/** Records that the offer was answered (用大字 or 不用了): it is not made again on this device. */
export function answerElderOffer(): void {
  Taro.setStorageSync(OFFER_KEY, 'answered');
}
