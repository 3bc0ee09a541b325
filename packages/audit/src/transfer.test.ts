import { taipeiInstant, type Actor } from '@licheng/domain';
import { type LichengService } from '@licheng/eventstore';
import * as E from 'fp-ts/Either';
import { auditLog } from './audit';
import { linesOf, logOf, SCHOOL, sevenOutcomes, STUDENT } from './testing/histories';
import { tokenOf, type TransferBundle } from './transfer/bundle';
import { exportTransfer } from './transfer/export';
import { importTransfer } from './transfer/import';

/** Transfer students (R-XFER-1): one file with an integrity token, out of one school and into another. */
const TO = 'sch2';
const FILE = 'transfer-sch1-s1.json';
const NOW = taipeiInstant('2023-08-01T09:00');
/** The receiving school's administrator. */
const ADMIN = { id: 'admin', role: 'admin', schoolId: TO } as Actor;

const setUp = async (enrolled = true) => {
  const history = await sevenOutcomes();
  const { service, store } = history;
  const run = async (
    commandId: string,
    type: string,
    data: Record<string, unknown>,
    actor: { id: string; role: string; schoolId?: string } = ADMIN,
  ) => {
    const result = await (service as LichengService).execute({
      commandId,
      now: '2023-08-01T08:00+08:00',
      actor,
      type,
      data: { schoolId: TO, ...data },
    });
    if (E.isLeft(result)) throw new Error(result.left.message.en);
  };
  await run('t-1', 'RegisterSchool', { name: '臺北市立南湖高級中學' });
  if (enrolled)
    await run(
      't-2',
      'EnrollStudent',
      { studentId: STUDENT, studentNumber: '1120001', name: '王小明', entrySchoolYear: 109 },
      { id: 'system', role: 'system' },
    );
  const exported = await exportTransfer(store, {
    schoolId: SCHOOL,
    studentId: STUDENT,
    fileName: FILE,
    exportedAt: NOW,
  });
  if (E.isLeft(exported)) throw new Error(exported.left.message.en);
  const text = JSON.stringify(exported.right.bundle, null, 2);
  const request = { text, fileName: FILE, token: exported.right.token, schoolId: TO, now: NOW, actor: ADMIN };
  return { store, request, bundle: exported.right.bundle };
};

const refusal = (result: E.Either<{ code: string; rule: string | null }, unknown>) =>
  E.isLeft(result) ? [result.left.code, result.left.rule] : 'accepted';

describe('a transfer bundle', () => {
  it('carries the portfolio stream as stored, under a token over its content, name and student', async () => {
    const { bundle, request } = await setUp();
    expect(bundle).toMatchObject({
      format: 'licheng-transfer/1',
      fileName: FILE,
      studentId: STUDENT,
      from: { schoolId: SCHOOL },
    });
    expect(bundle.events.length).toBeGreaterThan(20);
    expect(bundle.token).toBe(request.token);
    expect(tokenOf(bundle)).toBe(bundle.token);
    expect(tokenOf({ ...bundle, fileName: 'other.json' })).not.toBe(bundle.token);
    expect(tokenOf({ ...bundle, studentId: 's2' as TransferBundle['studentId'] })).not.toBe(bundle.token);
  });

  it('imports into the receiving school’s stream, keeps provenance, and says what it added', async () => {
    const { store, request, bundle } = await setUp();
    const imported = await importTransfer(store, request);
    if (E.isLeft(imported)) throw new Error(imported.left.message.en);
    expect(imported.right).toMatchObject({
      streamName: `portfolio-${TO}-${STUDENT}`,
      alreadyImported: false,
      events: bundle.events.length,
      records: { courseOutcomes: 7, performances: 0, learningPlans: 0, receipts: 0, applications: 0 },
      byType: {
        CourseOutcomeUploaded: 7,
        CourseOutcomeSentForCertification: 7,
        CourseOutcomeCertified: 7,
        CourseOutcomeSelected: 6,
      },
    });
    const arrived = await store.readStream(`portfolio-${TO}-${STUDENT}`);
    expect(arrived.map((e) => [e.type, e.data])).toEqual(bundle.events.map((e) => [e.type, e.data]));
    arrived.forEach((e, i) => {
      expect(e.metadata).toMatchObject({
        actor: ADMIN,
        occurredAt: NOW,
        importedFrom: {
          schoolId: SCHOOL,
          streamName: bundle.events[i]!.streamName,
          revision: i,
          metadata: bundle.events[i]!.metadata,
        },
      });
    });
    const report = auditLog(logOf(linesOf(await store.readAll())));
    expect(report.findings.filter((f) => f.kind !== 'unverifiable')).toEqual([]);
    expect(report.findings.filter((f) => f.details['reason'] === 'imported')).toHaveLength(1);
    const again = await importTransfer(store, request);
    expect(E.isRight(again) && again.right.alreadyImported).toBe(true);
    expect(await store.readStream(`portfolio-${TO}-${STUDENT}`)).toHaveLength(arrived.length);
  });

  it('refuses a renamed file (TRANSFER_FILE_RENAMED, R-XFER-1)', async () => {
    const { store, request } = await setUp();
    expect(refusal(await importTransfer(store, { ...request, fileName: 'transfer-sch1-s2.json' }))).toEqual([
      'TRANSFER_FILE_RENAMED',
      'R-XFER-1',
    ]);
  });

  it('refuses a file renamed along with the name written inside it: the token covers the name', async () => {
    const { store, request, bundle } = await setUp();
    const text = JSON.stringify({ ...bundle, fileName: 'renamed.json' });
    expect(refusal(await importTransfer(store, { ...request, text, fileName: 'renamed.json' }))).toEqual([
      'TRANSFER_BUNDLE_ALTERED',
      'R-XFER-1',
    ]);
  });

  it('refuses an altered file, even when its own token was recomputed (R-XFER-1)', async () => {
    const { store, request, bundle } = await setUp();
    const events = bundle.events.map((e, i) =>
      i === 0 ? { ...e, data: { ...(e.data as object), description: '改過' } } : e,
    );
    const altered = { ...bundle, events };
    expect(refusal(await importTransfer(store, { ...request, text: JSON.stringify(altered) }))).toEqual([
      'TRANSFER_BUNDLE_ALTERED',
      'R-XFER-1',
    ]);
    const retokened = { ...altered, token: tokenOf(altered) };
    expect(refusal(await importTransfer(store, { ...request, text: JSON.stringify(retokened) }))).toEqual([
      'TRANSFER_TOKEN_MISMATCH',
      'R-XFER-1',
    ]);
    expect(refusal(await importTransfer(store, { ...request, token: 'f'.repeat(64) }))).toEqual([
      'TRANSFER_TOKEN_MISMATCH',
      'R-XFER-1',
    ]);
  });

  it('refuses a student not enrolled at the receiving school (STUDENT_NOT_ENROLLED, R-XFER-1)', async () => {
    const { store, request } = await setUp(false);
    expect(refusal(await importTransfer(store, request))).toEqual(['STUDENT_NOT_ENROLLED', 'R-XFER-1']);
    expect(await store.readStream(`portfolio-${TO}-${STUDENT}`)).toEqual([]);
  });

  it('refuses to export a student the school never enrolled', async () => {
    const { store } = await setUp();
    expect(
      refusal(await exportTransfer(store, { schoolId: SCHOOL, studentId: 'nobody', fileName: FILE, exportedAt: NOW })),
    ).toEqual(['STUDENT_NOT_ENROLLED', 'R-XFER-1']);
  });
});
