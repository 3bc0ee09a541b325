import * as E from 'fp-ts/Either';
import {
  mayCertify,
  SCHOOL_COMMAND_DATA,
  schoolDecider,
  type SchoolCommand,
  type SchoolCommandType,
} from '@licheng/domain';
import { decodeWith } from '@licheng/domain/internal';
import { admin, at, schoolEvent, schoolFixture, specify, teacher } from '../testing';

/**
 * R-OUT-7, seed 003 3.4 合開課程設定審核老師: every teacher of a co-taught course is listed at 審核=是
 * ("是→可以認證, 否→無法認證"); the administrator may set 否 and back to 是. proj-1112 is co-taught by t3 and t4.
 */
const command = <K extends SchoolCommandType>(
  type: K,
  data: Record<string, unknown>,
): Extract<SchoolCommand, { type: K }> => {
  const result = decodeWith(SCHOOL_COMMAND_DATA[type], type)({ schoolId: 'sch1', ...data });
  if (E.isLeft(result)) throw new Error(result.left.message.en);
  return { type, data: result.right } as Extract<SchoolCommand, { type: K }>;
};
const given = specify(schoolDecider);
const { events: fixture } = schoolFixture();
const NOW = { now: at('2023-03-01T10:00'), actor: admin() };
const no = (teacherId: string) => command('UnmarkCourseReviewer', { courseId: 'proj-1112', teacherId });
const yes = (teacherId: string) => command('MarkCourseReviewer', { courseId: 'proj-1112', teacherId });

describe('co-taught reviewers (R-OUT-7)', () => {
  it('starts every co-teacher at 審核=是 (R-OUT-7)', () => {
    const course = given(...fixture).state.courses['proj-1112']!;
    expect(course.reviewerIds).toEqual(['t3', 't4']);
    expect(mayCertify(course, 't3') && mayCertify(course, 't4')).toBe(true);
  });

  it('sets a co-teacher to 否 and back to 是, each as its own event (R-OUT-7)', () => {
    const off = given(...fixture)
      .when(no('t4'), NOW)
      .thenSucceeds();
    expect(off.events).toEqual([schoolEvent('CourseReviewerUnmarked', { courseId: 'proj-1112', teacherId: 't4' })]);
    expect(mayCertify(off.state.courses['proj-1112']!, 't4')).toBe(false);
    expect(mayCertify(off.state.courses['proj-1112']!, 't3')).toBe(true);
    const on = given(...fixture, ...off.events)
      .when(yes('t4'), NOW)
      .thenSucceeds();
    expect(on.events).toEqual([schoolEvent('CourseReviewerMarked', { courseId: 'proj-1112', teacherId: 't4' })]);
    expect(on.state.courses['proj-1112']!.reviewerIds).toEqual(['t3', 't4']);
  });

  it('refuses setting 否 for a teacher who does not teach the course, or for a course never opened (R-OUT-7)', () => {
    given(...fixture)
      .when(no('t1'), NOW)
      .thenError('NOT_COURSE_TEACHER', 'R-OUT-7');
    given(...fixture)
      .when(command('UnmarkCourseReviewer', { courseId: 'art-1112', teacherId: 't3' }), NOW)
      .thenError('UNKNOWN_REFERENCE', 'R-OUT-7');
  });

  it('refuses a teacher setting 否 for a colleague (R-AUTH-3, R-AUTH-5)', () => {
    given(...fixture)
      .when(no('t4'), { ...NOW, actor: teacher('t3') })
      .thenError('FUNCTION_NOT_HELD', 'R-AUTH-5');
  });

  it(
    'does not let OpenCourse state how reviewers start: the field is dropped, only the upcast of an old course ' +
      'carries it (R-OUT-7)',
    () => {
      const open = command('OpenCourse', {
        courseId: 'x-1112',
        term: '1112',
        subject: '專題',
        name: '專題',
        credits: 2,
        teacherIds: ['t3', 't4'],
        reviewers: 'marked',
      });
      expect(open.data).not.toHaveProperty('reviewers');
      expect(
        given(...fixture)
          .when(open, NOW)
          .thenSucceeds().state.courses['x-1112']?.reviewerIds,
      ).toEqual(['t3', 't4']);
    },
  );
});
