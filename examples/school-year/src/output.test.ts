import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryEventStore } from '@licheng/eventstore';
import { countEvents, writeNdjson } from './output';

describe('the event log written out as NDJSON (issue #18 item 4)', () => {
  it('writes every stored event as one line, in global order, across pages and chunks', async () => {
    const store = new InMemoryEventStore();
    // 2,500 events of about 300 characters: three pages of the log and several chunks of the file.
    for (let i = 0; i < 2_500; i++) {
      const event = { eventId: `e-${i}`, type: 'Happened', data: { i, note: '學習歷程'.repeat(60) }, metadata: {} };
      await store.appendToStream(`portfolio-s${i % 7}`, [event], 'any');
    }
    const dir = await mkdtemp(join(tmpdir(), 'licheng-ndjson-'));
    try {
      const file = join(dir, 'events.ndjson');
      expect(await writeNdjson(store, file)).toBe(2_500);
      const expected = (await store.readAll()).map((e) => `${JSON.stringify(e)}\n`).join('');
      expect(await readFile(file, 'utf8')).toBe(expected);
      expect(await countEvents(store)).toBe(2_500);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
