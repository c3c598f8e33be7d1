/**
 * The consultAdmin forms' logic (issue 20) against stubbed `consult` calls:
 * - the paper tally: the sum of the counts is checked against the rooms claimed as it is typed (还差 /
 *   多了 in words); 保存 sends nothing while it does not match or no photo is there, and the numbers when it does;
 * - typed rooms: `2-301 2单元302 303` with a unit → `{unit, room}` once each, the unreadable named;
 * - the meeting form: every change is kept on the phone; a save sends the whole form with the revision
 *   read; `CONSULT.DRAFT_STALE` → the page says so, loads the newer copy and shows the minutes this
 *   phone had not saved; a phone draft of the same revision is restored on opening, an older one dropped.
 * - 留言 on the staff topic page: staff read every comment; 隐藏… sends nothing without a reason (2+
 *   characters) and `consult.hideComment` with it, then the row shows what residents read (已隐藏：<reason>).
 */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { control } from './taro-mock';
import { stubCall } from './call-stub';
import { TallyCounts } from '../../src/consultAdmin/components/TallyCounts';
import { draftKey, parseRooms, tallySum } from '../../src/consultAdmin/labels';
import MeetingEditPage from '../../src/consultAdmin/pages/meetingEdit/index';
import TopicEditPage from '../../src/consultAdmin/pages/topicEdit/index';
import type { CommentView, StaffMeetingView, TopicView } from '../../cloudfunctions/consult/contract';
import Taro from '@tarojs/taro';

jest.mock('../../src/services/call', () => jest.requireActual('./call-stub').callModule);

beforeEach(() => control.reset());

const OPTIONS = [
  { key: 'agree', label: '同意' },
  { key: 'disagree', label: '不同意' },
  { key: 'abstain', label: '弃权' },
];

/** The input of a field (Taro's `taro-input-core`/`taro-textarea-core` in jsdom), by its class or its row's. */
const inputOf = (cls: string) => (document.querySelector(`.${cls} taro-input-core`) ?? document.querySelector(`.${cls}`)) as HTMLInputElement;
/** Types `value`: Taro's onInput reads `detail.value`. */
const type = (el: HTMLElement, value: string) =>
  act(() => {
    (el as HTMLInputElement).value = value;
    el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }));
  });

describe('纸质票计票', () => {
  it('checks the sum against the rooms as it is typed, and sends only a matching count with a photo', async () => {
    const onSubmit = jest.fn();
    const { rerender } = render(<TallyCounts options={OPTIONS} rooms={10} photos={0} busy={false} error={null} onSubmit={onSubmit} />);
    type(inputOf('count-agree'), '6');
    type(inputOf('count-disagree'), '2');
    expect(screen.getByText('合计 8 张，收回的是 10 户：还差 2 张。请再数一遍。')).toBeInTheDocument();
    fireEvent.click(screen.getByText('保存计票结果'));
    expect(onSubmit).not.toHaveBeenCalled();
    type(inputOf('count-blank'), '1');
    type(inputOf('count-invalid'), '2');
    expect(screen.getByText('合计 11 张，收回的是 10 户：多了 1 张。请再数一遍。')).toBeInTheDocument();
    type(inputOf('count-invalid'), '1');
    expect(screen.getByText('合计 10 张，和收回的 10 户对上了')).toBeInTheDocument();
    fireEvent.click(screen.getByText('保存计票结果'));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请先拍一张纸质票的照片（至少 1 张），留作凭证。')).toBeInTheDocument();
    rerender(<TallyCounts options={OPTIONS} rooms={10} photos={1} busy={false} error={null} onSubmit={onSubmit} />);
    fireEvent.click(screen.getByText('保存计票结果'));
    expect(onSubmit).toHaveBeenCalledWith({ counts: { agree: 6, disagree: 2, abstain: 0 }, blank: 1, invalid: 1 });
    // the function's refusal is shown under the button
    rerender(<TallyCounts options={OPTIONS} rooms={10} photos={1} busy={false} error="票数合计和收回的户数对不上，请再数一遍：票数合计 9 张，收回的是 10 户。" onSubmit={onSubmit} />);
    expect(screen.getByText(/票数合计 9 张，收回的是 10 户/)).toBeInTheDocument();
  });

  it('refuses a count that is not a whole number', () => {
    expect(tallySum({ agree: '1.5' }, '', '', 2)).toMatchObject({ ok: false, bad: true, text: '票数请写 0 或正整数' });
    expect(tallySum({ agree: '' }, '', '', 0)).toMatchObject({ ok: true, total: 0 });
  });

  it('reads several rooms at once, each once, and names what it cannot read', () => {
    expect(parseRooms('2-301 2单元302室，2-301、３０３', '3')).toEqual({ rooms: [{ unit: '2', room: '301' }, { unit: '2', room: '302' }, { unit: '3', room: '303' }], unread: [] });
    expect(parseRooms('2-301 三楼', '')).toEqual({ rooms: [{ unit: '2', room: '301' }], unread: ['三楼'] });
  });
});

