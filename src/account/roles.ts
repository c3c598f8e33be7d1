/** Chinese name of a role key (`resident` → 居民), for the local kiosk's identity switch; an unknown key is shown as is. */
export function roleLabel(role: string): string {
  return ({ resident: '居民', gridWorker: '网格员', communityAdmin: '社区工作人员', vendor: '摊主', visitor: '摊主（还没登记）' } as Record<string, string>)[role] ?? role;
}
