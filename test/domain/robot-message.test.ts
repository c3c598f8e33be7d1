/**
 * The WeCom robot's words (pure, `ticket/domain/robotMessage.ts`; issue 18): facts have stable ids
 * (queued once; a new deadline or supervision is a new fact), a reporter's typed place cannot add
 * links or formatting to the group's message, and a message stays within WeCom's 4096 bytes.
 */
import { inert, robotFacts, robotLine, robotMarkdown, type RobotTicket } from '../../cloudfunctions/ticket/domain/robotMessage';
import { parseWebhook } from '../../cloudfunctions/shared/wecom';

const at = (s: string) => new Date(`${s}+08:00`);
const base: RobotTicket = {
  _id: 't1',
  communityId: 'c',
  gridId: 'G-1',
  category: 'roads',
  where: { estateId: 'e', estateName: '壁山丽景小区', building: '3号楼', spot: '[点我](http://evil.cn) **大字** <font>' },
  status: 'pending',
  createdAt: at('2024-12-11T14:53:00'),
  dueAt: at('2024-12-12T14:53:00'),
  overdue: false,
};

it('facts: new while waiting and reported after the robot was set; overdue and supervised by their instants', () => {
  expect(robotFacts(base, at('2024-12-11T00:00:00')).map((f) => f.id)).toEqual(['t1:new']);
  expect(robotFacts(base, at('2024-12-12T00:00:00'))).toEqual([]);
  const later = { ...base, status: 'inProgress' as const, overdue: true, supervision: { deadline: at('2024-12-20T23:59:00'), note: '', byId: 'a', byName: '王', at: at('2024-12-13T09:00:00') } };
  expect(robotFacts(later, at('2024-12-11T00:00:00')).map((f) => f.id)).toEqual([`t1:overdue:${base.dueAt!.getTime()}`, `t1:supervised:${at('2024-12-13T09:00:00').getTime()}`]);
  expect(robotFacts({ ...later, status: 'closed' }, at('2024-12-11T00:00:00'))).toEqual([]);
  expect(robotFacts({ ...base, gridId: null }, at('2024-12-11T00:00:00'))).toEqual([]);
});

it("a reporter's typed place is inert in the markdown; times are China time", () => {
  const line = robotLine(base, 'new', 'G-1');
  expect(line).toBe('新问题 · 道路破损 · 壁山丽景小区 3号楼 点我 http evil.cn 大字 font · 12月11日 14:53 反映，应在 12月12日 14:53 前受理');
  expect(inert('a\n> b')).toBe('a b');
});

it('a message keeps within 4096 bytes and 10 items', () => {
  const long = robotLine({ ...base, where: { ...base.where, spot: '很长的地点'.repeat(10) } }, 'new', 'G-1');
  const content = robotMarkdown('G-1', Array.from({ length: 30 }, () => long));
  expect(Buffer.byteLength(content, 'utf8')).toBeLessThanOrEqual(4096);
  expect(content.split('\n').filter((l) => l.startsWith('> ')).length).toBeLessThanOrEqual(10);
});

it('webhook addresses: the exact WeCom address or the key alone', () => {
  const key = '693a91f6-7abc-4bc4-97a0-0ec2a1fa5aaa';
  expect(parseWebhook(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`)).toBe(key);
  expect(parseWebhook(` ${key.toUpperCase()} `)).toBe(key);
  for (const bad of [`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}#x`, `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key.slice(1)}`, `qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`]) expect(parseWebhook(bad)).toBeNull();
});
