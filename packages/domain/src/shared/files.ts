import * as t from 'io-ts';
import { domainError, type DomainError } from './errors';
import { codePointLength, NonEmptyText, NonNegativeInt, Sha256Hex } from './primitives';

/** R-FILE-4: what the library records of a file — never the bytes. */
export const FileMeta = t.strict(
  {
    name: NonEmptyText,
    mimeType: t.string,
    sizeBytes: NonNegativeInt,
    sha256: Sha256Hex,
    storageKey: NonEmptyText,
  },
  'FileMeta',
);
export type FileMeta = t.TypeOf<typeof FileMeta>;

export type FileKind = 'document' | 'media';

/** R-FILE-1 / R-OUT-2: accepted types, judged by MIME type and extension together. */
const ACCEPTED: Readonly<Record<FileKind, Readonly<Record<string, ReadonlyArray<string>>>>> = {
  document: { pdf: ['application/pdf'], jpg: ['image/jpeg'], jpeg: ['image/jpeg'], png: ['image/png'] },
  media: { mp3: ['audio/mpeg', 'audio/mp3'], mp4: ['video/mp4', 'audio/mp4'] },
};

export const MEBIBYTE = 1_048_576;

const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
};

/** R-FILE-1: the file's declared type and extension must both be of the kind, and agree with each other. */
export const checkFileType = (kind: FileKind, file: FileMeta): DomainError<'FILE_TYPE_NOT_ALLOWED'> | null => {
  const extension = extensionOf(file.name);
  const mimes = ACCEPTED[kind][extension];
  if (mimes !== undefined && mimes.includes(file.mimeType.toLowerCase())) return null;
  const allowed = Object.keys(ACCEPTED[kind]).join(', ');
  return domainError(
    'FILE_TYPE_NOT_ALLOWED',
    'R-FILE-1',
    `${kind === 'document' ? '文件' : '影音'}檔案「${file.name}」（${file.mimeType}）不是允許的格式：${allowed}`,
    `${kind} file "${file.name}" (${file.mimeType}) is not an allowed type: ${allowed}`,
    { kind, name: file.name, mimeType: file.mimeType, extension, allowed: Object.keys(ACCEPTED[kind]) },
  );
};

/** R-FILE-1: the size limit in force at upload. */
export const checkFileSize = (
  kind: FileKind,
  file: FileMeta,
  limitBytes: number,
): DomainError<'FILE_TOO_LARGE'> | null =>
  file.sizeBytes <= limitBytes
    ? null
    : domainError(
        'FILE_TOO_LARGE',
        'R-FILE-1',
        `${kind === 'document' ? '文件' : '影音'}檔案「${file.name}」大小 ${file.sizeBytes} 位元組，超過上限 ` +
          `${limitBytes} 位元組`,
        `${kind} file "${file.name}" has ${file.sizeBytes} bytes, over the limit of ${limitBytes} bytes`,
        { kind, name: file.name, limit: limitBytes, actual: file.sizeBytes },
      );

export const DESCRIPTION_MAX_CODE_POINTS = 100;

/** R-FILE-2: the description (簡述) is at most 100 code points. */
export const checkDescription = (description: string): DomainError<'DESCRIPTION_TOO_LONG'> | null => {
  const length = codePointLength(description);
  return length <= DESCRIPTION_MAX_CODE_POINTS
    ? null
    : domainError(
        'DESCRIPTION_TOO_LONG',
        'R-FILE-2',
        `簡述有 ${length} 字，超過 ${DESCRIPTION_MAX_CODE_POINTS} 字上限`,
        `The description has ${length} characters, over the limit of ${DESCRIPTION_MAX_CODE_POINTS}`,
        { limit: DESCRIPTION_MAX_CODE_POINTS, actual: length },
      );
};

/** Bytes a set of optional attachments takes (R-FILE-3). */
export const bytesOf = (...files: ReadonlyArray<FileMeta | undefined>): number =>
  files.reduce((sum, file) => sum + (file?.sizeBytes ?? 0), 0);
