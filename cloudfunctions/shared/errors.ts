/**
 * The error catalogue every cloud function answers with: stable English codes (`AREA.REASON`) and
 * the Chinese message a resident reads. Codes never change meaning; add new ones instead.
 * Documented for clients in docs/api.md.
 */
export const ERRORS = {
  'COMMON.INVALID_INPUT': '填写的信息不正确，请检查后再试',
  'COMMON.UNKNOWN_ACTION': '暂不支持这个操作',
  'COMMON.NOT_REGISTERED': '请先登记您的身份信息',
  'COMMON.FORBIDDEN': '您没有权限进行这个操作',
  'COMMON.BUSY': '现在办理的人比较多，请稍后再试',
  'COMMON.INTERNAL': '系统开小差了，请稍后再试',
  'COMMON.REQUEST_REUSED': '这次提交和上一次的内容不一样，请返回重新操作',
  'COMMON.TEXT_REJECTED': '内容含有不适宜发布的信息，请修改后再提交',
  'COMMON.IMAGE_REJECTED': '有一张照片不能发布，请换一张再发',
  'COMMON.TOO_MANY': '您今天提交的次数太多了，请明天再试；着急的事请到解忧铺柜台，或打社区的电话',
  'MARKET.DAY_NOT_FOUND': '没有找到这一天的集市',
  'MARKET.SERVICE_NOT_FOUND': '没有找到这个服务项目',
  'MARKET.SLOT_MINUTES_MISFIT': '每档时长要能把集市时间正好分完（例如 10:00–13:00 可以每档 20、30 或 60 分钟），请改一下时长或集市时间',
  'MARKET.CAPACITY_BELOW_BOOKED': '有的时段已经预约的人比新名额多，名额不能少于已预约的人数',
  'MARKET.SERVICE_HAS_BOOKINGS': '这个服务在后面的集市还有人预约：停用前请写明原因，系统会取消这些预约并通知居民',
  'MARKET.STALL_HELD': '这个摊位在后面的集市已经有摊主了，不能停用；请先给摊主换摊位或释放摊位',
  'EVENT.NOT_FOUND': '没有找到这个活动',
  'EVENT.IN_PAST': '活动时间已经过了，请选今天以后的时间',
  'EVENT.CANCELLED': '这个活动已经取消了，不能再修改',
  'EVENT.PLACES_BELOW_BOOKED': '已经报名的人比新名额多，名额不能少于已报名的人数',
  'BOOKING.SLOT_NOT_FOUND': '没有找到这个时段，请返回重新选择',
  'BOOKING.SLOT_FULL': '这个时段已经约满了，请选择其他时段',
  'BOOKING.SLOT_CLOSED': '这个时段已经开始或已经结束，不能再预约',
  'BOOKING.ALREADY_BOOKED': '您已经预约过这个项目了，同一天同一项目只能预约一次',
  'BOOKING.NOT_FOUND': '没有找到这条预约',
  'BOOKING.NOT_CANCELLABLE': '这条预约已经开始或已经取消，不能再取消',
  'BOOKING.NOT_FULL': '这个时段还有名额，可以直接预约',
  'BOOKING.OVERLAPS': '这位居民这个时间已经约了别的项目，两个时间有重叠；确认居民能赶上再勾选“仍要预约”',
  'BOOKING.NOT_CHECKABLE': '这条预约现在不能签到：只能在集市当天、时段结束前签到',
  'COUNTER.CONSENT_REQUIRED': '请先确认居民已经口头同意由您代办',
  'COUNTER.RESIDENT_NOT_FOUND': '没有找到这位居民',
  'COUNTER.POSSIBLE_DUPLICATE': '已经有同名同址的居民记录，请先核对是不是同一个人',
  'TICKET.PLACE_NOT_FOUND': '没有找到这个小区或楼栋，请重新选择',
  'TICKET.NOT_FOUND': '没有找到这个问题',
  'MESSAGE.NOT_FOUND': '没有找到这条消息',
  'TICKET.ALREADY_ACCEPTED': '这个问题已经有网格员受理了',
  'TICKET.WRONG_STATE': '这个问题现在不能这样办理，请刷新后再看',
  'TICKET.NOT_ASSIGNEE': '只有受理这个问题的网格员或社区管理员才能办理',
  'TICKET.FOLLOW_UP_REQUIRED': '办结前请先回访反映人，记下他们的意见',
  'TICKET.NOT_RATABLE': '问题办结以后才能评价',
  'TICKET.ALREADY_RATED': '您已经评价过了，谢谢',
  'TICKET.ALREADY_FOLLOWING': '您已经反映过这个问题了，不用再附议',
  'TICKET.MERGE_INVALID': '不能这样合并：请选同一个社区里另一个还没办结的问题',
  'TICKET.WORKER_NOT_FOUND': '没有找到这位网格员',
  'TICKET.DEADLINE_INVALID': '日期不对：督办期限不能早于今天，回访日期不能晚于今天',
  'TICKET.SOURCE_NOT_ALLOWED': '只有社区管理员可以登记上级交办或组织议定的事项',
  'TICKET.VERIFY_REQUIRED': '这个问题要先有人到现场核查通过，才能办结',
  'TICKET.EXTENSION_PENDING': '已经申请过延期了，请等社区管理员批复',
  'TICKET.SUSPENDED': '这个问题现在是挂起状态，请先恢复办理',
  'TICKET.NOT_SUSPENDED': '这个问题没有挂起，不用恢复',
  'TICKET.SELF_VERIFY': '自己处理的问题不能自己核查，请其他网格员或社区管理员来核查',
  // issue 22: 调解员 on a neighbour dispute
  'TICKET.MEDIATOR_NOT_FOUND': '没有找到这位调解员，请从社区的调解员里选',
  'TICKET.NOT_A_DISPUTE': '只有邻里纠纷可以请调解员',
  'TICKET.MEDIATOR_IS_PARTY': '这位居民是这件事的当事人，不能请来调解',
  'TICKET.MEDIATOR_INVITED': '这位调解员已经请过了',
  'VENDOR.NO_MARKET': '这个社区没有集市',
  'VENDOR.ALREADY_REGISTERED': '您已经登记为摊主了',
  'VENDOR.ACCOUNT_IS_RESIDENT': '这个微信已经登记为居民，摊主请用自己的微信另外登记',
  'VENDOR.GOODS_REQUIRED': '请写上您卖什么，或者提供什么服务',
  'VENDOR.NOT_A_VENDOR': '您还没有登记为摊主',
  'VENDOR.NOT_APPROVED': '摊主登记还在等社区审核，通过后才能申请摊位',
  'VENDOR.NOT_FOUND': '没有找到这位摊主',
  'VENDOR.WRONG_STATE': '现在不能这样办理，请刷新后再看',
  'VENDOR.STALL_NOT_FOUND': '没有这个摊位号',
  'VENDOR.STALL_TAKEN': '这个摊位已经有人了，请换一个',
  'VENDOR.STALL_CLOSED': '这个摊位现在不用，请换一个',
  'VENDOR.NOT_LOTTERY': '这个社区的摊位按申请先后分配，不用抽签',
  'VENDOR.APPLICATION_NOT_FOUND': '没有找到这条摊位申请',
  'VENDOR.NOT_MARKET_DAY': '只能在集市当天签到',
  'ACCOUNT.ALREADY_REGISTERED': '您已经登记过了',
  'ACCOUNT.ESTATE_NOT_FOUND': '没有找到这个小区，请重新选择',
  'ACCOUNT.POSSIBLE_DUPLICATE': '这个地址已经登记过一位同名的居民：如果是您本人，请到解忧铺柜台关联微信；如果是同名的另一个人，可以继续登记',
  'ACCOUNT.LINK_CODE_NOT_FOUND': '没有找到这个号码，请让居民再看一下手机上的号码',
  'ACCOUNT.LINK_CODE_EXPIRED': '这个号码已经过期了，请让居民在手机上重新获取',
  'ACCOUNT.LINK_CODE_USED': '这个号码已经用过了，请让居民在手机上重新获取',
  'ACCOUNT.ALREADY_LINKED': '这位居民已经关联了微信，不需要再关联',
  'ACCOUNT.WECHAT_ALREADY_REGISTERED': '这个微信已经登记过了，不能再关联到其他居民',
  'CONSOLE.PERIOD_INVALID': '时间段不对：请选开始和结束日期，开始不能晚于结束，最长一年',
  'CONSOLE.LEDGER_TOO_LARGE': '这个时间段的记录太多，请选短一点的时间段分几次下载',
  'ACCOUNT.PERSON_NOT_FOUND': '没有找到这个人，请刷新后再看',
  'ACCOUNT.OWN_ROLE': '不能修改自己的角色，请另一位管理员来办理',
  'ACCOUNT.ROLE_NOT_CHANGEABLE': '摊主的身份在摊主审核里管理，这里不能修改',
  'ACCOUNT.NOT_VERIFIED': '请先在柜台核实这个人的身份，再安排工作',
  'ACCOUNT.NO_WECHAT': '这个人还没有关联自己的微信，关联以后才能做网格员或管理员',
  'ACCOUNT.GRIDS_REQUIRED': '网格员至少要负责一个网格，请选择网格',
  'ACCOUNT.GRID_NOT_FOUND': '没有找到这个网格，请刷新后重新选择',
  'ACCOUNT.PHONE_CODE_INVALID': '没有拿到手机号，请再点一次按钮',
  'ACCOUNT.HAS_OPEN_TICKETS': '这个人手上还有没办完的问题，请先改派给别人',
  'GRID.NOT_FOUND': '没有找到这个网格，请刷新后再看',
  'GRID.CODE_TAKEN': '这个网格编号已经有了，请换一个',
  'GRID.PLACE_NOT_FOUND': '没有找到这个小区或楼栋，请重新选择',
  'GRID.OVERLAP': '这栋楼已经属于另一个网格，一栋楼只能属于一个网格',
  'GRID.WORKER_NOT_FOUND': '只能选本社区的网格员',
  'GRID.WORKER_LAST_GRID': '这位网格员只负责这一个网格，请先在人员里修改他的角色或给他安排别的网格',
  'GRID.ROBOT_URL_INVALID': '这不是企业微信群机器人的地址。请在企业微信群里点“群机器人”，复制它的 Webhook 地址，整段粘贴过来（以 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key= 开头）',
  'GRID.ROBOT_NOT_SET': '这个网格还没有设置群机器人，请先粘贴地址并保存',
  'GRID.ROBOT_FAILED': '测试消息没有发出去，原因写在下面',
  // ─── consult: topics and votes (issue 20) ───
  'CONSULT.TOPIC_NOT_FOUND': '没有找到这个议题，请刷新后再看',
  'CONSULT.NOT_IN_SCOPE': '您家不在这个议题的范围内（只请议题所说的小区或楼栋的住户参加）',
  'CONSULT.NO_HOME': '请先登记您家的住址',
  'CONSULT.NOT_VERIFIED': '请带身份证到解忧铺柜台核实后再投票',
  'CONSULT.NOT_OPEN': '现在不在投票时间',
  'CONSULT.VOTED_ON_PAPER': '您家已交纸质表决票，不能再在这里投票',
  'CONSULT.VOTED_FOR_OTHER_HOUSEHOLD': '您已经替另一户投过票了，一个人只能为一户投票',
  'CONSULT.OPTION_INVALID': '没有这个选项，请返回重新选择',
  'CONSULT.WRONG_STATE': '这个议题现在不能这样办理，请刷新后再看',
  'CONSULT.HOUSEHOLDS_UNKNOWN': '还没有登记这些楼栋的户数，请先在“户数登记”里填好',
  'CONSULT.ROOM_NOT_IN_SCOPE': '这一户不在这次表决的范围内，请核对楼栋和房号',
  'CONSULT.TALLY_MISMATCH': '票数合计和收回的户数对不上，请再数一遍',
  'CONSULT.TALLY_CLOSED': '这栋楼的纸质票已经录入完了，不能再加；计票时间已过也不能再录',
  'CONSULT.PHOTO_REQUIRED': '请拍一张计票单的照片再提交',
  'CONSULT.PERIOD_INVALID': '时间不对：讨论开始不能晚于投票开始，投票结束要晚于投票开始和现在',
  'CONSULT.PAPER_NOT_COUNTED': '还有楼栋的纸质票没有录入票数，请先录完，或标明这栋楼没有纸质票',
  'CONSULT.PLACE_NOT_FOUND': '没有找到这个小区或楼栋，请重新选择',
  'CONSULT.CIVIL_CODE_YES_NO': '按民法典表决的事项只能是“同意 / 不同意 / 弃权”三个选项',

  // consult: proposals and discussion (issue 20)
  'CONSULT.PROPOSER_NOT_VERIFIED': '请带身份证到解忧铺柜台核实身份后再提议',
  'CONSULT.ALREADY_SECONDED': '您家已经附议过了，一户只算一次',
  'CONSULT.MERGE_TARGET_INVALID': '不能这样合并：请选同一个社区里另一个还在进行的议题',
  'CONSULT.NOT_DISCUSSING': '这个议题现在不在讨论时间，不能留言',
  'CONSULT.COMMENT_NOT_FOUND': '没有找到这条留言，请刷新后再看',

  // ─── consult: meetings (issue 20) ───
  'CONSULT.MEETING_NOT_FOUND': '没有找到这次会议',
  'CONSULT.MEETING_FULL': '这次会议的名额已经报满了',
  'CONSULT.DRAFT_STALE': '这份记录已被别人改过，请刷新后再改',
  'CONSULT.MEETING_WRONG_STATE': '这次会议现在不能这样办理，请刷新后再看',
  'CONSULT.SIGN_UP_CLOSED': '这次会议现在不能报名：会议还没公布、已经开始或已经取消',
  'CONSULT.NO_SIGN_UP': '这次会议不用报名，按时到场就可以',
  'CONSULT.HOLD_NEEDS_RECORD': '请先填写到会人数和会议纪要，再标记会议已召开',
  'CONSULT.CAPACITY_BELOW_SIGNED_UP': '已经报名的人比新名额多，名额不能少于已报名的人数',
  'CONSULT.MEETING_LINK_NOT_FOUND': '议程或决定里关联的议题、意见不在本社区，请重新选择',
  'CONSULT.ESTATE_NOT_FOUND': '没有找到这个小区，请重新选择',

  // ─── consult: opinions (issue 20) ───
  'CONSULT.OPINION_NOT_FOUND': '没有找到这条意见建议，请刷新后再看',
  'CONSULT.OPINION_WRONG_STATE': '这条意见建议现在不能这样办理，请刷新后再看',
  'CONSULT.NOT_RATABLE': '意见建议办好或答复以后才能评价',
  'CONSULT.OPINION_ALREADY_RATED': '您已经评价过了，谢谢',
  'CONSULT.OPINION_MEETING_NOT_FOUND': '没有找到这次会议，请刷新后重新选择',
  'CONSULT.OPINION_DATE_INVALID': '日期不对：办好的日期不能晚于今天',

  // ─── rounds: home visits, patrols, care tags (issue 21) ───
  'ROUNDS.GRID_NOT_FOUND': '没有找到这个网格，请刷新后重新选择',
  'ROUNDS.GRID_NOT_YOURS': '这不是您负责的网格，只能看自己网格的住户',
  'ROUNDS.HOUSEHOLD_NOT_FOUND': '没有找到这一户（可能已经搬走，或不在您负责的网格），请刷新后再看',
  'ROUNDS.VISIT_DATE_INVALID': '走访日期不对：不能晚于今天，最多补记30天以内的走访',
  'ROUNDS.PATROL_OPEN': '您还有一次巡查没有结束，请先结束那一次',
  'ROUNDS.PATROL_NOT_FOUND': '没有找到这次巡查，请刷新后再看',
  'ROUNDS.PATROL_ENDED': '这次巡查已经结束了，请刷新后再看',
  'ROUNDS.LINK_NOT_FOUND': '只能从自己记录的走访或巡查上报问题，请刷新后再试',

  // ─── parcels: 代收快递 (issue 22) ───
  'PARCELS.RESIDENT_NOT_FOUND': '没有找到这位居民，请重新查找',
  'PARCELS.NOT_FOUND': '没有找到这个快递，请刷新后再看',
  'PARCELS.CODE_NOT_FOUND': '取件码不对，或者这个快递已经取走了，请核对取件码',
  'PARCELS.NOT_WAITING': '这个快递已经取走或送上门了，请刷新后再看',
  'PARCELS.CODE_BUSY': '取件码暂时分配不出来，请再点一次登记',

  // ─── errands: 代缴代办 (issue 22) ───
  'ERRANDS.RESIDENT_NOT_FOUND': '没有找到这位居民，请重新查找',
  'ERRANDS.NOT_FOUND': '没有找到这件代办，请刷新后再看',
  'ERRANDS.WRONG_STATE': '这件代办的进度已经变了，请刷新后再看',
  'ERRANDS.RECEIPT_REQUIRED': '代缴水电费办好后，请先拍一张缴费凭证',

  // ─── providers: 找师傅 (issue 22) ───
  'PROVIDERS.NOT_FOUND': '没有找到这位师傅，可能已经停用，请刷新后再看',
  'PROVIDERS.INACTIVE': '这位师傅已经停用了',
  'PROVIDERS.REFERRAL_NOT_FOUND': '没有找到这条推荐请求，请刷新后再看',
  'PROVIDERS.WRONG_STATE': '这条推荐的进度已经变了（可能已经推荐或评价过），请刷新后再看',
  // ─── posts: 邻里互助 board (issue 22) ───
  'POSTS.NOT_FOUND': '没有找到这条信息，请刷新后再看',
  'POSTS.NOT_PUBLISHED': '这条信息已经撤下或过期了，请刷新后再看',
  'POSTS.NOT_AUTHOR': '只有发布这条信息的人才能撤下它',
  'POSTS.JOB_BY_STAFF': '招聘信息由社区统一发布；有招工的消息，请告诉解忧铺的工作人员',
  'POSTS.OWN_POST': '这是您自己发布的信息，不用联系自己',
  // ─── volunteers: 解忧智囊团 (issue 22) ───
  'VOLUNTEERS.RESIDENT_NOT_FOUND': '没有找到这位居民，请重新查找',
  'VOLUNTEERS.NOT_A_VOLUNTEER': '这位居民现在不是智囊团的志愿者，请先招募',
  'VOLUNTEERS.ROLE_NOT_HELD': '这位志愿者没有这个岗位，请换一个岗位或先给他加上',
  'VOLUNTEERS.DUTY_TAKEN': '这位志愿者这个时段已经排了班，不用再排',
  'VOLUNTEERS.DUTY_NOT_FOUND': '没有找到这个班次，请刷新后再看',
  'VOLUNTEERS.DUTY_NOT_PLANNED': '这个班次已经登记过了，不能再改，请刷新后再看',
  'VOLUNTEERS.DUTY_NOT_YET': '这个班次还没到日子，到了当天再登记',
  'VOLUNTEERS.DATE_OUT_OF_RANGE': '日期不在可以登记的范围里，请换一天',
  // ─── notices: 公告, 政策宣传 (issue 22) ───
  'NOTICES.NOT_FOUND': '没有找到这条公告（可能已经撤下或过期），请刷新后再看',
  'NOTICES.ALREADY_WITHDRAWN': '这条公告已经撤下了，请刷新后再看',
  'NOTICES.EXPIRES_INVALID': '截止日期不对：不能早于今天，最多一年以内',
  'NOTICES.AUDIENCE_NOT_FOUND': '没有找到这个小区或这栋楼，请重新选择谁能看到',
  // ─── family members: 家人代办 (issue 22) ───
  'FAMILY.CODE_NOT_FOUND': '绑定码不对，或者已经用过了，请让家人在手机上重新获取',
  'FAMILY.CODE_EXPIRED': '绑定码已经过期了，请让家人在手机上重新获取',
  'FAMILY.ALREADY_LINKED': '这位家人已经绑定过了，不用再绑定',
  'FAMILY.SELF': '这是老人自己的微信，不能绑定成家人',
  'FAMILY.LINK_NOT_FOUND': '没有找到这个家人绑定，可能已经解除了，请刷新后再看',

} as const;

/** A stable error code. */
export type ErrorCode = keyof typeof ERRORS;

/**
 * Codes only the client makes, never answered by a function: `CLIENT.NETWORK` (no answer or not an
 * envelope), `CLIENT.FORM` (a page's own check before calling), `CLIENT.NOT_FOUND` (a page's link
 * names nothing), `CLIENT.OPEN_FAILED` (a downloaded file would not open).
 */
export type ClientErrorCode = 'CLIENT.NETWORK' | 'CLIENT.FORM' | 'CLIENT.NOT_FOUND' | 'CLIENT.OPEN_FAILED';

/** Every code a page can meet in a `CallResult` error (a type only: the pages narrow on it, nothing ships). */
export type CallErrorCode = ErrorCode | ClientErrorCode;

/** An expected failure: carries a code from {@link ERRORS}; the router turns it into `{ ok: false }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(ERRORS[code]);
    this.name = 'AppError';
  }
}
