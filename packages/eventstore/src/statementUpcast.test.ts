import * as E from 'fp-ts/Either';
import { portfolioAggregate } from './aggregates';

/**
 * R-REC-7: a statement written before its items carried fields (schema v1) still reads, each item with `details: null`.
 */
describe('ReceiptStatementIssued v1', () => {
  const v1 = {
    eventId: '8b40e704-8d90-5ba0-a52b-06815e4bfcd1',
    streamName: 'portfolio-tp_jianzhong-1090001',
    revision: 0,
    position: 0,
    type: 'ReceiptStatementIssued',
    data: {
      studentId: '1090001',
      category: 'performances',
      period: '1110',
      fid: 'performances-a-2',
      items: [{ itemId: '1090001-p4', title: '活動紀錄與心得' }],
    },
    metadata: {
      occurredAt: '2023-04-13T18:05+08:00',
      actor: { id: 'system', role: 'system' },
      commandId: 'c1',
      correlationId: 'c1',
      causationId: 'c1',
      schemaVersion: 1,
    },
  };

  it("is upcast to v2 with each item's details null, never invented (R-REC-7)", () => {
    const decoded = portfolioAggregate.serializer.decode(v1);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message.en);
    expect(decoded.right.event.data).toEqual({
      ...v1.data,
      items: [{ itemId: '1090001-p4', title: '活動紀錄與心得', details: null }],
    });
  });

  it('refuses a v2 statement whose item lacks details: only v1 may leave them out', () => {
    expect(
      E.isLeft(portfolioAggregate.serializer.decode({ ...v1, metadata: { ...v1.metadata, schemaVersion: 2 } })),
    ).toBe(true);
  });
});
