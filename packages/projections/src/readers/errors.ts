import { type Role, type RuleId } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import type { Reader } from './reader';

/** What each report is called on the seeds' screens, for the refusals. */
export const READ_LABELS = {
  classConfirmation: ['收訖明細確認統計', 'the class receipt-confirmation report'],
  outcomeStatus: ['課程學習成果狀態統計', 'the outcome status report'],
  uncertifiedTeachers: ['未認證教師狀況表', 'the uncertified-teacher report'],
  performanceSelection: ['多元表現勾選數量', 'the performance selection report'],
  outcomeUsage: ['學習成果使用人數統計', 'the outcome usage statistics'],
  studentNotice: ['學生上傳及勾選情形確認單', 'the student notice'],
  outcomeSelection: ['學生學習成果勾選情形', 'the per-student outcome selection list'],
  submissionHistory: ['提交紀錄', 'the submission history'],
  receptionLog: ['學校查詢接收紀錄', 'the reception log'],
  reminders: ['通知名單', 'the reminders due'],
  portfolio: ['學生學習歷程檔案', "the student's portfolio"],
  timeline: ['學生歷程紀錄', "the student's timeline"],
} as const;

export type ReadName = keyof typeof READ_LABELS;

/**
 * The rule that keeps a role out of a report it may not read at all: students and parents read only their own
 * (R-AUTH-1), teachers their own class (R-AUTH-2), staff school-wide views through S0205S/S0206S (R-AUTH-5),
 * the system only carries out deadline effects (R-AUTH-4), the city reads usage statistics (R-REP-4).
 */
const RULE_OF_ROLE: Readonly<Record<Role, RuleId>> = {
  student: 'R-AUTH-1',
  parent: 'R-AUTH-1',
  teacher: 'R-AUTH-2',
  admin: 'R-AUTH-5',
  submitter: 'R-AUTH-5',
  system: 'R-AUTH-4',
  city: 'R-REP-4',
};

const who = (reader: Reader): string => `${reader.role} ${reader.id}`;

export const readErrors = {
  roleMayNotRead: (reader: Reader, read: ReadName) =>
    domainError(
      'READ_NOT_ALLOWED',
      RULE_OF_ROLE[reader.role],
      `${who(reader)} 不可讀取「${READ_LABELS[read][0]}」`,
      `A ${reader.role} (${reader.id}) may not read ${READ_LABELS[read][1]}`,
      { role: reader.role, readerId: reader.id, read },
    ),
  notHomeroomTeacher: (teacherId: string, what: { readonly classId: string } | { readonly studentId: string }) =>
    domainError(
      'NOT_HOMEROOM_TEACHER',
      'R-AUTH-2',
      'classId' in what
        ? `教師 ${teacherId} 不是班級 ${what.classId} 的導師`
        : `教師 ${teacherId} 不是學生 ${what.studentId} 的導師`,
      'classId' in what
        ? `Teacher ${teacherId} is not the homeroom teacher of class ${what.classId}`
        : `Teacher ${teacherId} is not the homeroom teacher of student ${what.studentId}`,
      { teacherId, ...what },
    ),
  notOwnPortfolio: (studentId: string, readerId: string) =>
    domainError(
      'NOT_OWN_PORTFOLIO',
      'R-AUTH-1',
      `學生 ${readerId} 只能讀取自己的資料，不可讀取 ${studentId} 的`,
      `Student ${readerId} reads only their own data, not ${studentId}'s`,
      {
        studentId,
        readerId,
      },
    ),
  parentNotLinked: (parentId: string, studentId: string) =>
    domainError(
      'PARENT_NOT_LINKED',
      'R-AUTH-6',
      `親子帳號 ${parentId} 未連結學生 ${studentId}`,
      `Parent account ${parentId} is not linked to student ${studentId}`,
      {
        parentId,
        studentId,
      },
    ),
};
