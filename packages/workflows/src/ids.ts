import { parseSubmissionStreamName } from '@licheng/domain';
import { v5 as uuidv5 } from 'uuid';

/** Fixed forever: process command ids derive from it, and idempotency depends on deriving them the same way. */
export const PROCESS_NAMESPACE = 'f0a3c6f2-5a4e-4d0b-9a57-3c1d9d4e8b21';

/** The same effect always gets the same command id, so running a process twice records it once. */
export const processCommandId = (...parts: ReadonlyArray<string>): string => uuidv5(parts.join('/'), PROCESS_NAMESPACE);

export const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const;

/** The round of a submission stream; the domain names and parses them (R-ROUND-1). */
export const parseSubmissionStream = parseSubmissionStreamName;
