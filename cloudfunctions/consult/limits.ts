/**
 * The `consult` function's text and count limits (有事来商量, issue 20), in one place for both sides:
 * the schemas of `contracts/*.ts` are built from them and the forms of `src/consult`,
 * `src/consultAdmin` and `src/counter` take their `maxlength` and "至少 N 个字" checks from them.
 * Lengths are characters as a person counts them (code points), after trimming. Plain constants:
 * imports nothing.
 */
export const CONSULT_LIMITS = {
  // ─── topics and votes (contracts/topics.ts) ──────────────────────────────────────────────
  /** a topic's title, characters */
  topicTitle: { min: 4, max: 40 },
  /** its background (说明), characters, several lines */
  topicBackground: { min: 10, max: 2000 },
  /** a `choice` topic's options: how many, and each label's length */
  options: { min: 2, max: 8 },
  optionLabel: { min: 1, max: 20 },
  /** the voting period: at least 1 hour, at most 60 days */
  votePeriodHours: { min: 1, max: 60 * 24 },
  /** days after the voting ends that paper ballots may still be counted (计票), default 3 */
  tallyGraceDays: { min: 0, max: 14, default: 3 },
  /** rooms claimed in one `claimPaperRooms` call; unit and room text lengths */
  paperRooms: 60,
  roomText: 12,
  /** photos of one building's paper count sheet */
  tallyPhotos: 9,
  /** households of one building in the register (户数登记), buildings per call */
  buildingHouseholds: 2000,
  registerBuildings: 100,
  /** buildings an admin may mark 无纸质票 at once */
  noPaperBuildings: 200,
  /** a publication note, characters */
  publishNote: 200,
  /** topics in one page of `topics` */
  topicsPage: 20,


  // proposals and discussion (提议、附议、讨论)
  /** a topic's title: 充电桩安装 */
  title: { min: 4, max: 40 },
  /** what the proposer explains: why, where, what it costs */
  background: { min: 10, max: 1000 },
  /** a building name in a scope (`3号楼`) */
  building: 20,
  /** why staff declined, merged, cancelled or hid: the proposer or author reads it */
  reason: { min: 2, max: 200 },
  /** one comment */
  comment: { min: 2, max: 500 },
  /** proposals a resident may make in a China-time day */
  proposalsPerDay: 3,
  /** comments a resident may write in a China-time day */
  commentsPerDay: 20,
  /** comments per page */
  commentsPage: 20,
  /** proposals listed in 我的提议 */
  myProposals: 50,
  /** households needed to second a proposal when the community has not set `consultation.secondThreshold` */
  defaultSecondThreshold: 10,

  // ─── meetings (contracts/meetings.ts) ─────────────────────────────────────────────────────
  /** a meeting's title (会议名称) */
  meetingTitle: { min: 2, max: 40 },
  /** where it is held (地点) */
  meetingPlace: { min: 2, max: 60 },
  /** 纪要: up to 5 000 characters, lines allowed (design §4) */
  minutes: { min: 0, max: 5000 },
  /** places residents may sign up for (参加名额) and speaking turns (发言名额) */
  capacity: { min: 1, max: 500 },
  speakSlots: { min: 1, max: 50 },
  /** topics on the agenda (议程) */
  agendaTopics: { max: 10 },
  /** attendance rows (one per role; 职能部门 once per department) */
  attendanceRows: { max: 20 },
  /** people of one role at one meeting */
  attendanceCount: { min: 0, max: 2000 },
  /** names staff note for a role (never shown to residents) */
  attendanceNames: { max: 50 },
  attendanceName: { min: 1, max: 20 },
  /** a department's name (住建局…) */
  attendanceOrg: { min: 1, max: 40 },
  /** photos of a meeting (≤ 9, as a ticket's) */
  meetingPhotos: { max: 9 },
  /** decisions (决定事项) and the text of one */
  decisions: { max: 20 },
  decisionText: { min: 2, max: 200 },
  /** the reason a meeting is cancelled (told to those signed up) */
  meetingCancelReason: { min: 2, max: 100 },
  /** meetings one list answers */
  meetingList: { max: 50 },
  /** a meeting lasts at most this many hours (end after start) */
  meetingHours: { max: 12 },


  // ─── opinions (contracts/opinions.ts) ─────────────────────────────────────────────────────
  /** an opinion's words (意见建议): at least 5 characters, at most 500 */
  opinionText: { min: 5, max: 500 },
  /** where it is about, in words (optional): at most 50 */
  opinionPlace: { max: 50 },
  /** a speaker's name as said at a meeting (a giver who is not a registered resident) */
  giverName: { min: 1, max: 20 },
  /** opinions recorded from one meeting in one call (`recordOpinions`) */
  opinionsPerRecord: 20,
  /** what was done (`resolveOpinion.what`) */
  resolutionWhat: { min: 2, max: 500 },
  /** the reply's words and its reason (`answerOpinion`) */
  replyText: { min: 2, max: 500 },
  replyReason: { min: 2, max: 200 },
  /** a rating's comment (optional) */
  opinionRatingComment: { max: 200 },
  /** opinions a resident may give in the app per China-time day (`shared/quotas.ts` kind `opinion`) */
  opinionsPerDay: 5,
  /** rows of a list (`opinions`, `myOpinions`, `overdueOpinions`) */
  opinionListMax: 100,
  /** reply deadline in working days when the community sets none (`Community.consultation.opinionReplyWorkingDays`) */
  opinionReplyWorkingDays: 10,
} as const;
