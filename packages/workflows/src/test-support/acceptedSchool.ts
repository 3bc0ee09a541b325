import { schoolStreamName } from '@licheng/domain';
import {
  createLichengService,
  InMemoryEventStore,
  schoolAggregate,
  type EventStore,
  type LichengService,
} from '@licheng/eventstore';
import { schoolFixture, seedEvents } from '@licheng/testing';
import { catchUpStatements } from '../statements';

/** The case of seed 000 for the deadline runner's tests: one school, cadre records of term 1112. */
export const STUDENTS = ['s1', 's2', 's3', 's4'];
export const at = (text: string) => `${text}+08:00` as never;
let counter = 0;
export const send = (
  service: LichengService,
  now: string,
  actor: { id: string; role: string; schoolId?: string },
  type: string,
  data: object,
) => service.execute({ commandId: `cmd-${++counter}`, now: at(now), actor, type, data: { schoolId: 'sch1', ...data } });
export const student = (id: string) => ({ id, role: 'student', schoolId: 'sch1' });
export const sub1 = { id: 'sub1', role: 'submitter', schoolId: 'sch1' };
const roster = (ids: ReadonlyArray<string>) =>
  ids.map((studentId) => ({ studentId, items: [{ itemId: `cr-${studentId}`, title: '班級幹部 副衛生股長' }] }));

/** Cadre records of term 1112 submitted and accepted for every student, statements issued (R-SUB, seed 000). */
export const acceptedSchool = async (students = STUDENTS, store: EventStore = new InMemoryEventStore()) => {
  const { events } = schoolFixture({ students: students.map((id) => ({ id })) });
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), events);
  const service = createLichengService({ store });
  const submission = { category: 'cadreRecords', period: '1112' };
  await send(service, '2023-04-13T18:00', sub1, 'SubmitRoster', {
    ...submission,
    fid: '57169',
    roster: roster(students),
  });
  await send(service, '2023-04-13T18:05', { id: 'system', role: 'system' }, 'RecordSubmissionResult', {
    ...submission,
    fid: '57169',
    result: 'rejected',
    message: '資料檢核錯誤',
  });
  await send(service, '2023-04-13T19:00', sub1, 'SubmitRoster', {
    ...submission,
    fid: '57170',
    roster: roster(students),
  });
  await send(service, '2023-04-13T19:05', { id: 'system', role: 'system' }, 'RecordSubmissionResult', {
    ...submission,
    fid: '57170',
    result: 'accepted',
    message: '檢核無誤，資料已匯入',
  });
  const issued = await catchUpStatements(service);
  return { store, service, issued };
};