const meeting = (over: Partial<StaffMeetingView> = {}): StaffMeetingView => ({
  forStaff: true,
  id: 'mt1',
  title: '充电桩业主会',
  kind: 'ownersMeeting',
  kindLabel: '业主会议',
  status: 'draft',
  statusLabel: '草稿',
  startAt: '2026-12-10T11:00:00.000Z',
  endAt: '2026-12-10T12:30:00.000Z',
  dateLabel: '12月10日 周四',
  timeLabel: '19:00–20:30',
  place: '3号楼前院子',
  estateId: null,
  capacity: null,
  signedUp: 0,
  speakSlots: null,
  speakers: 0,
  attendanceTotal: 0,
  hasMinutes: false,
  agenda: [],
  minutes: '',
  decisions: [],
  photos: [],
  cancelReason: null,
  mySignUps: { attend: false, speak: false },
  canSignUp: false,
  attendance: [],
  revision: 3,
  convenor: { id: 'a-wang', name: '王乐天' },
  date: '2026-12-10',
  start: '19:00',
  end: '20:30',
  agendaTopicIds: [],
  photoFileIds: [],
  events: [],
  ...over,
});

const ME = { ok: true as const, data: { registered: true as const, unreadMessages: 0, community: null, user: { id: 'a-wang', name: '王乐天', role: 'communityAdmin' } } as never };

describe('会议记录', () => {
  it('keeps every change on the phone, saves the whole form with the revision read, and on DRAFT_STALE says so, reloads and shows the unsaved minutes', async () => {
    control.setParams({ id: 'mt1' });
    stubCall('account', 'me').mockResolvedValue(ME);
    const load = stubCall('consult', 'meeting').mockResolvedValueOnce({ ok: true, data: meeting() }).mockResolvedValueOnce({ ok: true, data: meeting({ revision: 4, minutes: '严婷记的纪要' }) });
    const save = stubCall('consult', 'saveMeeting').mockResolvedValue({ ok: false, error: { code: 'CONSULT.DRAFT_STALE', message: '这份记录已被别人改过，请刷新' } });
    render(<MeetingEditPage />);
    await screen.findByText('到会人数');
    await act(async () => {
      fireEvent.click(screen.getByLabelText('居民加一'));
    });
    await act(async () => {
      fireEvent.click(screen.getByLabelText('居民加一'));
    });
    type(inputOf('meeting-minutes'), '大家同意装 6 个充电桩');
    const kept = Taro.getStorageSync(draftKey('mt1')) as { fields: { minutes: string; attendance: Record<string, number> }; revision: number };
    expect(kept.revision).toBe(3);
    expect(kept.fields.minutes).toBe('大家同意装 6 个充电桩');
    expect(kept.fields.attendance.resident).toBe(2);
    await act(async () => {
      fireEvent.click(screen.getByText('保存'));
    });
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ meetingId: 'mt1', revision: 3, minutes: '大家同意装 6 个充电桩', attendance: [{ role: 'resident', count: 2 }], title: '充电桩业主会', date: '2026-12-10', start: '19:00', end: '20:30' }));
    await screen.findByText(/这份记录已被别人改过，已经换成最新的内容/);
    await waitFor(() => expect(load).toHaveBeenCalledTimes(2));
    expect(screen.getByText('大家同意装 6 个充电桩')).toBeInTheDocument(); // the lost minutes, to copy back
    expect(inputOf('meeting-minutes').value).toBe('严婷记的纪要');
    expect(Taro.getStorageSync(draftKey('mt1'))).toBe('');
  });

  it('restores a phone draft of the same revision, drops one of an older revision (showing its minutes)', async () => {
    control.setParams({ id: 'mt1' });
    stubCall('account', 'me').mockResolvedValue(ME);
    stubCall('consult', 'meeting').mockResolvedValue({ ok: true, data: meeting({ revision: 3 }) });
    const fields = { title: '充电桩业主会', kind: 'ownersMeeting', date: '2026-12-10', start: '19:00', end: '20:30', place: '3号楼前院子', capacity: '', speakSlots: '', agendaTopicIds: [], attendance: { resident: 5 }, names: {}, departmentOrg: '', minutes: '没网时记的', photos: [], decisions: [] };
    Taro.setStorageSync(draftKey('mt1'), { fields, revision: 3, requestId: 'req-abcdefgh', savedAt: 1 });
    const { unmount } = render(<MeetingEditPage />);
    await screen.findByText('已恢复这台手机上还没保存的修改，记得点“保存”。');
    expect(inputOf('meeting-minutes').value).toBe('没网时记的');
    unmount();
    Taro.setStorageSync(draftKey('mt1'), { fields: { ...fields, minutes: '旧草稿' }, revision: 2, requestId: 'req-abcdefgh', savedAt: 1 });
    render(<MeetingEditPage />);
    await screen.findByText('您刚才写的纪要（没保存上）');
    expect(screen.getByText('旧草稿')).toBeInTheDocument();
    expect(inputOf('meeting-minutes').value).toBe('');
  });
});

