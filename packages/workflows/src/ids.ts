import { v5 as uuidv5 } from 'uuid';

/** Fixed forever: process command ids derive from it, and idempotency depends on deriving them the same way. */
export const PROCESS_NAMESPACE = 'f0a3c6f2-5a4e-4d0b-9a57-3c1d9d4e8b21';

/** The same effect always gets the same command id, so running a process twice records it once. */
export const processCommandId = (...parts: ReadonlyArray<string>): string => uuidv5(parts.join('/'), PROCESS_NAMESPACE);

export const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const;

/** `submission-{schoolId}-{category}-{period}`: category and period never contain '-', the school id may. */
export const parseSubmissionStream = (streamName: string): { schoolId: string; category: string; period: string } | undefined => {
  const match = /^submission-(.+)-([A-Za-z]+)-(\d{3,4})$/.exec(streamName);
  return match ? { schoolId: match[1]!, category: match[2]!, period: match[3]! } : undefined;
};
