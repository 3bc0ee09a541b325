import { domainError } from '../shared/errors';
import { roundLabel } from '../school/rounds';

export const submissionErrors = {
  notSubmitter: (userId: string, category: string, codes: ReadonlyArray<string>) =>
    domainError(
      'NOT_A_SUBMITTER',
      'R-SUB-1',
      codes.length > 0
        ? `${userId} 不是學校管理者，也不在持有「${category}」提交功能（${codes.join('、')}，新增）的使用中角色群組`
        : `只有學校管理者或學校成績系統可以提交「${category}」`,
      codes.length > 0
        ? `${userId} is not the administrator and in no role group in use holding the ${category} submission ` +
            `function (${codes.join(', ')}) with the add right`
        : `Only the school administrator or the school's records system submits ${category}`,
      { userId, category, functionCodes: codes },
    ),
  fidAlreadyUsed: (fid: string) =>
    domainError(
      'FID_ALREADY_USED',
      'R-SUB-2',
      `提交編號 FID ${fid} 已使用過`,
      `The attempt id (FID) ${fid} has already been used`,
      { fid },
    ),
  unknownFid: (fid: string) =>
    domainError('UNKNOWN_FID', 'R-SUB-2', `找不到提交編號 FID ${fid}`, `No submission attempt with FID ${fid}`, {
      fid,
    }),
  resultAlreadyRecorded: (fid: string, status: string) =>
    domainError(
      'SUBMISSION_RESULT_ALREADY_RECORDED',
      'R-SUB-2',
      `FID ${fid} 已有結果（${status}）`,
      `Attempt ${fid} already has its result (${status})`,
      { fid, status },
    ),
  notInRound: (studentId: string, entrySchoolYear: number, cohorts: ReadonlyArray<number>) =>
    domainError(
      'STUDENT_NOT_IN_ROUND',
      'R-ROUND-1',
      `學生 ${studentId}（入學年度 ${entrySchoolYear}）不屬於${roundLabel(cohorts).zh}的梯次`,
      `Student ${studentId} (entry year ${entrySchoolYear}) is not in the round of ${roundLabel(cohorts).en}`,
      { studentId, entrySchoolYear, cohorts },
    ),
  notAsSelected: (studentId: string, itemId: string, problem: 'unknown' | 'unselected' | 'missing') =>
    domainError(
      'ROSTER_NOT_AS_SELECTED',
      'R-SUB-4',
      problem === 'missing'
        ? `名冊缺少學生 ${studentId} 已勾選的 ${itemId}`
        : problem === 'unknown'
          ? `名冊中學生 ${studentId} 的 ${itemId} 不存在於其學習歷程`
          : `名冊中學生 ${studentId} 的 ${itemId} 未經學生勾選`,
      problem === 'missing'
        ? `The roster leaves out ${itemId}, which student ${studentId} selected`
        : problem === 'unknown'
          ? `The roster lists ${itemId} for student ${studentId}, who has no such item`
          : `The roster lists ${itemId} for student ${studentId}, who did not select it`,
      { studentId, itemId, problem },
    ),
  selectionStillOpen: (category: string, period: string, closesAt: string) =>
    domainError(
      'SELECTION_NOT_CLOSED',
      'R-SEL-3',
      `${period}「${category}」的勾選至 ${closesAt} 才截止，截止後才能提交學生的勾選`,
      `Selection for ${category} of ${period} closes at ${closesAt}; what students selected is submitted after it ` +
        `closes`,
      { category, period, closesAt },
    ),
  detailsOfOtherKind: (itemId: string, category: string, kind: string) =>
    domainError(
      'ITEM_DETAILS_MISMATCH',
      'R-REC-7',
      `${itemId} 的明細欄位屬於「${kind}」，不是「${category}」應有的欄位`,
      `The fields given for ${itemId} are those of a ${kind}, not of ${category}`,
      { itemId, category, kind },
    ),
  filesNotAsSelected: (studentId: string, itemId: string) =>
    domainError(
      'ROSTER_NOT_AS_SELECTED',
      'R-SUB-4',
      `名冊中學生 ${studentId} 的 ${itemId} 檔案名稱或摘要與其勾選的項目不符`,
      `The files listed for ${itemId} of student ${studentId} are not the files of the item they selected`,
      { studentId, itemId, problem: 'files' },
    ),
  emptyRoster: () =>
    domainError('EMPTY_ROSTER', 'R-SUB-1', '提交名冊不可為空', 'A submitted roster must list at least one student', {}),
  duplicateStudent: (studentId: string) =>
    domainError(
      'DUPLICATE_ROSTER_ENTRY',
      'R-SUB-3',
      `名冊中學生 ${studentId} 重複出現`,
      `Student ${studentId} appears twice in the roster`,
      { studentId },
    ),
  periodMismatch: (category: string, period: string) =>
    domainError(
      'SUBMISSION_PERIOD_MISMATCH',
      'R-REC-1',
      `「${category}」` +
        `應以${category === 'courseOutcomes' || category === 'performances' ? '學年（學期 0）' : '學期（1 或 2）'}提` +
        `交，收到 ${period}`,
      `${category} are submitted per ` +
        `${category === 'courseOutcomes' || category === 'performances' ? 'school year (semester 0)' : 'semester'}; ` +
        `got ${period}`,
      { category, period },
    ),
};
