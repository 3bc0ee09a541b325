import * as E from 'fp-ts/Either';
import { InMemoryEventStore } from './inMemoryStore';
import { createLichengService } from './service';
import type { LichengCommand } from './typedCommand';

const register: LichengCommand = {
  commandId: 'c-1',
  now: '2022-08-01T09:00+08:00',
  actor: { id: 'admin', role: 'admin', schoolId: 'sch1' },
  type: 'RegisterSchool',
  data: { schoolId: 'sch1', name: '臺北市立建國高級中學' },
};

// What the compiler refuses: `npm test` type-checks this file, so each line below must stay an error.
export const refusedByTheCompiler: LichengCommand[] = [
  // @ts-expect-error a misspelt command type
  { ...register, type: 'RegisterSchol' },
  // @ts-expect-error a role no actor has
  { ...register, actor: { id: 'admin', role: 'administrator', schoolId: 'sch1' } },
  // @ts-expect-error data missing a field of its command (RegisterSchool needs a name)
  { ...register, data: { schoolId: 'sch1' } },
  // @ts-expect-error data of another command
  { ...register, type: 'SelectCourseOutcome' },
];

describe('service.dispatch, the typed entry', () => {
  it('records a typed command as execute does', async () => {
    const service = createLichengService({ store: new InMemoryEventStore() });
    const result = await service.dispatch(register);
    expect(E.isRight(result) && result.right.events.map(({ event }) => event.type)).toEqual(['SchoolRegistered']);
  });

  it(
    'still decodes what the types cannot see: an id outside the Id alphabet is INVALID_INPUT at ' + 'its path',
    async () => {
      const service = createLichengService({ store: new InMemoryEventStore() });
      const result = await service.dispatch({ ...register, commandId: 'c 1' });
      expect(E.isLeft(result) && result.left).toMatchObject({
        code: 'INVALID_INPUT',
        details: { paths: ['commandId'] },
      });
    },
  );
});
