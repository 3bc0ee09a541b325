import * as E from 'fp-ts/Either';
import {
  classConfirmationReport,
  classConfirmationTable,
  classesOf,
  confirmationProgress,
  confirmationProgressTable,
  type ReportsView,
  type Table,
} from '@licheng/projections';
import { toHtml } from '@licheng/export';
import { SCHOOL_ID } from './school';
import type { SchoolYearCalendar } from './calendar';

const orThrow = <A>(result: E.Either<{ message: { en: string } }, A>): A => {
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return result.right;
};

/** The school summary as a table: per class and category confirmed/applicable, and the school's line. */
export const summaryTable = (view: ReportsView, calendar: SchoolYearCalendar): Table =>
  confirmationProgressTable(orThrow(confirmationProgress(view, { schoolId: SCHOOL_ID, term: calendar.term2 })));

/**
 * The pages a homeroom teacher and the office look at (issue 20): each class's confirmation report with
 * its chart, and the school summary with every class's chart, all as of `takenAt`.
 */
export const htmlPages = (
  view: ReportsView,
  takenAt: Date,
  calendar: SchoolYearCalendar,
): ReadonlyArray<{ readonly name: string; readonly html: string }> => {
  const { year, term2: term } = calendar;
  const school = view.schools[SCHOOL_ID]!.policy;
  const progress = orThrow(confirmationProgress(view, { schoolId: SCHOOL_ID, term }));
  const options = { school: school.name, takenAt };
  const classes = classesOf(school, year).map((klass) => ({
    name: `class-confirmation-${klass.classId}-${term}`,
    html: toHtml(
      [
        classConfirmationTable(
          orThrow(classConfirmationReport(view, { schoolId: SCHOOL_ID, classId: klass.classId, term })),
        ),
      ],
      {
        ...options,
        progress: { ...progress, classes: progress.classes.filter((c) => c.classId === klass.classId) },
      },
    ),
  }));
  return [
    ...classes,
    { name: `school-summary-${term}`, html: toHtml([confirmationProgressTable(progress)], { ...options, progress }) },
  ];
};
