import { domainError } from '../shared/errors';
import type { RuleId } from '../shared/rules';
import type { Window } from '../shared/time';
import type { ReceiptSeal } from './state';

/** Refusals of who may act and when (R-AUTH, R-WIN, R-TIME). */
export const accessErrors = {
  notOwnPortfolio: (actorId: string, studentId: string) =>
    domainError(
      'NOT_OWN_PORTFOLIO',
      'R-AUTH-1',
      `學生只能操作自己的學習歷程（${actorId} 不是 ${studentId}）`,
      `A student acts only on their own portfolio (${actorId} is not ${studentId})`,
      { actorId, studentId },
    ),
  roleNotAllowed: (role: string, command: string, rule: RuleId) =>
    domainError('ROLE_NOT_ALLOWED', rule, `身分「${role}」不可執行 ${command}`, `A ${role} may not ${command}`, {
      role,
      command,
    }),
  studentNotEnrolled: (studentId: string) =>
    domainError(
      'STUDENT_NOT_ENROLLED',
      'R-AUTH-1',
      `學生 ${studentId} 不在本校學籍名冊中`,
      `Student ${studentId} is not enrolled at this school`,
      { studentId },
    ),
  workPeriodNotSet: (item: string, term: string, rule: RuleId) =>
    domainError(
      'WORK_PERIOD_NOT_SET',
      rule,
      `${term}「${item}」作業時間尚未設定`,
      `No ${item} work period is set for term ${term}`,
      { item, term },
    ),
  outsideWorkPeriod: (item: string, term: string, window: Window, now: string, rule: RuleId) =>
    domainError(
      'OUTSIDE_WORK_PERIOD',
      rule,
      `${term}「${item}」作業時間為 ${window.start} 起至 ${window.end} 止（不含），現在 ${now} 不在時間內`,
      `The ${item} work period of ${term} runs from ${window.start} until ${window.end} (exclusive); ${now} is ` +
        `outside it`,
      { item, term, window, now },
    ),
};

/** Refusals about items that do not exist or whose id was already used. */
export const itemErrors = {
  notFound: (kind: 'outcome' | 'performance', id: string, rule: RuleId) =>
    domainError(
      'ITEM_NOT_FOUND',
      rule,
      `找不到${kind === 'outcome' ? '課程學習成果' : '多元表現'} ${id}`,
      `No ${kind === 'outcome' ? 'course outcome' : 'performance'} ${id} in this portfolio`,
      { kind, id },
    ),
  idAlreadyUsed: (id: string, rule: RuleId) =>
    domainError(
      'ITEM_ID_ALREADY_USED',
      rule,
      `編號 ${id} 已被使用過，請使用新的編號`,
      `The id ${id} has already been used in this portfolio; use a new id`,
      { id },
    ),
  fileRequired: (rule: RuleId) =>
    domainError(
      'FILE_REQUIRED',
      rule,
      '至少須上傳文件檔案或影音檔案其中之一',
      'At least one of a document file or a media file is required',
      {},
    ),
  storageQuotaExceeded: (limit: number, actual: number) =>
    domainError(
      'STORAGE_QUOTA_EXCEEDED',
      'R-FILE-3',
      `檔案總容量將達 ${actual} 位元組，超過上限 ${limit} 位元組`,
      `Files would take ${actual} bytes in total, over the limit of ${limit} bytes`,
      { limit, actual },
    ),
};

