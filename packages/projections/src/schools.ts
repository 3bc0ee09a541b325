import { isCoveredBySeal, sealCoverage, STREAM_PREFIXES } from '@licheng/domain';
import * as E from 'fp-ts/Either';
import type { DomainError } from '@licheng/domain';
import { type EventStore } from '@licheng/eventstore';
import type { Projection } from './projection';
import { createProjectionRunner, type Partition, type ProjectionRunner } from './runner';
import { schoolIdOf } from './streams';
import type { StoredView, ViewStore } from './viewStore';

/**
 * A projection run school by school: each school has its own runner, view and checkpoint, so an event
 * one school's runner cannot fold stops that school only, and the others go on (issue 16, item 11).
 * Every event belongs to one school: `school-{id}`, `portfolio-{id}-…` and `submission-{id}-…`, and a
 * school id has no '-'.
 */
export const schoolPartition = (projection: string, schoolId: string): Partition => {
  const { streamPrefixes } = sealCoverage(schoolId);
  return {
    viewName: `${projection}@${schoolId}`,
    streamPrefixes,
    owns: (streamName) => isCoveredBySeal(streamName, schoolId),
  };
};

/** Where a school's projection stopped: the event it could not fold, named by PROJECTION_FAILED. */
export interface StoppedSchool {
  readonly schoolId: string;
  readonly error: DomainError;
}

export interface SchoolsProjectionReport<View> {
  /** Each school's view as far as it got; a stopped school's stops just before the failing event. */
  readonly views: Readonly<Record<string, StoredView<View>>>;
  readonly stopped: ReadonlyArray<StoppedSchool>;
}

/** Every school in the log: the ids of the `school-…` streams. */
export const schoolIdsIn = async (store: EventStore): Promise<ReadonlyArray<string>> => {
  const events = await store.readAll({ streamPrefixes: [STREAM_PREFIXES.school] });
  return [...new Set(events.map((event) => schoolIdOf(event.streamName)))];
};

export const createSchoolsProjectionRunner = <View>(
  store: EventStore,
  projection: Projection<View>,
  views: ViewStore,
) => {
  const runners = new Map<string, ProjectionRunner<View>>();
  const runnerOf = (schoolId: string): ProjectionRunner<View> => {
    let runner = runners.get(schoolId);
    if (runner === undefined)
      runners.set(
        schoolId,
        (runner = createProjectionRunner(store, projection, views, schoolPartition(projection.name, schoolId))),
      );
    return runner;
  };

  const each = async (
    step: (runner: ProjectionRunner<View>) => Promise<E.Either<DomainError, StoredView<View>>>,
  ): Promise<SchoolsProjectionReport<View>> => {
    const folded: Record<string, StoredView<View>> = {};
    const stopped: StoppedSchool[] = [];
    for (const schoolId of await schoolIdsIn(store)) {
      const runner = runnerOf(schoolId);
      const result = await step(runner);
      if (E.isLeft(result)) stopped.push({ schoolId, error: result.left });
      folded[schoolId] = E.isRight(result) ? result.right : await runner.current();
    }
    return { views: folded, stopped };
  };

  return {
    catchUp: () => each((runner) => runner.catchUp()),
    rebuild: () => each((runner) => runner.rebuild()),
    runnerOf,
  };
};
