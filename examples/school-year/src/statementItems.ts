import type { ItemDetails, PortfolioState, ReceiptCategory } from '@licheng/domain';
import type { Random } from './random';
import type { SchoolSetup, Student } from './school';

export type Item = { itemId: string; title: string; details: ItemDetails };

const filesOf = (item: { document?: { name: string; sha256: string }; media?: { name: string; sha256: string } }) =>
  [item.document, item.media].flatMap((f) => (f ? [{ name: f.name, sha256: f.sha256 }] : []));

/**
 * What the school submits for a student (R-SUB-3), field by field (R-REC-7): their selections (R-SUB-4), synced
 * cadre records, course records, all of the year simulated (a student's portfolio keeps the years before).
 */
export const itemsOf = (
  setup: SchoolSetup,
  student: Student,
  p: PortfolioState,
  category: ReceiptCategory,
  random: Random,
): Item[] => {
  const { year } = setup.calendar;
  const outcomes = Object.values(p.outcomes).filter((o) => o.schoolYear === year);
  const performances = Object.values(p.performances).filter((x) => x.schoolYear === year);
  switch (category) {
    case 'courseRecords':
      return setup.courses
        .filter((c) => c.classId === student.classId && c.term === setup.calendar.term2)
        .map((c) => {
          const score = random.int(52, 98);
          const details = {
            kind: 'courseRecord',
            subjectName: c.subject,
            gradeLevel: student.grade,
            credits: c.credits,
            semesterScore: score,
            passed: score >= 60,
            makeUpScore: null,
            makeUpPassed: null,
            creditCounted: score >= 60,
          } as unknown as ItemDetails;
          return { itemId: c.courseId, title: `${c.subject} ${c.credits} 學分`, details };
        });
    case 'cadreRecords':
      return performances
        .filter((x) => x.synced && x.semester === 2 && x.details.category === 'cadre')
        .map((x) => {
          const d = x.details as { unit: string; position: string; level: string };
          const details = {
            kind: 'cadreRecord',
            unit: d.unit,
            level: d.level,
            position: d.position,
            startDate: x.startDate,
            endDate: x.endDate,
          } as unknown as ItemDetails;
          return { itemId: x.performanceId, title: d.position, details };
        });
    case 'courseOutcomes':
      return outcomes
        .filter((o) => o.selected)
        .map((o) => ({
          itemId: o.outcomeId,
          title: `${o.subject}：${o.description}`,
          details: { kind: 'selectedItem', files: filesOf(o) } as ItemDetails,
        }));
    case 'performances':
      return performances
        .filter((x) => x.selected)
        .map((x) => ({
          itemId: x.performanceId,
          title: x.description || x.details.category,
          details: { kind: 'selectedItem', files: filesOf(x) } as ItemDetails,
        }));
  }
};