export const outcomeErrors = {
  courseNotFound: (courseId: string) =>
    domainError(
      'COURSE_NOT_FOUND',
      'R-OUT-1',
      `找不到課程 ${courseId}`,
      `Course ${courseId} is not in the school's records`,
      { courseId },
    ),
  courseHasNoCredits: (courseId: string) =>
    domainError(
      'COURSE_HAS_NO_CREDITS',
      'R-OUT-1',
      `課程 ${courseId} 沒有學分，不能上傳課程學習成果`,
      `Course ${courseId} carries no credits and cannot carry an outcome`,
      { courseId },
    ),
  notTakingCourse: (studentId: string, courseId: string) =>
    domainError(
      'STUDENT_NOT_IN_COURSE',
      'R-OUT-1',
      `學生 ${studentId} 未修習課程 ${courseId}`,
      `Student ${studentId} does not take course ${courseId}`,
      { studentId, courseId },
    ),
  uploadQuotaReached: (limit: number, actual: number, term: string) =>
    domainError(
      'OUTCOME_UPLOAD_QUOTA_REACHED',
      'R-OUT-3',
      `${term} 學期課程學習成果至多 ${limit} 件，已有 ${actual} 件`,
      `At most ${limit} course outcomes per semester; term ${term} already has ${actual}`,
      { limit, actual, term },
    ),
  subjectQuotaReached: (limit: number, actual: number, term: string, subject: string) =>
    domainError(
      'OUTCOME_SUBJECT_QUOTA_REACHED',
      'R-OUT-4',
      `${term} 學期「${subject}」每科至多 ${limit} 件，已有 ${actual} 件`,
      `At most ${limit} outcomes per subject per semester; ${subject} in ${term} already has ${actual}`,
      { limit, actual, term, subject },
    ),
  pending: (outcomeId: string) =>
    domainError(
      'OUTCOME_PENDING_CERTIFICATION',
      'R-OUT-6',
      `成果 ${outcomeId} 已送出認證（待認證），不可修改或刪除`,
      `Outcome ${outcomeId} has been sent for certification and cannot be edited or deleted`,
      { outcomeId },
    ),
  passed: (outcomeId: string) =>
    domainError(
      'OUTCOME_ALREADY_PASSED',
      'R-OUT-9',
      `成果 ${outcomeId} 已認證通過，永遠不可修改或刪除`,
      `Outcome ${outcomeId} has passed certification and can never be edited or deleted`,
      { outcomeId },
    ),
  notCertifier: (teacherId: string, courseId: string) =>
    domainError(
      'NOT_COURSE_CERTIFIER',
      'R-OUT-7',
      `教師 ${teacherId} 不是課程 ${courseId} 的認證教師`,
      `Teacher ${teacherId} may not certify course ${courseId}`,
      { teacherId, courseId },
    ),
  notPending: (outcomeId: string, status: string) =>
    domainError(
      'OUTCOME_NOT_PENDING',
      'R-OUT-8',
      `成果 ${outcomeId} 目前狀態為 ${status}，不是待認證`,
      `Outcome ${outcomeId} is ${status}, not pending certification`,
      { outcomeId, status },
    ),
  failReasonRequired: (outcomeId: string) =>
    domainError(
      'FAIL_REASON_REQUIRED',
      'R-OUT-8',
      `認證不通過時必須填寫原因（成果 ${outcomeId}）`,
      `A fail must give a reason (outcome ${outcomeId})`,
      { outcomeId },
    ),
};

