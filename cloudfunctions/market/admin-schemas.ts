/**
 * Input schemas (zod) of the admin's market actions: `updateMarketSettings`, `saveService`,
 * `setStallPlan`. Strict objects: unknown fields, wrong types, operator objects and oversized text
 * are refused (COMMON.INVALID_INPUT) before anything is read or written. Rules that need the
 * database (a slot length against the market's hours, bookings, stall holders) are in the handlers.
 */
import { z } from 'zod';
import { id, requestId, text } from '../shared/schemas';
import { minutesOf } from './domain/admin';

/** A local clock time `HH:mm`, 00:00–23:59. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** `updateMarketSettings`: name, ISO weekday, opening and closing time (opening first), place, horizon 1–8 weeks. */
export const marketSettingsInput = z
  .object({
    name: text(2, 16),
    weekday: z.number().int().min(1).max(7),
    start: clockTime,
    end: clockTime,
    place: text(2, 60),
    horizonWeeks: z.number().int().min(1).max(8),
  })
  .strict()
  .refine((s) => minutesOf(s.start) < minutesOf(s.end), { message: '结束时间要晚于开始时间', path: ['end'] });

/**
 * `saveService`: a new service (`requestId`, no `serviceId`) or an edit (`serviceId`).
 * `slots` needs `slotMinutes` (5–240, a multiple of 5) and `capacity` (1–200); `queue` needs
 * `capacity` and no `slotMinutes`; `none` (walk in) has neither.
 */
export const serviceInput = z
  .object({
    serviceId: id.optional(),
    requestId: requestId.optional(),
    name: text(2, 12),
    kind: z.enum(['service', 'swap', 'board']),
    bookingMode: z.enum(['slots', 'queue', 'none']),
    slotMinutes: z.number().int().min(5).max(240).multipleOf(5).nullable().optional(),
    capacity: z.number().int().min(1).max(200).nullable().optional(),
    description: text(0, 60),
    provider: text(0, 20).nullable().optional(),
    order: z.number().int().min(0).max(999),
    active: z.boolean(),
    withdrawReason: text(2, 60).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const has = (v: number | null | undefined) => v !== null && v !== undefined;
    if (!s.serviceId && !s.requestId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['requestId'], message: '新建服务需要 requestId' });
    if (s.bookingMode === 'slots' && !has(s.slotMinutes)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['slotMinutes'], message: '按时段预约要填每档多少分钟' });
    if (s.bookingMode !== 'slots' && has(s.slotMinutes)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['slotMinutes'], message: '只有按时段预约才有每档时长' });
    if (s.bookingMode !== 'none' && !has(s.capacity)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['capacity'], message: '要预约的服务要填名额' });
    if (s.bookingMode === 'none' && has(s.capacity)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['capacity'], message: '不用预约的服务没有名额' });
  });

/** `setStallPlan`: the whole plan, 1–200 stalls, numbers 1–200 unique, labels 1–12 characters. */
export const stallPlanInput = z
  .object({
    stalls: z
      .array(z.object({ number: z.number().int().min(1).max(200), label: text(1, 12), active: z.boolean() }).strict())
      .min(1)
      .max(200)
      .refine((a) => new Set(a.map((s) => s.number)).size === a.length, { message: '摊位号不能重复' }),
  })
  .strict();
