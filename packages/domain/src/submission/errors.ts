import { domainError } from '../shared/errors';

export const submissionErrors = {
  notSubmitter: (userId: string, category: string, codes: ReadonlyArray<string>) =>
    domainError('NOT_A_SUBMITTER', 'R-SUB-1',
      codes.length > 0 ? `${userId} 不是學校管理者，也不在持有「${category}」提交功能（${codes.join('、')}，新增）的使用中角色群組` : `只有學校管理者或學校成績系統可以提交「${category}」`,
      codes.length > 0 ? `${userId} is not the administrator and in no role group in use holding the ${category} submission function (${codes.join(', ')}) with the add right` : `Only the school administrator or the school's records system submits ${category}`,
      { userId, category, functionCodes: codes }),
  fidAlreadyUsed: (fid: string) =>
    domainError('FID_ALREADY_USED', 'R-SUB-2', `提交編號 FID ${fid} 已使用過`, `The attempt id (FID) ${fid} has already been used`, { fid }),
  unknownFid: (fid: string) =>
    domainError('UNKNOWN_FID', 'R-SUB-2', `找不到提交編號 FID ${fid}`, `No submission attempt with FID ${fid}`, { fid }),
  resultAlreadyRecorded: (fid: string, status: string) =>
    domainError('SUBMISSION_RESULT_ALREADY_RECORDED', 'R-SUB-2', `FID ${fid} 已有結果（${status}）`,
      `Attempt ${fid} already has its result (${status})`, { fid, status }),
  emptyRoster: () =>
    domainError('EMPTY_ROSTER', 'R-SUB-1', '提交名冊不可為空', 'A submitted roster must list at least one student', {}),
  duplicateStudent: (studentId: string) =>
    domainError('DUPLICATE_ROSTER_ENTRY', 'R-SUB-3', `名冊中學生 ${studentId} 重複出現`, `Student ${studentId} appears twice in the roster`, { studentId }),
  periodMismatch: (category: string, period: string) =>
    domainError('SUBMISSION_PERIOD_MISMATCH', 'R-REC-1',
      `「${category}」應以${category === 'courseOutcomes' || category === 'performances' ? '學年（學期 0）' : '學期（1 或 2）'}提交，收到 ${period}`,
      `${category} are submitted per ${category === 'courseOutcomes' || category === 'performances' ? 'school year (semester 0)' : 'semester'}; got ${period}`,
      { category, period }),
};
