/**
 * The one home of the words for events (活动; issue 22): an event's kind and state, as residents and
 * staff read them. Pure TypeScript, imported by the `market` function and the pages.
 */
import type { EventKind } from '../model';

/** Every event kind, in the order the form lists them. */
export const EVENT_KINDS: readonly EventKind[] = ['performance', 'clinic', 'talk', 'other'];

/** An event's kind, as everyone reads it. */
export const EVENT_KIND_LABELS: Readonly<Record<EventKind, string>> = {
  performance: '文艺演出',
  clinic: '义诊',
  talk: '宣讲',
  other: '其他活动',
};

/** An event's state for signing up (`EventView.state`), as residents read it. */
export const EVENT_STATE_LABELS: Readonly<Record<'open' | 'full' | 'closed', string>> = {
  open: '可以报名',
  full: '已报满，可候补',
  closed: '报名已结束',
};