export const performanceErrors = {
  yearCapReached: (limit: number, actual: number, schoolYear: number) =>
    domainError(
      'PERFORMANCE_YEAR_CAP_REACHED',
      'R-PERF-2',
      `${schoolYear} 學年度多元表現至多上傳 ${limit} 件，已有 ${actual} 件`,
      `At most ${limit} performances per school year; ${schoolYear} already has ${actual}`,
      { limit, actual, schoolYear },
    ),
  externalLinkWithoutMedia: () =>
    domainError(
      'EXTERNAL_LINK_REQUIRES_MEDIA',
      'R-PERF-3',
      '須先上傳影音檔案，才能填寫外部影音連結',
      'An external media link may be given only once a media file is attached',
      {},
    ),
  datesReversed: (startDate: string, endDate: string) =>
    domainError(
      'PERFORMANCE_DATES_REVERSED',
      'R-PERF-4',
      `結束日期 ${endDate} 不可早於開始日期 ${startDate}`,
      `The end date ${endDate} is before the start date ${startDate}`,
      { startDate, endDate },
    ),
  hoursExceedDays: (hours: number, limit: number) =>
    domainError(
      'PERFORMANCE_HOURS_EXCEED_DAYS',
      'R-PERF-4',
      `總時數 ${hours} 超過起迄日期可容納的 ${limit} 小時`,
      `${hours} hours do not fit between the dates (at most ${limit})`,
      { limit, actual: hours },
    ),
  dateTooEarly: (date: string, earliest: string) =>
    domainError(
      'PERFORMANCE_DATE_TOO_EARLY',
      'R-PERF-4',
      `日期 ${date} 早於入學年 7 月 1 日（${earliest}）`,
      `The date ${date} is before 1 July of the entry year (${earliest})`,
      { date, earliest },
    ),
  categoryChanged: (from: string, to: string) =>
    domainError(
      'PERFORMANCE_CATEGORY_CHANGED',
      'R-PERF-1',
      `多元表現類別不可由 ${from} 改為 ${to}，請刪除後重新新增`,
      `A performance cannot change category from ${from} to ${to}; delete it and record a new one`,
      { from, to },
    ),
  syncedNotDeletable: (performanceId: string) =>
    domainError(
      'CADRE_RECORD_NOT_DELETABLE',
      'R-PERF-6',
      `由校務行政同步的幹部經歷 ${performanceId} 不可刪除`,
      `Cadre record ${performanceId} was synced from the school's records and cannot be deleted`,
      { performanceId },
    ),
  syncedNotEditable: (performanceId: string) =>
    domainError(
      'CADRE_RECORD_NOT_EDITABLE',
      'R-PERF-6',
      `同步的幹部經歷 ${performanceId} 只能補充證明文件`,
      `Synced cadre record ${performanceId} can only receive proof, not be edited`,
      { performanceId },
    ),
  notSyncedCadre: (performanceId: string) =>
    domainError(
      'NOT_A_SYNCED_CADRE_RECORD',
      'R-PERF-6',
      `${performanceId} 不是同步的幹部經歷`,
      `${performanceId} is not a cadre record synced from the school`,
      { performanceId },
    ),
  proofRequired: (performanceId: string) =>
    domainError(
      'CADRE_PROOF_REQUIRED',
      'R-PERF-6',
      `幹部經歷 ${performanceId} 須上傳證明文件或影音檔案後才能勾選`,
      `Cadre record ${performanceId} needs a proof document or media file before it can be selected`,
      { performanceId },
    ),
  submitted: (performanceId: string) =>
    domainError(
      'PERFORMANCE_ALREADY_SUBMITTED',
      'R-PERF-8',
      `多元表現 ${performanceId} 已提交中央資料庫，不可修改或刪除`,
      `Performance ${performanceId} has been submitted to the central database and cannot be changed`,
      { performanceId },
    ),
};

const notPassed = (outcomeId: string, status: string, rule: RuleId) =>
  domainError(
    'OUTCOME_NOT_PASSED',
    rule,
    `只能勾選認證通過的成果；成果 ${outcomeId} 目前為 ${status}`,
    `Only passed outcomes can be selected; outcome ${outcomeId} is ${status}`,
    { outcomeId, status },
  );

