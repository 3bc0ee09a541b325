import {
  isCoveredBySeal,
  parseSubmissionStreamName,
  portfolioOwnerOf,
  portfolioStreamName,
  schoolIdOfSchoolStream,
  schoolStreamName,
  sealCoverage,
  streamKindOf,
  submissionStreamName,
} from '@licheng/domain';

describe('stream names (streams.ts)', () => {
  it('reads back the ids a name was composed of', () => {
    expect(schoolIdOfSchoolStream(schoolStreamName('S1'))).toBe('S1');
    expect(portfolioOwnerOf(portfolioStreamName('S1', 'stu-7'))).toEqual({ schoolId: 'S1', studentId: 'stu-7' });
    expect(parseSubmissionStreamName(submissionStreamName('S1', 'courseRecords', '1112', [110, 111]))).toEqual({
      schoolId: 'S1',
      category: 'courseRecords',
      period: '1112',
      cohorts: [110, 111],
    });
    expect(streamKindOf(submissionStreamName('S1', 'performances', '1110'))).toBe('submission');
    expect(streamKindOf('other-S1')).toBeUndefined();
  });

  it(
    "covers by a school's seal its own school, portfolio and submission streams, and no other school's " + '(R-SEAL-1)',
    () => {
      expect(sealCoverage('S1').streamPrefixes).toEqual(['school-S1', 'portfolio-S1-', 'submission-S1-']);
      expect(isCoveredBySeal(schoolStreamName('S1'), 'S1')).toBe(true);
      expect(isCoveredBySeal(portfolioStreamName('S1', 's1'), 'S1')).toBe(true);
      expect(isCoveredBySeal(submissionStreamName('S1', 'cadreRecords', '1112'), 'S1')).toBe(true);
      expect(isCoveredBySeal(schoolStreamName('S12'), 'S1')).toBe(false);
      expect(isCoveredBySeal(portfolioStreamName('S12', 's1'), 'S1')).toBe(false);
    },
  );
});
