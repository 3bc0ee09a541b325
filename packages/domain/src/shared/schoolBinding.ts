import * as E from 'fp-ts/Either';
import { isPlatformActor, type Actor } from './actor';
import { domainError, type DomainError } from './errors';

/**
 * R-AUTH-1 / R-AUTH-3: a school member acts only on the data of the school the embedding service bound
 * them to; a student number or a teacher id that exists in two schools is two people. The system and the
 * city act for every school.
 */
export const actorOutsideSchool = (actor: Actor, schoolId: string): DomainError<'ACTOR_NOT_OF_SCHOOL'> | null =>
  isPlatformActor(actor) || ('schoolId' in actor && actor.schoolId === schoolId) ? null : outside(actor, schoolId);

const outside = (actor: Actor, schoolId: string): DomainError<'ACTOR_NOT_OF_SCHOOL'> => {
  const of = 'schoolId' in actor ? actor.schoolId : '(none)';
  const rule = actor.role === 'student' || actor.role === 'parent' ? 'R-AUTH-1' : 'R-AUTH-3';
  return domainError(
    'ACTOR_NOT_OF_SCHOOL',
    rule,
    `${actor.id}（${actor.role}）屬於學校 ${of}，不可處理學校 ${schoolId} 的資料`,
    `${actor.id} (${actor.role}) belongs to school ${of} and may not act on the data of school ${schoolId}`,
    { actorId: actor.id, role: actor.role, actorSchoolId: of, schoolId },
  );
};

type Decide<Command, State, Context, Event, Refusal extends DomainError> = (
  command: Command,
  state: State,
  context: Context,
) => E.Either<Refusal, ReadonlyArray<Event>>;

/** A decide that first refuses an actor of another school; every aggregate of a school is wrapped in it. */
export const bindActorToSchool =
  <
    Command extends { readonly data: { readonly schoolId: string } },
    State,
    Context extends { readonly actor: Actor },
    Event,
    Refusal extends DomainError,
  >(
    decide: Decide<Command, State, Context, Event, Refusal>,
  ): Decide<Command, State, Context, Event, Refusal | DomainError<'ACTOR_NOT_OF_SCHOOL'>> =>
  (command, state, context) => {
    const outsider = actorOutsideSchool(context.actor, command.data.schoolId);
    return outsider ? E.left(outsider) : decide(command, state, context);
  };