export const selectionErrors = {
  capReached: (kind: 'outcomes' | 'performances', limit: number, actual: number, schoolYear: number) =>
    domainError(
      'SELECTION_CAP_REACHED',
      'R-SEL-1',
      `${schoolYear} 學年度${kind === 'outcomes' ? '課程學習成果' : '多元表現'}至多勾選 ${limit} 件，已勾選 ` +
        `${actual} 件`,
      `At most ${limit} ${kind === 'outcomes' ? 'course outcomes' : 'performances'} may be selected for school year ` +
        `${schoolYear}; ${actual} already are`,
      { kind, limit, actual, schoolYear },
    ),
  /** R-SEL-1: only a passed outcome is selected (a draft or a failed one). */
  outcomeNotPassed: (outcomeId: string, status: string) => notPassed(outcomeId, status, 'R-SEL-1'),
  /** R-OUT-11: an outcome still pending certification cannot be selected yet. */
  outcomePending: (outcomeId: string) => notPassed(outcomeId, 'pending', 'R-OUT-11'),
  alreadySelected: (id: string) =>
    domainError('ALREADY_SELECTED', 'R-SEL-2', `${id} 已經勾選`, `${id} is already selected`, { id }),
  selectedNotDeletable: (id: string) =>
    domainError(
      'SELECTED_ITEM_NOT_DELETABLE',
      'R-SEL-3',
      `${id} 已勾選，請先在勾選期間內取消勾選再刪除`,
      `${id} is selected; deselect it inside the selection window before deleting it`,
      { id },
    ),
  selectionFrozen: (id: string, closedAt: string) =>
    domainError(
      'SELECTION_FROZEN',
      'R-SEL-3',
      `勾選已於 ${closedAt} 截止，已勾選的 ${id} 不可再變更`,
      `Selection closed at ${closedAt}; the selected ${id} can no longer change`,
      { id, closedAt },
    ),
  notSelected: (id: string) =>
    domainError('NOT_SELECTED', 'R-SEL-2', `${id} 尚未勾選`, `${id} is not selected`, { id }),
};

const SEALED_BY: Readonly<Record<ReceiptSeal, readonly [string, string]>> = {
  confirmed: ['已確認資料正確無誤', 'confirmed it correct'],
  deemedCorrect: ['未於期限內回覆，已視為正確無誤', 'was deemed correct when the window closed'],
  dataWasRight: [
    '回報後經學校確認資料無誤，僅待複查',
    'reported errors, and the school found the data right: only the re-check remains',
  ],
  rechecked: ['已完成複查', 'has answered the re-check'],
};

const answered = (category: string, period: string, stage: 'first' | 'recheck', rule: RuleId) =>
  domainError(
    'RECEIPT_ALREADY_ANSWERED',
    rule,
    `${period}「${category}」已經回覆，確認或回報送出後不可更改`,
    `${category} of ${period} has already been answered; an answer is final`,
    { category, period, stage },
  );

export const receiptErrors = {
  /** R-SEAL-3: 001 "點選「資料正確無誤」資料將封存". */
  sealedByAnswer: (studentId: string, category: string, period: string, seal: ReceiptSeal) =>
    domainError(
      'RECEIPT_SEALED_BY_ANSWER',
      'R-SEAL-3',
      `學生 ${studentId} 的 ${period}「${category}」${SEALED_BY[seal][0]}，資料已封存，不可再更正、` +
        `重新提交或重發收訖明細`,
      `Student ${studentId} ${SEALED_BY[seal][1]} for ${category} of ${period}; that data is sealed and no ` +
        `correction, resubmission or new statement may replace it`,
      { studentId, category, period, seal },
    ),
  notApplicable: (category: string, period: string) =>
    domainError(
      'RECEIPT_NOT_APPLICABLE',
      'R-REC-1',
      `${period}「${category}」沒有提交資料，不需確認`,
      `No ${category} data was submitted for ${period}; there is nothing to confirm`,
      { category, period },
    ),
  /** R-REC-2: the first answer (confirm or report) is final. */
  alreadyAnswered: (category: string, period: string) => answered(category, period, 'first', 'R-REC-2'),
  /** R-REC-4: so is the answer to a re-check. */
  recheckAlreadyAnswered: (category: string, period: string) => answered(category, period, 'recheck', 'R-REC-4'),
  awaitingReview: (category: string, period: string) =>
    domainError(
      'RECEIPT_AWAITING_SCHOOL_REVIEW',
      'R-REC-4',
      `${period}「${category}」的回報尚待學校確認與修正`,
      `The report on ${category} of ${period} awaits the school's review`,
      { category, period },
    ),
  awaitingCorrection: (category: string, period: string) =>
    domainError(
      'RECEIPT_AWAITING_CORRECTION',
      'R-REC-4',
      `${period}「${category}」學校將修正並重新提交，請待修正後的收訖明細送達再確認`,
      `The school is correcting ${category} of ${period}; re-check once the corrected statement has arrived`,
      { category, period },
    ),
  notReported: (category: string, period: string) =>
    domainError(
      'RECEIPT_NOT_REPORTED',
      'R-REC-4',
      `${period}「${category}」沒有待處理的錯誤回報`,
      `${category} of ${period} has no error report awaiting review`,
      { category, period },
    ),
  nothingToDeem: (category: string, period: string) =>
    domainError(
      'RECEIPT_NOTHING_TO_DEEM',
      'R-REC-5',
      `${period}「${category}」已有回覆，不需視為正確`,
      `${category} of ${period} already has an answer; there is nothing to deem correct`,
      { category, period },
    ),
  fidAlreadyIssued: (fid: string) =>
    domainError(
      'STATEMENT_ALREADY_ISSUED',
      'R-SUB-3',
      `FID ${fid} 的收訖明細已送達`,
      `The statement of FID ${fid} has already been issued`,
      { fid },
    ),
};

