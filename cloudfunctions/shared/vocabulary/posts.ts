/**
 * The one home of the words for the neighbourhood board (邻里互助, issue 22): a post's kinds and
 * states, and the nickname an author is shown by. Pure TypeScript, imported by the `posts` function
 * and the pages.
 */
import type { Home, PostKind, PostStatus } from '../model';

/** Every kind, in the order the board's tabs list them. */
export const POST_KINDS: readonly PostKind[] = ['swap', 'help', 'job'];

/** A kind's name. */
export const POST_KIND_LABELS: Readonly<Record<PostKind, string>> = {
  swap: '旧物置换',
  help: '互助广告',
  job: '就业招聘',
};

/** A post's state, as people read it. */
export const POST_STATUS_LABELS: Readonly<Record<PostStatus, string>> = {
  published: '展示中',
  takenDown: '已被下架',
  expired: '已过期',
  withdrawn: '已撤下',
};

/** `3` → `3号楼`; a building already named (`东区A座`) stays as written. */
export function buildingLabel(home: Pick<Home, 'building'> | undefined): string | null {
  const b = home?.building?.trim();
  if (!b) return null;
  return /^\d+$/.test(b) ? `${b}号楼` : b;
}

/**
 * The nickname a post's author is shown by on the board — never a full name, never a phone:
 * a resident 「<building> <how neighbours call them>」 (`3号楼 赵大爷`), or, without `called`,
 * 「<building> <surname>邻居」 (`5号楼 邹邻居`); without a home 「<surname>邻居」; staff 「社区 <name>」.
 */
export function postAuthorName(u: { name: string; called?: string; home?: Pick<Home, 'building'>; staff: boolean }): string {
  if (u.staff) return `社区 ${u.name}`;
  const who = u.called?.trim() || `${[...u.name.trim()][0] ?? ''}邻居`;
  const b = buildingLabel(u.home);
  return b ? `${b} ${who}` : who;
}

/** The asker as a post's author reads them in 消息: their name and building (`赵建国（3号楼）`), no phone. */
export function askerName(u: { name: string; home?: Pick<Home, 'building'> }): string {
  const b = buildingLabel(u.home);
  return b ? `${u.name}（${b}）` : u.name;
}
