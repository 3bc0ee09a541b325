// A second Node process for the fault tests, on the built packages (npm test builds before Jest runs).
//   select URL STUDENT N1,N2,…   sends every selection at once and prints how each ended, as one JSON line
//   batches URL PREFIX SIZE      appends batches of SIZE events to new streams until it is killed
//   project URL                  folds the receipt read model over and over until it is killed
const { connectPostgres, ReceiptReadModel } = require('@licheng/eventstore-postgres');
const { createLichengService } = require('@licheng/eventstore');
const { randomUUID } = require('node:crypto');

const [mode, url, ...args] = process.argv.slice(2);

const select = async (studentId, numbers) => {
  const { store, dispose } = await connectPostgres(url, { pool: { max: 4 } });
  const service = createLichengService({ store, maxRetries: 50 });
  const results = await Promise.all(
    numbers.map((n) =>
      service
        .execute({
          commandId: `race-${studentId}-${n}`,
          now: '2023-04-12T09:00+08:00',
          actor: { id: studentId, role: 'student', schoolId: 'sch1' },
          type: 'SelectCourseOutcome',
          data: { schoolId: 'sch1', studentId, outcomeId: `o-${studentId}-${n}` },
        })
        .then(
          (result) => (result._tag === 'Right' ? 'selected' : result.left.code),
          (error) => `threw ${error.message}`,
        ),
    ),
  );
  await dispose();
  process.stdout.write(`${JSON.stringify(results)}\n`);
};

const batches = async (prefix, size) => {
  const { store } = await connectPostgres(url);
  const payload = 'x'.repeat(400);
  for (let i = 0; ; i++) {
    const events = Array.from({ length: size }, (_, n) => ({
      eventId: randomUUID(),
      type: 'Filler',
      data: { n, payload },
      metadata: {},
    }));
    await store.appendToStream(`${prefix}${i}`, events, 'no_stream');
    if (i === 0) process.stdout.write('appending\n');
  }
};

const project = async () => {
  const { store, db } = await connectPostgres(url);
  const model = new ReceiptReadModel(db, store);
  process.stdout.write('projecting\n');
  for (;;) await model.rebuild();
};

const modes = {
  select: () => select(args[0], args[1].split(',').map(Number)),
  batches: () => batches(args[0], Number(args[1])),
  project,
};
modes[mode]().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
