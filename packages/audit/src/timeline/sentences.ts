import type {
  EventType,
  PortfolioEvent,
  ReceiptCategory,
  Role,
  SchoolEvent,
  StatementItem,
  SubmissionEvent,
} from '@licheng/domain';

export type Lang = 'zh-TW' | 'en';
type AnyEvent = SchoolEvent | PortfolioEvent | SubmissionEvent;
type Sentence<K extends EventType> = (
  data: Extract<AnyEvent, { type: K }>['data'],
) => readonly [zhTW: string, en: string];

export const ROLE_LABELS: Readonly<Record<Role, readonly [string, string]>> = {
  student: ['學生', 'student'],
  parent: ['家長', 'parent'],
  teacher: ['教師', 'teacher'],
  admin: ['學校管理者', 'administrator'],
  submitter: ['提交人員', 'submitter'],
  system: ['系統', 'system'],
  city: ['教育局', 'city'],
};

/** R-ROUND-1: a cohort round is named; the round of every cohort (all there was before rounds) is not. */
const round = (cohorts: ReadonlyArray<number> | undefined): readonly [string, string] =>
  cohorts ? [`（入學年度 ${cohorts.join('、')} 梯次）`, ` (round of entry years ${cohorts.join(', ')})`] : ['', ''];

const none = (v: number | boolean | null, yes: readonly [string, string], lang: 0 | 1): string =>
  v === null
    ? ['無成績', 'none'][lang]!
    : typeof v === 'boolean'
      ? (v ? yes[lang] : ['不及格', 'failed'][lang])!
      : String(v);

/** R-REC-7: an item as the statement shows it, field by field; an item issued before R-REC-7 shows its title only. */
const itemFields = (item: StatementItem, lang: 0 | 1): string => {
  const d = item.details;
  if (d === null) return item.title;
  const pass: readonly [string, string] = ['及格', 'passed'];
  switch (d.kind) {
    case 'courseRecord':
      return lang === 0
        ? `科目名稱 ${d.subjectName}、開課年級 ${d.gradeLevel}、修課學分 ${d.credits}、學期學業成績 ` +
            `${none(d.semesterScore, pass, 0)}、成績及格 ${d.passed ? '及格' : '不及格'}、補考成績 ` +
            `${none(d.makeUpScore, pass, 0)}、補考及格 ${none(d.makeUpPassed, pass, 0)}、是否採計學分 ` +
            `${d.creditCounted ? '採計學分' : '不採計'}`
        : `${d.subjectName}, grade ${d.gradeLevel}, ${d.credits} credits, score ${none(d.semesterScore, pass, 1)}, ` +
            `${d.passed ? 'passed' : 'failed'}, make-up ${none(d.makeUpScore, pass, 1)} ` +
            `(${none(d.makeUpPassed, pass, 1)}), ${d.creditCounted ? 'credits counted' : 'credits not counted'}`;
    case 'cadreRecord':
      return lang === 0
        ? `單位名稱 ${d.unit}、幹部等級 ${d.level}、擔任職務 ${d.position}、開始日期 ${d.startDate}、結束日期 ` +
            `${d.endDate}`
        : `${d.position} of ${d.unit} (${d.level}), ${d.startDate} to ${d.endDate}`;
    case 'selectedItem':
      return `${item.title}（${d.files.map((f) => `${f.name} ${f.sha256.slice(0, 12)}…`).join('、') || ['無檔案', 'no files'][lang]}）`;
  }
};

const fieldsOf = (items: ReadonlyArray<StatementItem>, lang: 0 | 1): string =>
  items.some((item) => item.details !== null)
    ? `${lang === 0 ? '：' : ': '}${items.map((item) => itemFields(item, lang)).join(lang === 0 ? '；' : '; ')}`
    : '';

const CATEGORY: Readonly<Record<ReceiptCategory, readonly [string, string]>> = {
  courseRecords: ['修課紀錄', 'course records'],
  courseOutcomes: ['課程學習成果', 'course outcomes'],
  performances: ['多元表現', 'diverse performances'],
  cadreRecords: ['幹部經歷', 'cadre records'],
};
const cat = (category: ReceiptCategory) => CATEGORY[category];
const stage = (s: 'first' | 'recheck'): readonly [string, string] =>
  s === 'first' ? ['', ''] : ['（再次確認）', ' (re-check)'];

