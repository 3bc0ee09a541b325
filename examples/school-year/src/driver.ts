import * as E from 'fp-ts/Either';
import type { DomainError } from '@licheng/domain';
import type { LichengService } from '@licheng/eventstore';

export interface Tally {
  accepted: number;
  /** Refused commands by `rule code`, e.g. `R-SEL-1 SELECTION_CAP_REACHED`. */
  readonly refused: Map<string, number>;
}

/** A school member carries the school it acts for (R-AUTH-1, R-AUTH-3); the system and the city do not. */
export type Actor = {
  readonly id: string;
  readonly role: 'student' | 'teacher' | 'admin' | 'submitter' | 'system' | 'city';
  readonly schoolId?: string;
};

/**
 * Sends the year's commands one at a time, in time order, with ids that depend only on their order:
 * the same seed sends the same commands and so stores the same log. `scoped` makes the ids of one school year
 * its own, so a later year's commands are not taken for repeats of an earlier year's.
 */
export const createDriver = (
  service: LichengService,
  onCommand: (count: number) => void = () => undefined,
  scoped: (id: string) => string = (id) => id,
) => {
  const tally: Tally = { accepted: 0, refused: new Map() };
  let sequence = 0;
  const send = async (
    now: string,
    actor: Actor,
    type: string,
    data: Record<string, unknown>,
  ): Promise<E.Either<DomainError, unknown>> => {
    sequence += 1;
    const result = await service.execute({
      commandId: scoped(`cmd-${String(sequence).padStart(6, '0')}`),
      now: `${now}+08:00`,
      actor,
      type,
      data,
    });
    if (E.isRight(result)) tally.accepted += 1;
    else {
      const key = `${result.left.rule ?? '-'} ${result.left.code}`;
      tally.refused.set(key, (tally.refused.get(key) ?? 0) + 1);
    }
    onCommand(sequence);
    return result;
  };
  return { send, tally, count: () => sequence };
};

export type Driver = ReturnType<typeof createDriver>;

/** Minutes after a start instant `YYYY-MM-DDTHH:mm`, in Taipei wall-clock time (no DST in Taiwan). */
export const plusMinutes = (start: string, minutes: number): string => {
  const date = new Date(Date.parse(`${start}:00Z`) + minutes * 60_000);
  return date.toISOString().slice(0, 16);
};

/** An instant spread over `[start, end)` by a fraction in [0, 1). */
export const within = (start: string, end: string, fraction: number): string => {
  const span = (Date.parse(`${end}:00Z`) - Date.parse(`${start}:00Z`)) / 60_000;
  return plusMinutes(start, Math.floor(span * fraction));
};