describe('留言 (staff topic page)', () => {
  const staffTopic: TopicView = {
    id: 'tp1', communityId: 'c-laocheng', title: '充电桩安装', background: '在车棚旁安装充电桩。', kind: 'yesNo', options: OPTIONS, rule: 'majority', civilCodeItem: null,
    ruleText: '简单多数', minTurnout: null, scope: { kind: 'estate', estateId: 'e-bishan' }, scopeLabel: '壁山丽景小区', status: 'scheduled', phase: 'voting', phaseLabel: '投票中',
    discussFrom: '2026-12-01T00:00:00.000Z', voteFrom: '2026-12-03T00:00:00.000Z', voteUntil: '2026-12-10T12:00:00.000Z', tallyUntil: '2026-12-13T12:00:00.000Z', votersMustBeVerified: true,
    turnout: { voted: 3, electorate: 120, byChannel: { wechat: 2, counter: 1, paper: 0 } }, myVote: null, canVote: false, cannotVoteReason: null, seconds: { count: 0, needed: 10, mine: false },
    result: null, publishedAt: null, publishNote: null, decline: null, mergedInto: null, cancelled: null,
    staff: { electorate: null, buildings: [], events: [], createdBy: 'a-wang' },
  };
  const comment: CommentView = { commentId: 'cm1', topicId: 'tp1', authorLabel: '3号楼居民', text: '301 那家天天在楼道充电', at: '2026-12-04T02:00:00.000Z', hidden: null, mine: false };

  it('hides a comment only with a reason, then shows what residents read', async () => {
    control.setParams({ id: 'tp1' });
    stubCall('consult', 'topic').mockResolvedValue({ ok: true, data: staffTopic });
    stubCall('consult', 'comments').mockResolvedValue({ ok: true, data: { comments: [comment], nextCursor: null } });
    const hide = stubCall('consult', 'hideComment').mockResolvedValue({ ok: true, data: { ...comment, hidden: { reason: '涉及邻居隐私', at: '2026-12-05T02:00:00.000Z' } } });
    render(<TopicEditPage />);
    await screen.findByText('301 那家天天在楼道充电');
    fireEvent.click(screen.getByText('隐藏…'));
    fireEvent.click(screen.getByText('确定隐藏'));
    expect(await screen.findByText(/请写上隐藏的原因/)).toBeInTheDocument();
    expect(hide).not.toHaveBeenCalled();
    type(inputOf('hide-reason'), '涉及邻居隐私');
    fireEvent.click(screen.getByText('确定隐藏'));
    await screen.findByText('居民看到的是：已隐藏：涉及邻居隐私');
    expect(hide.mock.calls[0][0]).toEqual({ commentId: 'cm1', reason: '涉及邻居隐私' });
    expect(screen.getByText('改隐藏原因…')).toBeInTheDocument();
  });
});