/**
 * One readable sentence per event type, in Traditional Chinese and in English. Typed by event type, so a
 * new event without its sentence does not compile.
 */
export const SENTENCES: { readonly [K in EventType]: Sentence<K> } = {
  SchoolRegistered: (d) => [`建立學校 ${d.name}`, `registered the school ${d.name}`],
  OperatingPeriodSet: (d) => [
    `設定 ${d.schoolYear} 學年度作業期間（${d.item}）：${d.window.start} 至 ${d.window.end}`,
    `set the ${d.item} operating period of ${d.schoolYear}: ${d.window.start} to ${d.window.end}`,
  ],
  WorkPeriodSet: (d) => [
    `設定 ${d.term} 作業時間 ${d.item}：${d.window.start} 至 ${d.window.end}`,
    `set the ${d.item} work period of ${d.term}: ${d.window.start} to ${d.window.end}`,
  ],
  ParameterSet: (d) => [
    `設定參數 ${d.parameter} = ${d.value ?? '不限'}（${d.effectiveFromSchoolYear} 學年度起）`,
    `set ${d.parameter} = ${d.value ?? 'no limit'} from school year ${d.effectiveFromSchoolYear}`,
  ],
  ClassRegistered: (d) => [
    `建立 ${d.schoolYear} 學年度班級 ${d.name}，導師 ${d.homeroomTeacherId}`,
    `registered class ${d.name} of ${d.schoolYear}, homeroom teacher ${d.homeroomTeacherId}`,
  ],
  StudentEnrolled: (d) => [
    `學生 ${d.name}（學號 ${d.studentNumber}）入學，${d.entrySchoolYear} 學年度入學`,
    `enrolled ${d.name} (student number ${d.studentNumber}), entry year ${d.entrySchoolYear}`,
  ],
  StudentPlaced: (d) => [
    `${d.schoolYear} 學年度編入班級 ${d.classId}，座號 ${d.seatNumber}`,
    `placed in class ${d.classId}, seat ${d.seatNumber}, for ${d.schoolYear}`,
  ],
  TeacherRegistered: (d) => [`登錄教師 ${d.name}（${d.teacherId}）`, `registered teacher ${d.name} (${d.teacherId})`],
  CourseOpened: (d) => [
    `開設 ${d.term} 課程 ${d.name}（${d.subject}，${d.credits} 學分）`,
    `opened the ${d.term} course ${d.name} (${d.subject}, ${d.credits} credits)`,
  ],
  CourseReviewerMarked: (d) => [
    `合開課程 ${d.courseId} 的審核教師：${d.teacherId}`,
    `marked ${d.teacherId} as reviewer of co-taught course ${d.courseId}`,
  ],
  CourseReviewerUnmarked: (d) => [
    `合開課程 ${d.courseId} 的教師 ${d.teacherId} 設為審核=否（無法認證）`,
    `set ${d.teacherId} to 審核=否 (cannot certify) in co-taught course ${d.courseId}`,
  ],
  CertificationProxyAppointed: (d) => [
    `指定 ${d.teacherId} 代理認證課程 ${d.courseId}`,
    `appointed ${d.teacherId} to certify course ${d.courseId} as proxy`,
  ],
  CourseRosterSynced: (d) => [
    `同步課程 ${d.courseId} 修課名單（${d.studentIds.length} 人）`,
    `synced the roster of course ${d.courseId} (${d.studentIds.length} students)`,
  ],
  RoleGroupDefined: (d) => [
    `建立角色群組 ${d.name}（${d.functionCodes.join('、') || '無功能'}）${d.inUse === false ? '，不使用' : ''}`,
    `defined role group ${d.name} ` +
      `(${d.functionCodes.join(', ') || 'no functions'})${d.inUse === false ? ', not in use' : ''}`,
  ],
  RoleGroupMemberAdded: (d) => [
    `將 ${d.userId} 加入角色群組 ${d.groupId}`,
    `added ${d.userId} to role group ${d.groupId}`,
  ],
  RoleGroupMemberRemoved: (d) => [
    `將 ${d.userId} 移出角色群組 ${d.groupId}`,
    `removed ${d.userId} from role group ${d.groupId}`,
  ],
  PeriodSealed: (d) => [
    `封存 ${d.period} ${cat(d.category)[0]}${round(d.cohorts)[0]}${d.digest ? `（摘要 ${d.digest.slice(0, 12)}…）` : ''}`,
    `sealed ${cat(d.category)[1]} of ${d.period}${round(d.cohorts)[1]}${d.digest ? ` (digest ${d.digest.slice(0, 12)}…)` : ''}`,
  ],
  ParentAccountLinked: (d) => [
    `將親子帳號 ${d.parentId} 連結學生 ${d.studentIds.join('、')}`,
    `linked parent account ${d.parentId} to ${d.studentIds.join(', ')}`,
  ],
  ParentAccountUnlinked: (d) => [
    `取消親子帳號 ${d.parentId} 與學生 ${d.studentIds.join('、')} 的連結`,
    `unlinked parent account ${d.parentId} from ${d.studentIds.join(', ')}`,
  ],
  PlanApprovalOrderSet: (d) => [
    `設定自主學習計畫審核順序（${d.stages.length} 關）`,
    `set the approval order of learning plans (${d.stages.length} stages)`,
  ],
  CourseOutcomeUploaded: (d) => [
    `上傳 ${d.term} ${d.subject} 課程學習成果 ${d.outcomeId}：「${d.description}」`,
    `uploaded course outcome ${d.outcomeId} for ${d.subject} ${d.term}: "${d.description}"`,
  ],
  CourseOutcomeEdited: (d) => [
    `修改課程學習成果 ${d.outcomeId}：「${d.description}」`,
    `edited course outcome ${d.outcomeId}: "${d.description}"`,
  ],
  CourseOutcomeDeleted: (d) => [`刪除課程學習成果 ${d.outcomeId}`, `deleted course outcome ${d.outcomeId}`],
  CourseOutcomeSentForCertification: (d) => [
    `送出課程學習成果 ${d.outcomeId} 認證（待認證）`,
    `sent course outcome ${d.outcomeId} for certification (pending)`,
  ],
  CourseOutcomeCertified: (d) =>
    d.result === 'passed'
      ? [`教師 ${d.teacherId} 認證通過 ${d.outcomeId}`, `teacher ${d.teacherId} passed ${d.outcomeId}`]
      : [
          `教師 ${d.teacherId} 認證不通過 ${d.outcomeId}：${d.reason ?? ''}`,
          `teacher ${d.teacherId} failed ${d.outcomeId}: ${d.reason ?? ''}`,
        ],
  PerformanceRecorded: (d) => [
    `新增 ${d.schoolYear}-${d.semester} 多元表現 ${d.performanceId}（${d.details.category}）`,
    `recorded diverse performance ${d.performanceId} (${d.details.category}) for ${d.schoolYear}-${d.semester}`,
  ],
  PerformanceEdited: (d) => [`修改多元表現 ${d.performanceId}`, `edited diverse performance ${d.performanceId}`],
  PerformanceDeleted: (d) => [`刪除多元表現 ${d.performanceId}`, `deleted diverse performance ${d.performanceId}`],
  CadreRecordSynced: (d) => [
    `學校同步幹部經歷 ${d.performanceId}：${d.unit} ${d.position}`,
    `the school synced cadre record ${d.performanceId}: ${d.position} of ${d.unit}`,
  ],
  CadreProofAttached: (d) => [
    `為幹部經歷 ${d.performanceId} 附上證明`,
    `attached proof to cadre record ${d.performanceId}`,
  ],
  CourseOutcomeSelected: (d) => [
    `勾選課程學習成果 ${d.outcomeId}（${d.schoolYear} 學年度）`,
    `selected course outcome ${d.outcomeId} for ${d.schoolYear}`,
  ],
  CourseOutcomeDeselected: (d) => [`取消勾選課程學習成果 ${d.outcomeId}`, `deselected course outcome ${d.outcomeId}`],
  PerformanceSelected: (d) => [
    `勾選多元表現 ${d.performanceId}（${d.schoolYear} 學年度）`,
    `selected diverse performance ${d.performanceId} for ${d.schoolYear}`,
  ],
  PerformanceDeselected: (d) => [
    `取消勾選多元表現 ${d.performanceId}`,
    `deselected diverse performance ${d.performanceId}`,
  ],
  ReceiptStatementIssued: (d) => [
    `收到 ${d.period} ${cat(d.category)[0]}${round(d.cohorts)[0]}收訖明細（${d.items.length} 筆，FID ${d.fid}）` +
      `${fieldsOf(d.items, 0)}`,
    `received the ${cat(d.category)[1]} receipt statement of ${d.period}${round(d.cohorts)[1]} (${d.items.length} ` +
      `items, FID ${d.fid})${fieldsOf(d.items, 1)}`,
  ],
  ReceiptConfirmed: (d) => [
    `確認 ${d.period} ${cat(d.category)[0]}資料正確無誤${stage(d.stage)[0]}`,
    `confirmed the ${cat(d.category)[1]} of ${d.period} correct${stage(d.stage)[1]}`,
  ],
  ReceiptErrorReported: (d) => [
    `回報 ${d.period} ${cat(d.category)[0]}資料有誤${stage(d.stage)[0]}：${d.problems.map((p) => p.reason).join('；')}`,
    `reported errors in the ${cat(d.category)[1]} of ${d.period}${stage(d.stage)[1]}: ` +
      `${d.problems.map((p) => p.reason).join('; ')}`,
  ],
  ReceiptReviewRecorded: (d) =>
    d.finding === 'corrected'
      ? [
          `學校審查 ${d.period} ${cat(d.category)[0]}回報：已更正並重新提交`,
          `the school reviewed the report on ${cat(d.category)[1]} of ${d.period}: corrected and resubmitted`,
        ]
      : [
          `學校審查 ${d.period} ${cat(d.category)[0]}回報：資料無誤，請再次確認`,
          `the school reviewed the report on ${cat(d.category)[1]} of ${d.period}: the data was right, re-check asked`,
        ],
  ReceiptDeemedCorrect: (d) => [
    `${d.period} ${cat(d.category)[0]}逾期未確認，視為正確無誤${stage(d.stage)[0]}`,
    `the ${cat(d.category)[1]} of ${d.period} deemed correct: no answer by the deadline${stage(d.stage)[1]}`,
  ],
  LearningPlanSubmitted: (d) => [
    `送出自主學習計畫 ${d.planId}「${d.title}」`,
    `submitted learning plan ${d.planId} "${d.title}"`,
  ],
  LearningPlanStagePassed: (d) => [
    `自主學習計畫 ${d.planId} 第 ${d.stage + 1} 關由 ${d.reviewerId} 通過`,
    `learning plan ${d.planId} passed stage ${d.stage + 1} (${d.reviewerId})`,
  ],
  LearningPlanReturned: (d) => [
    `自主學習計畫 ${d.planId} 第 ${d.stage + 1} 關退回：${d.reason}`,
    `learning plan ${d.planId} returned at stage ${d.stage + 1}: ${d.reason}`,
  ],
  LearningPlanApproved: (d) => [
    `自主學習計畫 ${d.planId} 核准，記為多元表現 ${d.performanceId}`,
    `learning plan ${d.planId} approved, recorded as performance ${d.performanceId}`,
  ],
  ApplicationItemsPicked: (d) => [
    `為申請校系 ${d.departmentId} 選取 ${d.outcomeIds.length} 件成果、${d.performanceIds.length} 件多元表現`,
    `picked ${d.outcomeIds.length} outcomes and ${d.performanceIds.length} performances for department ` +
      `${d.departmentId}`,
  ],
  RosterSubmitted: (d) => [
    `提交 ${d.period} ${cat(d.category)[0]}${round(d.cohorts)[0]}名冊（FID ${d.fid}，${d.roster.length} 人）`,
    `submitted the ${cat(d.category)[1]} roster of ${d.period}${round(d.cohorts)[1]} (FID ${d.fid}, ` +
      `${d.roster.length} students)`,
  ],
  SubmissionRejected: (d) => [
    `中央資料庫退回 FID ${d.fid}：${d.message}`,
    `the central database rejected FID ${d.fid}: ${d.message}`,
  ],
  SubmissionAccepted: (d) => [
    `中央資料庫接受 FID ${d.fid}：${d.message}`,
    `the central database accepted FID ${d.fid}: ${d.message}`,
  ],
};

/** The sentence of one event in one language. */
export const sentenceOf = (event: AnyEvent, lang: Lang): string => {
  const [zh, en] = (SENTENCES[event.type] as Sentence<EventType>)(event.data as never);
  return lang === 'zh-TW' ? zh : en;
};
