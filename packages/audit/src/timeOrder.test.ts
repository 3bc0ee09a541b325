import type { RecordedEvent } from '@licheng/eventstore';
import type { LogEntry } from './log';
import { verifyTimeOrder } from './timeOrder';

// R-TIME-4 in the audit: what the service refuses, and the back-dated school change it cannot see.

const member = (id: string, role: string) => ({ id, role, schoolId: 'sch1' });
const legacy = (id: string, role: string) => ({ id, role });

let position = 0;
const revisions = new Map<string, number>();
const entry = (streamName: string, at: string, actor: object = member('admin', 'admin')): LogEntry => {
  const revision = revisions.get(streamName) ?? 0;
  revisions.set(streamName, revision + 1);
  position += 1;
  const record = {
    streamName,
    revision,
    position,
    eventId: `e${position}`,
    type: 'Anything',
    data: {},
    metadata: { occurredAt: `${at}+08:00`, actor },
  } as RecordedEvent;
  return { record, line: position };
};

beforeEach(() => {
  position = 0;
  revisions.clear();
});

const school = (at: string, actor?: object) => entry('school-sch1', at, actor);
const portfolio = (student: string, at: string, actor: object = member(student, 'student')) =>
  entry(`portfolio-sch1-${student}`, at, actor);

describe('the audit of recorded time (R-TIME-4)', () => {
  it('finds a work period changed with an instant before an upload another stream had recorded', () => {
    const log = [school('2022-08-01T09:00'), portfolio('s1', '2022-10-02T20:00'), school('2022-09-01T09:00')];
    const findings = verifyTimeOrder(log);
    expect(findings.map((f) => [f.kind, f.streamName, f.revision, f.rule])).toEqual([
      ['time-backwards', 'school-sch1', 1, 'R-TIME-4'],
    ]);
    expect(findings[0]!.details['latest']).toMatchObject({
      streamName: 'portfolio-sch1-s1',
      at: '2022-10-02T20:00+08:00',
    });
  });

  it(
    'finds an event dated before one recorded earlier in its own stream, and one dated before the school ' + 'stream',
    () => {
      const log = [
        school('2022-08-01T09:00'),
        portfolio('s1', '2022-10-02T20:00'),
        portfolio('s1', '2022-10-01T20:00'),
        school('2022-11-01T09:00'),
        portfolio('s2', '2022-10-20T10:00'),
      ];
      expect(verifyTimeOrder(log).map((f) => `${f.streamName}#${f.revision}`)).toEqual([
        'portfolio-sch1-s1#1',
        'portfolio-sch1-s2#0',
      ]);
    },
  );

  it('does not order two students’ portfolios against each other: their commands run side by side', () => {
    const log = [school('2022-08-01T09:00'), portfolio('s1', '2022-10-02T20:01'), portfolio('s2', '2022-10-02T20:00')];
    expect(verifyTimeOrder(log)).toEqual([]);
  });

  it(
    'does not judge a school’s events recorded before actors were bound to a school, when the rule did not ' + 'exist',
    () => {
      const log = [
        school('2022-08-01T09:00', legacy('admin', 'admin')),
        portfolio('s1', '2022-10-02T20:00', legacy('s1', 'student')),
        portfolio('s1', '2022-10-01T20:00', legacy('s1', 'student')),
      ];
      expect(verifyTimeOrder(log)).toEqual([]);
      // From the first bound actor on, the old marks count.
      expect(verifyTimeOrder([...log, portfolio('s1', '2022-10-01T21:00')]).map((f) => f.revision)).toEqual([2]);
    },
  );

  it('names, of two marks at the same instant, the school stream’s rather than the event’s own stream’s', () => {
    const log = [
      school('2022-08-01T09:00'),
      portfolio('s1', '2022-10-02T20:00'),
      school('2022-10-02T20:00'),
      portfolio('s1', '2022-10-01T20:00'),
    ];
    const findings = verifyTimeOrder(log);
    expect(findings.map((f) => `${f.streamName}#${f.revision}`)).toEqual(['portfolio-sch1-s1#1']);
    expect(findings[0]!.details['latest']).toMatchObject({ streamName: 'school-sch1', revision: 1 });
  });
});
