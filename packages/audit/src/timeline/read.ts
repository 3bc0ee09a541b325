import type { DomainError } from '@licheng/domain';
import { checkStudentRead, type ProjectedEvent, type Reader, type ReportsView } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { Lang } from './sentences';
import { studentTimeline, type TimelineEntry } from './timeline';

/**
 * One student's timeline as a person reads it (R-AUTH-1, R-AUTH-2, R-AUTH-6): the reader is checked against the
 * school's current state in `view` — the student, a linked parent, the homeroom teacher, the administrator or a
 * S0205S/S0206S holder — and the timeline holds only that school's records. `studentTimeline` itself is the
 * auditor's: every school, no reader.
 */
export const readStudentTimeline = (
  view: ReportsView,
  events: ReadonlyArray<ProjectedEvent>,
  reader: Reader,
  query: { readonly schoolId: string; readonly studentId: string },
  lang: Lang,
): E.Either<DomainError, ReadonlyArray<TimelineEntry>> =>
  pipe(
    checkStudentRead(view, reader, query),
    E.chain(() => studentTimeline(events, query, lang)),
  );
