/**
 * Reloads a page's data when the user comes back to it (e.g. after booking or cancelling on
 * another page). The first show is skipped: the page has just loaded.
 */
import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

export function useReloadOnReturn(reload: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) reload();
    shown.current = true;
  });
}
