import { domainError } from '@licheng/domain/internal';
import type { AppendError, ExpectedVersion } from './port';

/** The version of a stream that does not exist yet. */
export const NO_STREAM = -1;

/** Shared by every store so that they all read `expected` the same way. */
export const satisfiesExpectedVersion = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === NO_STREAM;
    case 'stream_exists':
      return actual !== NO_STREAM;
    default:
      return actual === expected;
  }
};

const describe = (version: ExpectedVersion | number): { zh: string; en: string } => {
  if (version === 'no_stream' || version === NO_STREAM) return { zh: '尚不存在', en: 'no stream' };
  if (version === 'stream_exists') return { zh: '已存在', en: 'an existing stream' };
  if (version === 'any') return { zh: '任意版本', en: 'any version' };
  return { zh: `第 ${version} 版`, en: `version ${version}` };
};

export const wrongExpectedVersion = (streamName: string, expected: ExpectedVersion, actual: number): AppendError => {
  const want = describe(expected);
  const got = describe(actual);
  return domainError(
    'WRONG_EXPECTED_VERSION',
    null,
    `串流 ${streamName} 的版本與預期不符：預期${want.zh}，實際為${got.zh}`,
    `Stream ${streamName} is not at the expected version: expected ${want.en}, found ${got.en}`,
    { streamName, expected, actual },
  );
};

/**
 * EventStoreDB's "corrupted idempotency": the batch repeats some of the stream's event ids but not as the
 * same run, so it is neither a retry nor new. Reported with the same code because the writer's view of
 * the stream is stale either way.
 */
export const partiallyRepeatedBatch = (streamName: string, expected: ExpectedVersion, actual: number): AppendError =>
  domainError(
    'WRONG_EXPECTED_VERSION',
    null,
    `寫入串流 ${streamName} 的事件有部分已存在，但與先前寫入的不一致（目前為${describe(actual).zh}）`,
    `Some events of the batch are already in stream ${streamName}, but not as the same run (the stream is at ` +
      `${describe(actual).en})`,
    { streamName, expected, actual },
  );
