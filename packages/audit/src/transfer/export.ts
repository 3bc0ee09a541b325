import { schoolNotRegistered } from '@licheng/domain/internal';
import { portfolioStreamName, schoolStreamName, type DomainError, type TaipeiInstant } from '@licheng/domain';
import { loadStream, schoolAggregate, type EventStore } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { BUNDLE_FORMAT, tokenOf, transferError, type TransferBundle } from './bundle';

export interface ExportRequest {
  readonly schoolId: string;
  readonly studentId: string;
  /** The name the file will have; the token covers it, so the receiving school can tell a renamed file. */
  readonly fileName: string;
  readonly exportedAt: TaipeiInstant;
}

/**
 * R-XFER-1: exports one student's portfolio stream at a school as one bundle with its integrity token.
 * The token is also handed over apart from the file (on the transfer letter), for the receiving school
 * to present when it imports.
 */
export const exportTransfer = async (
  store: EventStore,
  request: ExportRequest,
): Promise<E.Either<DomainError, { bundle: TransferBundle; token: string }>> => {
  const { schoolId, studentId, fileName, exportedAt } = request;
  const school = await loadStream(store, schoolAggregate, schoolStreamName(schoolId));
  if (E.isLeft(school)) return school;
  const policy = school.right.state;
  if (policy.schoolId === null) {
    return E.left(schoolNotRegistered(schoolId, 'R-XFER-1'));
  }
  const student = policy.students[studentId];
  if (!student) {
    return E.left(
      transferError(
        'STUDENT_NOT_ENROLLED',
        `學生 ${studentId} 不在 ${schoolId} 的學籍中`,
        `student ${studentId} is not enrolled at ${schoolId}`,
        { schoolId, studentId },
      ),
    );
  }
  const events = await store.readStream(portfolioStreamName(schoolId, studentId));
  const content: Omit<TransferBundle, 'token'> = {
    format: BUNDLE_FORMAT,
    fileName,
    studentId: student.studentId as TransferBundle['studentId'],
    from: { schoolId: policy.schoolId as TransferBundle['studentId'], schoolName: policy.name },
    student: { studentNumber: student.studentNumber, name: student.name, entrySchoolYear: student.entrySchoolYear },
    exportedAt,
    events: [...events] as TransferBundle['events'],
  };
  const token = tokenOf(content);
  return E.right({ bundle: { ...content, token }, token });
};
