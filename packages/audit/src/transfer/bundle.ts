import { Id, Sha256Hex, TaipeiInstant, type DomainError } from '@licheng/domain';
import type { TransferErrorCode } from '../errorCodes';
import { domainError } from '@licheng/domain/internal';
import { canonicalJson, sha256Hex } from '@licheng/eventstore';
import * as t from 'io-ts';
import { RecordedEventLine } from '../log';

/** Fixed for this layout: a receiving school refuses any other. */
export const BUNDLE_FORMAT = 'licheng-transfer/1';

/**
 * R-XFER-1: one student's portfolio as one file. `fileName` is the name the exporting school gave the
 * file and `studentId` whose it is; both are inside what the token covers, so a renamed file or one
 * passed off as another student's is refused. `events` are the portfolio stream's events as stored,
 * hashes and all, so that their provenance survives the move.
 */
export const TransferBundle = t.type(
  {
    format: t.literal(BUNDLE_FORMAT),
    fileName: t.string,
    studentId: Id,
    from: t.type({ schoolId: Id, schoolName: t.string }),
    student: t.type({ studentNumber: t.string, name: t.string, entrySchoolYear: t.number }),
    exportedAt: TaipeiInstant,
    events: t.array(RecordedEventLine),
    token: Sha256Hex,
  },
  'TransferBundle',
);
export type TransferBundle = t.TypeOf<typeof TransferBundle>;

/** The integrity token: SHA-256 hex of the canonical JSON (RFC 8785) of the bundle without its token. */
export const tokenOf = (bundle: Omit<TransferBundle, 'token'> & { readonly token?: unknown }): string => {
  const { token: _token, ...content } = bundle;
  return sha256Hex(canonicalJson(content));
};

/** Every refusal of a transfer cites R-XFER-1; `details` says what did not hold. */
export const transferError = (
  code: TransferErrorCode,
  zhTW: string,
  en: string,
  details: Readonly<Record<string, unknown>> = {},
): DomainError => domainError(code, 'R-XFER-1', zhTW, en, details);

/** The bundle's file name, as the exporting school names it. */
export const bundleFileName = (schoolId: string, studentId: string): string => `transfer-${schoolId}-${studentId}.json`;
