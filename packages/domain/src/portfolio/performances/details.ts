import * as t from 'io-ts';
import { NonEmptyText, PositiveInt, withOptional } from '../../shared/primitives';
import { CalendarDate } from '../../shared/term';

/**
 * R-PERF-6: cadre levels. The seeds also write four of them with 幹部 (002/004 forms, 000/001 statements:
 * 校級幹部, 班級幹部, 社團幹部, 其他幹部): the same levels, accepted and kept as written, never rewritten.
 */
export const CadreLevel = t.keyof(
  {
    校級: null,
    班級: null,
    社團: null,
    實習幹部: null,
    校外自治組織團體: null,
    其他: null,
    校級幹部: null,
    班級幹部: null,
    社團幹部: null,
    其他幹部: null,
  },
  'CadreLevel',
);

/** R-PERF-7: competition levels. */
export const CompetitionLevel = t.keyof({ 校級: null, 縣市級: null, 全國: null, 國際: null }, 'CompetitionLevel');

/** R-PERF-5: flexible learning kinds. */
export const FlexibleLearningKind = t.keyof(
  { 自主學習: null, 選手培訓: null, '充實(增廣)課程': null, 補強性課程: null, 學校特色活動: null },
  'FlexibleLearningKind',
);

/** R-PERF-5: weeks an integer 1 to 18. */
export const FlexibleLearningWeeks = t.refinement(PositiveInt, (n) => n <= 18, 'FlexibleLearningWeeks');

/**
 * The ten categories of R-PERF-1 with each one's own fields (R-PERF-5..7; seed 004's forms). The tag is
 * the category; the Chinese name the platform shows is `PERFORMANCE_CATEGORY_NAMES`.
 */
export const PerformanceDetails = t.union(
  [
    t.strict({ category: t.literal('cadre'), unit: NonEmptyText, position: NonEmptyText, level: CadreLevel }, 'cadre'),
    t.strict(
      {
        category: t.literal('competition'),
        name: NonEmptyText,
        eventGroup: NonEmptyText,
        level: CompetitionLevel,
        award: NonEmptyText,
        resultDate: CalendarDate,
        participation: t.keyof({ individual: null, team: null }),
      },
      'competition',
    ),
    t.strict(
      {
        category: t.literal('certificate'),
        code: NonEmptyText,
        name: NonEmptyText,
        obtainedDate: CalendarDate,
        scoreOrLevel: NonEmptyText,
      },
      'certificate',
    ),
    t.strict({ category: t.literal('serviceLearning'), unit: NonEmptyText, name: NonEmptyText }, 'serviceLearning'),
    withOptional(
      {
        category: t.literal('flexibleLearning'),
        kind: FlexibleLearningKind,
        name: NonEmptyText,
        periodsPerWeek: PositiveInt,
        weeks: FlexibleLearningWeeks,
      },
      { unit: NonEmptyText },
      'flexibleLearning',
    ),
    t.strict({ category: t.literal('groupActivity'), kind: NonEmptyText, name: NonEmptyText }, 'groupActivity'),
    t.strict({ category: t.literal('workplaceLearning'), unit: NonEmptyText, name: NonEmptyText }, 'workplaceLearning'),
    t.strict({ category: t.literal('creativeWork'), name: NonEmptyText }, 'creativeWork'),
    t.strict(
      {
        category: t.literal('universityPreCourse'),
        institution: NonEmptyText,
        courseName: NonEmptyText,
        credits: PositiveInt,
      },
      'universityPreCourse',
    ),
    withOptional({ category: t.literal('other'), name: NonEmptyText }, { unit: NonEmptyText }, 'other'),
  ],
  'PerformanceDetails',
);
export type PerformanceDetails = t.TypeOf<typeof PerformanceDetails>;
export type PerformanceCategory = PerformanceDetails['category'];

/** R-PERF-1: the names the platform shows. */
export const PERFORMANCE_CATEGORY_NAMES: Readonly<Record<PerformanceCategory, string>> = {
  cadre: '幹部經歷暨事蹟紀錄',
  competition: '競賽參與',
  certificate: '檢定證照',
  serviceLearning: '服務學習',
  flexibleLearning: '彈性學習時間',
  groupActivity: '團體活動時間',
  workplaceLearning: '職場學習',
  creativeWork: '作品成果',
  universityPreCourse: '大學及技專校院先修課程',
  other: '其他多元表現',
};
