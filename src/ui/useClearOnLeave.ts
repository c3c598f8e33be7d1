/**
 * Clears a page's passing messages (an error, an outcome notice) when the user leaves the page: in
 * Taro a page stays alive under the next one, and a message about something done earlier must not
 * greet the user when they come back.
 */
import { useDidHide } from '@tarojs/taro';

export function useClearOnLeave(clear: () => void): void {
  useDidHide(clear);
}
