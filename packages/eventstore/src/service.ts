import { schoolNotRegistered } from '@licheng/domain/internal';
import {
  createCommandDecoder,
  type DecodeStrategy,
  portfolioStreamName,
  schoolStreamName,
  submissionStreamName,
  type DomainError,
  type PortfolioState,
  type RoutedCommand,
  type SchoolState,
  type SubmissionState,
  type Tagged,
} from '@licheng/domain';
import { backdated } from '@licheng/domain/internal';
import { fastDecode } from '@licheng/fast-decode';
import * as E from 'fp-ts/Either';
import { portfolioAggregate, schoolAggregate, submissionAggregate } from './aggregates';
import { createCommandHandler, type CommandEnvelope, type CommandResult } from './handler';
import { loadStream, type StreamLoader } from './loadStream';
import type { EventStore } from './port';
import type { LichengCommand } from './typedCommand';

export interface LichengServiceOptions {
  readonly store: EventStore;
  readonly maxRetries?: number;
  /** How streams are loaded (a state cache goes here); `loadStream` on `store` when absent. */
  readonly load?: StreamLoader;
  /** How commands are decoded: `fastDecode` (@licheng/fast-decode) unless given; `ioTsDecoding` runs io-ts itself. */
  readonly decode?: DecodeStrategy;
}

export type ExecuteResult = CommandResult<Tagged> & { readonly aggregate: RoutedCommand['aggregate'] };

/**
 * The front door for an embedding service: `execute` takes an untrusted command, decodes it in full,
 * routes it to its stream, gives the decider the school's policy as it stands, and appends the result.
 * Every refusal is a `DomainError` value; a malformed or refused command appends nothing.
 */
export const createLichengService = ({ store, maxRetries, load, decode }: LichengServiceOptions) => {
  const decodeCommand = createCommandDecoder(decode ?? fastDecode);
  const loader: StreamLoader = load ?? ((aggregate, streamName) => loadStream(store, aggregate, streamName));
  const handler = createCommandHandler({ store, ...(maxRetries === undefined ? {} : { maxRetries }), load: loader });

  const loadSchool = async (schoolId: string): Promise<E.Either<DomainError, SchoolState>> => {
    const loaded = await loader(schoolAggregate, schoolStreamName(schoolId));
    return E.map((stream: { state: SchoolState }) => stream.state)(loaded);
  };

  /**
   * The school's policy for a portfolio or submission command at `now`: a command for an unknown school is
   * refused, and so is one dated before the last instant the school stream recorded (R-TIME-4).
   */
  const policyAt = async (schoolId: string, now: string): Promise<E.Either<DomainError, SchoolState>> => {
    const streamName = schoolStreamName(schoolId);
    const loaded = await loader(schoolAggregate, streamName);
    if (E.isLeft(loaded)) return loaded;
    const { state, last } = loaded.right;
    if (state.schoolId === null) return E.left(schoolNotRegistered(schoolId));
    const backwards = backdated(now, last?.metadata.occurredAt, streamName);
    return backwards ? E.left(backwards) : E.right(state);
  };

  /**
   * R-SUB-4 / R-SEAL-3: the portfolios of the students a roster lists, for the submission decider to check
   * the roster against their selections and answers. Loaded once per command, like the policy.
   */
  const portfoliosOf = async (
    schoolId: string,
    roster: ReadonlyArray<{ readonly studentId: string }>,
  ): Promise<E.Either<DomainError, Record<string, PortfolioState>>> => {
    const portfolios: Record<string, PortfolioState> = {};
    for (const { studentId } of roster) {
      if (portfolios[studentId]) continue;
      const loaded = await loader(portfolioAggregate, portfolioStreamName(schoolId, studentId));
      if (E.isLeft(loaded)) return loaded;
      if (loaded.right.version >= 0) portfolios[studentId] = loaded.right.state;
    }
    return E.right(portfolios);
  };

  const route = async (routed: RoutedCommand): Promise<E.Either<DomainError, ExecuteResult>> => {
    const envelope: CommandEnvelope = routed.meta;
    // Recorded with the events, so that an audit can decide the command again (docs/audit.md).
    const recordedCommand = { type: routed.command.type, data: routed.command.data };
    const tag = <R>(result: E.Either<DomainError, R>) =>
      E.map((r: R) => ({ ...(r as CommandResult<Tagged>), aggregate: routed.aggregate }))(result);
    switch (routed.aggregate) {
      case 'school': {
        const { command } = routed;
        const streamName = schoolStreamName(command.data.schoolId);
        return tag(
          await handler.handle({
            aggregate: schoolAggregate,
            streamName,
            command,
            recordedCommand,
            envelope,
            context: (e) => E.right({ now: e.now, actor: e.actor }),
          }),
        );
      }
      case 'portfolio': {
        const { command } = routed;
        const streamName = portfolioStreamName(command.data.schoolId, command.data.studentId);
        const context = async (e: CommandEnvelope) =>
          E.map((policy: SchoolState) => ({ now: e.now, actor: e.actor, policy }))(
            await policyAt(command.data.schoolId, e.now),
          );
        return tag(
          await handler.handle({
            aggregate: portfolioAggregate,
            streamName,
            command,
            recordedCommand,
            envelope,
            context,
          }),
        );
      }
      case 'submission': {
        const { command } = routed;
        const { schoolId, category, period, cohorts } = command.data;
        const context = async (e: CommandEnvelope) => {
          const policy = await policyAt(schoolId, e.now);
          if (E.isLeft(policy)) return policy;
          const portfolios =
            command.type === 'SubmitRoster' ? await portfoliosOf(schoolId, command.data.roster) : E.right({});
          return E.map((loaded: Record<string, PortfolioState>) => ({
            now: e.now,
            actor: e.actor,
            policy: policy.right,
            portfolios: loaded,
          }))(portfolios);
        };
        const streamName = submissionStreamName(schoolId, category, period, cohorts);
        return tag(
          await handler.handle({
            aggregate: submissionAggregate,
            streamName,
            command,
            recordedCommand,
            envelope,
            context,
          }),
        );
      }
    }
  };

  return {
    /** Decodes, routes, decides and appends one command. */
    execute: async (input: unknown): Promise<E.Either<DomainError, ExecuteResult>> => {
      const routed = decodeCommand(input);
      return E.isLeft(routed) ? routed : route(routed.right);
    },
    /**
     * `execute` for a command written in code: the compiler checks its type, role and fields against the
     * domain's command union. It is decoded in full all the same (ids, instants and rules are checked at run time).
     */
    dispatch: (command: LichengCommand): Promise<E.Either<DomainError, ExecuteResult>> => {
      const routed = decodeCommand(command);
      return E.isLeft(routed) ? Promise.resolve(routed) : route(routed.right);
    },
    loadSchool,
    loadPortfolio: async (schoolId: string, studentId: string): Promise<E.Either<DomainError, PortfolioState>> =>
      E.map((stream: { state: PortfolioState }) => stream.state)(
        await loader(portfolioAggregate, portfolioStreamName(schoolId, studentId)),
      ),
    /** One round's submission stream (R-ROUND-1); without `cohorts`, the round of every cohort. */
    loadSubmission: async (
      schoolId: string,
      category: string,
      period: string,
      cohorts?: ReadonlyArray<number> | null,
    ): Promise<E.Either<DomainError, SubmissionState>> =>
      E.map((stream: { state: SubmissionState }) => stream.state)(
        await loader(submissionAggregate, submissionStreamName(schoolId, category, period, cohorts)),
      ),
    store,
  };
};

export type LichengService = ReturnType<typeof createLichengService>;
