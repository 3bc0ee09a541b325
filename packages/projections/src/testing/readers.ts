import * as E from 'fp-ts/Either';
import { portfolioStreamName, schoolStreamName, type PortfolioEvent, type SchoolEvent } from '@licheng/domain';
import { InMemoryEventStore, portfolioAggregate, schoolAggregate } from '@licheng/eventstore';
import { schoolEvent, schoolFixture, seedEvents } from '@licheng/testing';
import { reportsProjection, type ReportsView } from '../reportsView';
import { createProjectionRunner } from '../runner';
import { inMemoryViewStore } from '../viewStore';

/** Test support: the reports view of a store, folded by the real projection runner. */
export const rebuildView = async (store: InMemoryEventStore): Promise<ReportsView> => {
  const rebuilt = await createProjectionRunner(store, reportsProjection, inMemoryViewStore()).rebuild();
  if (E.isLeft(rebuilt)) throw new Error(rebuilt.left.message.en);
  return rebuilt.right.view;
};

/**
 * School sch1 of `schoolFixture` with s1 and s2 in class c301 (homeroom t-home) and s3 in c302 (homeroom t-home2),
 * parent p1 linked to s1, and sub3 in a role group holding only S0207S (submitting outcomes, no selection queries).
 */
export const readersSchool = (extra: ReadonlyArray<SchoolEvent> = []): ReadonlyArray<SchoolEvent> =>
  schoolFixture({
    students: [{ id: 's1' }, { id: 's2' }, { id: 's3' }],
    extra: [
      schoolEvent('ClassRegistered', {
        classId: 'c302',
        schoolYear: 111,
        name: '普通三02班',
        homeroomTeacherId: 't-home2',
      }),
      schoolEvent('StudentPlaced', { studentId: 's3', schoolYear: 111, classId: 'c302', seatNumber: 1 }),
      schoolEvent('ParentAccountLinked', { parentId: 'p1', studentIds: ['s1'] }),
      schoolEvent('RoleGroupDefined', { groupId: 'g-send', name: '教學組', functionCodes: ['S0207S'] }),
      schoolEvent('RoleGroupMemberAdded', { groupId: 'g-send', userId: 'sub3' }),
      ...extra,
    ],
  }).events;

/** A store holding the school and the given portfolios. */
export const storeOf = async (
  school: ReadonlyArray<SchoolEvent>,
  portfolios: Readonly<Record<string, ReadonlyArray<PortfolioEvent>>> = {},
): Promise<InMemoryEventStore> => {
  const store = new InMemoryEventStore();
  await seedEvents(store, schoolAggregate, schoolStreamName('sch1'), school);
  for (const [studentId, events] of Object.entries(portfolios)) {
    await seedEvents(store, portfolioAggregate, portfolioStreamName('sch1', studentId), events, {
      commandId: `given-${studentId}`,
    });
  }
  return store;
};
