import { type SchoolState } from '@licheng/domain';
import { valuesOf } from '@licheng/domain/internal';

/** A statement and its parameters, taken when the page is folded (the states change in place after). */
export interface Statement {
  readonly text: string;
  readonly params: ReadonlyArray<unknown>;
}

/**
 * A school's state and the rows computed from it: its classes and its roster, written whole (school events are few).
 * The parameters are taken now, so that the statements write the state as it is when the page is folded, whatever
 * the next page's fold does to it in memory before they are sent.
 */
export const schoolStatements = (schoolId: string, policy: SchoolState): Statement[] => {
  const classes = valuesOf(policy.classes);
  const placed = valuesOf(policy.students).flatMap((student) =>
    Object.entries(student.placements).map(([year, placement]) => ({ student, year: Number(year), ...placement })),
  );
  return [
    {
      text:
        'insert into licheng_rm_schools (school_id, state) values ($1, $2::json) on conflict (school_id) do update ' +
        'set state = excluded.state',
      params: [schoolId, JSON.stringify(policy)],
    },
    { text: 'delete from licheng_rm_classes where school_id = $1', params: [schoolId] },
    {
      text:
        'insert into licheng_rm_classes (school_id, class_id, school_year, name) select $1, * from unnest($2::text[], ' +
        '$3::int[], $4::text[])',
      params: [schoolId, classes.map((c) => c.classId), classes.map((c) => c.schoolYear), classes.map((c) => c.name)],
    },
    { text: 'delete from licheng_rm_roster where school_id = $1', params: [schoolId] },
    {
      text: `insert into licheng_rm_roster (school_id, school_year, class_id, seat_number, student_id, student_number, name)
     select $1, * from unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[])`,
      params: [
        schoolId,
        placed.map((p) => p.year),
        placed.map((p) => p.classId),
        placed.map((p) => p.seatNumber),
        placed.map((p) => p.student.studentId),
        placed.map((p) => p.student.studentNumber),
        placed.map((p) => p.student.name),
      ],
    },
  ];
};
