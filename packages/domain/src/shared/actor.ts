import * as t from 'io-ts';
import { Id, SchoolId } from './primitives';

/** The roles of people who belong to one school: each acts only on that school's data (R-AUTH-1, R-AUTH-3). */
export const SchoolRole = t.keyof(
  { student: null, parent: null, teacher: null, admin: null, submitter: null },
  'SchoolRole',
);
export type SchoolRole = t.TypeOf<typeof SchoolRole>;

/**
 * The roles above every school. `system` is the platform itself (deadline effects, R-AUTH-4, and the
 * school's records system); `city` is the Department of Education setting operating periods (R-WIN-1).
 */
export const PlatformRole = t.keyof({ system: null, city: null }, 'PlatformRole');
export type PlatformRole = t.TypeOf<typeof PlatformRole>;

export const Role = t.keyof({ ...SchoolRole.keys, ...PlatformRole.keys }, 'Role');
export type Role = t.TypeOf<typeof Role>;

/** A school member, bound to the school the embedding service authenticated them for. */
export const SchoolMember = t.strict({ id: Id, role: SchoolRole, schoolId: SchoolId }, 'SchoolMember');
export type SchoolMember = t.TypeOf<typeof SchoolMember>;

export const PlatformActor = t.strict({ id: Id, role: PlatformRole }, 'PlatformActor');
export type PlatformActor = t.TypeOf<typeof PlatformActor>;

/** Who acts: a school member carries their school; the system and the city act for every school. */
export const Actor = t.union([SchoolMember, PlatformActor], 'Actor');
export type Actor = t.TypeOf<typeof Actor>;

/**
 * An actor as stored in an event's metadata. Events recorded before actors were bound to a school carry
 * no `schoolId`: the service then trusted the caller for the school of the stream (see `boundToSchool`).
 */
export const RecordedActor = t.exact(
  t.intersection([t.type({ id: Id, role: Role }), t.partial({ schoolId: SchoolId })]),
  'RecordedActor',
);
export type RecordedActor = t.TypeOf<typeof RecordedActor>;

export const isPlatformActor = (actor: { readonly role: Role }): boolean =>
  actor.role === 'system' || actor.role === 'city';

/**
 * A recorded actor as the command was judged: one stored without a school acted, by the rules then in
 * force, for the school whose stream it wrote, so an audit decides it again as that school's member.
 */
export const boundToSchool = (actor: RecordedActor, schoolId: string): Actor =>
  isPlatformActor(actor)
    ? { id: actor.id, role: actor.role as PlatformRole }
    : ({ id: actor.id, role: actor.role, schoolId: actor.schoolId ?? schoolId } as SchoolMember);
