import * as t from 'io-ts';
import { eventCodec } from '../../shared/codecs';
import { Id } from '../../shared/primitives';
import { SchoolYear } from '../../shared/term';

/** R-SEL-1 / R-SEL-2: selected (勾選) for the school's submission of that school year. */
export const CourseOutcomeSelected = eventCodec(
  'CourseOutcomeSelected',
  t.strict({ outcomeId: Id, schoolYear: SchoolYear }),
);
export const CourseOutcomeDeselected = eventCodec(
  'CourseOutcomeDeselected',
  t.strict({ outcomeId: Id, schoolYear: SchoolYear }),
);
export const PerformanceSelected = eventCodec(
  'PerformanceSelected',
  t.strict({ performanceId: Id, schoolYear: SchoolYear }),
);
export const PerformanceDeselected = eventCodec(
  'PerformanceDeselected',
  t.strict({ performanceId: Id, schoolYear: SchoolYear }),
);

export const SELECTION_EVENTS = [
  CourseOutcomeSelected,
  CourseOutcomeDeselected,
  PerformanceSelected,
  PerformanceDeselected,
] as const;
