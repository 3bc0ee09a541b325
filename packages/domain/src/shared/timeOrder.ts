import { domainError, type DomainError } from './errors';

/**
 * R-TIME-4: recorded time never runs backwards. A command dated before the latest instant already recorded
 * in a stream it reads or writes is refused: otherwise a back-dated period change could make an accepted
 * upload look late, or a late one look on time. Instants are Taipei minutes of one fixed shape, so their
 * text orders as time does (R-TIME-2).
 */
export const backdated = (
  now: string,
  latest: string | undefined,
  streamName: string,
): DomainError<'TIME_RUNS_BACKWARDS'> | null =>
  latest === undefined || now >= latest
    ? null
    : domainError(
        'TIME_RUNS_BACKWARDS',
        'R-TIME-4',
        `指令時間 ${now} 早於 ${streamName} 已記錄的最後時間 ${latest}，紀錄的時間不可倒流`,
        `The command's instant ${now} is earlier than ${latest}, the latest already recorded in ${streamName}; ` +
          `recorded time never runs backwards`,
        { now, latest, streamName },
      );
