/**
 * 调解员 on a neighbour dispute (issue 22; docs/everyday-services-design.md §4): what follows an
 * invitation and a closing. Platform code (database, messages); the rule of who may invite whom is
 * `domain/workflow.ts` (`inviteMediator`) and the action's check that the resident is an active
 * mediator of the community (`actions/mediation.ts`).
 */
import { now as clockNow } from '../shared/clock';
import { notify } from '../shared/consent';
import { local } from '../shared/time';
import type { Ticket, User } from '../shared/model';
import { creditHours } from '../shared/volunteering';
import { CATEGORY_LABELS } from '../shared/vocabulary/categories';

/**
 * The mediators of `t` with their names, as the invitations recorded them (`mediatorInvited`
 * events' `detail`), in invitation order. Pure.
 */
export function mediatorsOf(t: Pick<Ticket, 'mediatorIds' | 'events'>): { id: string; name: string }[] {
  return (t.mediatorIds ?? []).map((id) => {
    const e = t.events.find((x) => x.type === 'mediatorInvited' && x.detail?.mediatorId === id);
    return { id, name: String(e?.detail?.mediatorName ?? '') };
  });
}

/**
 * Credits every mediator of closed dispute `t` with a mediation's hours (`creditHours`, source
 * `mediation`, refId the ticket: once per ticket and mediator, however often it is closed — a
 * rework closed again counts once). One round trip per mediator, in parallel; none without any.
 * Never throws (a failure is logged: the closing stands).
 */
export async function creditMediators(t: Ticket): Promise<void> {
  await Promise.all(
    mediatorsOf(t).map((m) =>
      creditHours({ communityId: t.communityId, userId: m.id, name: m.name, source: 'mediation', refId: t._id }).catch((e) => console.warn(`[ticket] crediting mediation hours failed: ${String(e)}`)),
    ),
  );
}

/** Tells the invited mediator in 消息 (and on WeChat when they allowed `ticketProgress`): which dispute, who asked, where to read it. Never throws. */
export async function tellMediator(t: Pick<Ticket, '_id' | 'category'>, mediator: Pick<User, '_id' | 'openid'>, by: { name: string }): Promise<void> {
  await notify({
    userId: mediator._id,
    openid: mediator.openid,
    key: 'ticketProgress',
    title: '请您参与调解一件邻里纠纷',
    lines: [`网格员 ${by.name} 请您帮忙调解`, `事情：${CATEGORY_LABELS[t.category]}`, '在“我的志愿服务 · 调解”里能看到这件事的详细情况'],
    page: `desk/pages/detail/index?id=${t._id}`,
    data: { thing1: CATEGORY_LABELS[t.category], phrase2: '请您调解', thing3: `网格员${by.name}邀请`, time4: local(clockNow()).format('YYYY-MM-DD HH:mm') },
    messageId: `mediator-${t._id}-${mediator._id}`,
  }).catch((e) => console.warn(`[ticket] telling the mediator failed: ${String(e)}`));
}
