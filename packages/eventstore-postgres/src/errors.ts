import { type DomainError } from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';

export type StoreFailureCode = 'STORE_UNAVAILABLE' | 'STORE_BUSY';

/**
 * The database could not be reached, or did not answer in time. Thrown (the port rejects) rather than
 * returned, because it says nothing about the command: the append may or may not have been written, and
 * sending the same command again (same command id) is safe, since appends are idempotent by event id.
 */
export class StoreFailure extends Error {
  readonly code: StoreFailureCode;
  readonly error: DomainError<StoreFailureCode>;

  constructor(error: DomainError<StoreFailureCode>, cause: unknown) {
    super(`[${error.code}] ${error.message.en}`, { cause });
    this.name = 'StoreFailure';
    this.code = error.code;
    this.error = error;
  }
}

const reason = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

export const storeUnavailable = (operation: string, cause: unknown): StoreFailure =>
  new StoreFailure(
    domainError(
      'STORE_UNAVAILABLE',
      null,
      `無法連線至 PostgreSQL 事件儲存區（${operation}）：${reason(cause)}。此操作可能未完成，請以相同的指令編號重試。`,
      `The PostgreSQL event store cannot be reached (${operation}): ${reason(cause)}. The operation may not have ` +
        `been done; send it again with the same command id.`,
      { operation, cause: reason(cause) },
    ),
    cause,
  );

export const storeBusy = (operation: string, waitedMs: number, poolSize: number, cause: unknown): StoreFailure =>
  new StoreFailure(
    domainError(
      'STORE_BUSY',
      null,
      `PostgreSQL 連線池的 ${poolSize} 條連線皆在使用中，等候 ${waitedMs} 毫秒後仍無空閒連線（${operation}）。` +
        `請稍後重試，或加大連線池。`,
      `All ${poolSize} connections of the PostgreSQL pool stayed busy for ${waitedMs} ms (${operation}); try again ` +
        `later or enlarge the pool.`,
      { operation, waitedMs, poolSize },
    ),
    cause,
  );

/** Server-side codes of a lost or refused connection (classes 08 and 57P: shutdown, crash, cannot connect). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3])/;
const UNAVAILABLE_NODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/** True for a failure of the connection rather than of the statement. */
export const isConnectionFailure = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable/i.test(
    message,
  );
};

export const isStoreFailure = (error: unknown): error is StoreFailure => error instanceof StoreFailure;
