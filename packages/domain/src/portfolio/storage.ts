import { bytesOf, checkDescription, checkFileSize, checkFileType, type FileMeta } from '../shared/files';
import type { RuleId } from '../shared/rules';
import { schoolYearAt } from '../shared/term';
import { parameterFor } from '../school/policy';
import type { Check, PortfolioContext } from './context';
import { itemErrors } from './errors';
import type { PortfolioState } from './state';

export interface Attachments {
  readonly description: string;
  readonly document?: FileMeta;
  readonly media?: FileMeta;
}

/**
 * R-OUT-2 / R-PERF-3 / R-FILE-1..3: at least one file (unless `fileOptional`), each of an allowed type and
 * within the limit in force at upload, the description within 100 code points, and the student's total
 * storage within its limit once `replacedBytes` (the files this content replaces) are freed.
 */
export const attachmentChecks = (
  context: PortfolioContext,
  state: PortfolioState,
  content: Attachments,
  replacedBytes: number,
  fileRule: RuleId,
  fileOptional = false,
): ReadonlyArray<Check> => {
  const uploadYear = schoolYearAt(context.now);
  const { document, media } = content;
  return [
    () => (fileOptional || document || media ? null : itemErrors.fileRequired(fileRule)),
    () => (document ? checkFileType('document', document) : null),
    () => (media ? checkFileType('media', media) : null),
    () =>
      document
        ? checkFileSize('document', document, parameterFor(context.policy, 'documentMaxBytes', uploadYear) ?? Infinity)
        : null,
    () =>
      media
        ? checkFileSize('media', media, parameterFor(context.policy, 'mediaMaxBytes', uploadYear) ?? Infinity)
        : null,
    () => checkDescription(content.description),
    () => {
      const limit = parameterFor(context.policy, 'storageMaxBytes', uploadYear) ?? Infinity;
      const total = state.storageBytes - replacedBytes + bytesOf(document, media);
      return total <= limit ? null : itemErrors.storageQuotaExceeded(limit, total);
    },
  ];
};

/** An id may name one item for the whole life of the portfolio. */
export const freshId =
  (state: PortfolioState, id: string, rule: RuleId): Check =>
  () =>
    state.outcomes[id] || state.performances[id] || state.plans[id] || state.retiredIds[id]
      ? itemErrors.idAlreadyUsed(id, rule)
      : null;