export const planErrors = {
  approvalOrderNotSet: () =>
    domainError(
      'PLAN_APPROVAL_ORDER_NOT_SET',
      'R-PLAN-1',
      '學校尚未設定自主學習計畫審核順序',
      'The school has not set the approval order for self-directed learning plans',
      {},
    ),
  notInReview: (planId: string, status: string) =>
    domainError(
      'PLAN_NOT_IN_REVIEW',
      'R-PLAN-1',
      `自主學習計畫 ${planId} 目前為 ${status}，不在審核中`,
      `Plan ${planId} is ${status}, not in review`,
      { planId, status },
    ),
  notReturned: (planId: string) =>
    domainError(
      'PLAN_NOT_RETURNED',
      'R-PLAN-1',
      `自主學習計畫 ${planId} 未被退回，不可重新送出`,
      `Plan ${planId} was not returned and cannot be submitted again`,
      { planId },
    ),
  notStageReviewer: (planId: string, stage: number, reviewerId: string) =>
    domainError(
      'NOT_STAGE_REVIEWER',
      'R-PLAN-1',
      `${reviewerId} 不是計畫 ${planId} 第 ${stage + 1} 關的審核者`,
      `${reviewerId} is not the reviewer of stage ${stage + 1} of plan ${planId}`,
      { planId, stage, reviewerId },
    ),
  advisorRequired: (planId: string) =>
    domainError(
      'PLAN_ADVISOR_REQUIRED',
      'R-PLAN-1',
      `學校的審核順序包含指導教師，計畫 ${planId} 必須指定指導教師`,
      `The school's approval order includes an advisor stage; plan ${planId} must name its advisor`,
      { planId },
    ),
  returnReasonRequired: (planId: string) =>
    domainError(
      'RETURN_REASON_REQUIRED',
      'R-PLAN-1',
      `退回計畫 ${planId} 時必須填寫原因`,
      `Returning plan ${planId} needs a reason`,
      { planId },
    ),
};

export const applicationErrors = {
  tooMany: (kind: 'outcomes' | 'performances', limit: number, actual: number) =>
    domainError(
      'APPLICATION_PICK_LIMIT',
      'R-APP-1',
      `每個校系至多勾選 ${limit} 件${kind === 'outcomes' ? '課程學習成果' : '多元表現'}，收到 ${actual} 件`,
      `At most ${limit} ${kind === 'outcomes' ? 'course outcomes' : 'performances'} per department; got ${actual}`,
      { kind, limit, actual },
    ),
  duplicate: (id: string) =>
    domainError('APPLICATION_PICK_DUPLICATE', 'R-APP-1', `${id} 重複勾選`, `${id} is picked twice`, { id }),
  notSealedSubmitted: (id: string) =>
    domainError(
      'APPLICATION_ITEM_NOT_SEALED',
      'R-APP-1',
      `${id} 不是已提交並封存的項目`,
      `${id} is not among the student's submitted and sealed items`,
      { id },
    ),
};
