/**
 * The people the browser tests act as: the seeded demo community (local/seed/demo-community.json;
 * a seeded person's local OPENID is `local-<id>`, see `demoOpenid` in local/seed/seed.ts). Files
 * that need a person nobody else touches make one with {@link uniqueOpenid}.
 */

/** 赵建国 (赵大爷, 72), resident of 老城社区 (e-bishan 3号楼2单元301), no phone. */
export const ZHAO = 'local-r-zhao';
/** 邹建庄, resident of 老城社区 (e-bishan 5号楼1单元502). */
export const ZOU = 'local-r-zou';
/** 李秀兰, resident of 明珠社区 (e-lantian 7号楼1单元402). */
export const LI = 'local-r-li';
/** 冶永福, resident of 明珠社区 (e-lantian 7号楼1单元601), 李秀兰's neighbour. */
export const YE = 'local-r-ye';
/** 严婷, grid worker of 老城社区 (grids G-LC-01, G-LC-02), at its counter. */
export const YAN = 'local-w-yan';
/** 陈晓丹, grid worker of 明珠社区 (grid G-MZ-01). */
export const CHEN = 'local-w-chen';
/** 王乐天, community admin (老城社区). */
export const WANG = 'local-a-wang';
/** 马师傅, a farmer with no vendor record until he registers 大葱. */
export const MA = 'local-v-farmer-1';
/** 哈力木, a registered farmer. */
export const HALIMU = 'local-v-farmer-2';
/** 刘师傅, the knife sharpener (a registered vendor). */
export const KNIFE = 'local-v-knife';
/** 张师傅, the barber (a registered vendor). */
export const BARBER = 'local-v-barber';

let n = 0;
/**
 * An OPENID no other test file uses in this run (`local-e2e-<tag>-<pid>-<time>-<n>`, base 36): a
 * WeChat user the kiosk has never seen, for a file that needs fresh data on the one kiosk of the run.
 * Local OPENIDs start with `local-` (the emulator's openapi refuses any other spelling with 40003,
 * local/cloudbase/openapi.ts `isKnownOpenid`).
 */
export const uniqueOpenid = (tag: string): string => `local-e2e-${tag}-${process.pid.toString(36)}-${Date.now().toString(36)}-${(n += 1)}`;
