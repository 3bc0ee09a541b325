import { schoolIdOfSchoolStream } from '@licheng/domain';
import {
  EVENT_RULES,
  type RecordedActor as Actor,
  type DomainError,
  type EventType,
  type RuleId,
} from '@licheng/domain';
import { domainError } from '@licheng/domain/internal';
import type { ProjectedEvent } from '@licheng/projections';
import * as E from 'fp-ts/Either';
import { ownerOf } from '../streams';
import { ROLE_LABELS, sentenceOf, type Lang } from './sentences';

export interface TimelineEntry {
  /** When it happened (R-TIME-2, Taipei minutes): for an imported event, when it was imported. */
  readonly at: string;
  readonly actor: Actor;
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly text: string;
  /** The rules the event stands for, from the event catalogue (docs/events.md). */
  readonly rules: ReadonlyArray<RuleId>;
  /** For an event carried over from another school (R-XFER-1): where and when it first happened. */
  readonly original?: { readonly streamName: string; readonly at: string; readonly actor: Actor };
}

export interface TimelineQuery {
  readonly studentId: string;
  /** Only this school's records; every school's when absent. */
  readonly schoolId?: string;
}

interface ImportedFrom {
  readonly streamName?: string;
  readonly metadata?: { readonly occurredAt?: string; readonly actor?: Actor };
}

const importedFromOf = (event: ProjectedEvent): TimelineEntry['original'] => {
  const from = (event.metadata as { importedFrom?: ImportedFrom }).importedFrom;
  const at = from?.metadata?.occurredAt;
  const actor = from?.metadata?.actor;
  return from && at && actor ? { streamName: from.streamName ?? '', at, actor } : undefined;
};

/**
 * One student's history: their portfolio events, their enrolment and placements, the rosters that listed
 * them and what became of those, and the seals of their school; in the log's global order.
 */
export const studentTimeline = (
  events: ReadonlyArray<ProjectedEvent>,
  query: TimelineQuery,
  lang: Lang,
): E.Either<DomainError, ReadonlyArray<TimelineEntry>> => {
  const { studentId } = query;
  const schoolIds = [
    ...new Set(events.filter((e) => e.stream === 'school').map((e) => schoolIdOfSchoolStream(e.streamName))),
  ];
  const inSchool = (schoolId: string) => query.schoolId === undefined || query.schoolId === schoolId;
  const enrolledAt = new Set<string>();
  const fids = new Set<string>();
  const entries: TimelineEntry[] = [];
  for (const event of events) {
    const owner = ownerOf(event.streamName, schoolIds);
    if (!owner || !inSchool(owner.schoolId)) continue;
    let mine: boolean;
    if (event.stream === 'portfolio') mine = owner.rest === studentId;
    else if (event.stream === 'school') {
      const data = event.event.data as { studentId?: string };
      if (
        (event.event.type === 'StudentEnrolled' || event.event.type === 'StudentPlaced') &&
        data.studentId === studentId
      ) {
        enrolledAt.add(owner.schoolId);
        mine = true;
      } else mine = event.event.type === 'PeriodSealed' && enrolledAt.has(owner.schoolId);
    } else if (event.event.type === 'RosterSubmitted') {
      mine = event.event.data.roster.some((entry) => entry.studentId === studentId);
      if (mine) fids.add(`${event.streamName}/${event.event.data.fid}`);
    } else mine = fids.has(`${event.streamName}/${event.event.data.fid}`);
    if (!mine) continue;
    const original = importedFromOf(event);
    entries.push({
      at: event.metadata.occurredAt,
      actor: event.metadata.actor,
      streamName: event.streamName,
      revision: event.revision,
      position: event.position,
      type: event.event.type,
      text: sentenceOf(event.event, lang),
      rules: EVENT_RULES[event.event.type as EventType] ?? [],
      ...(original ? { original } : {}),
    });
  }
  if (entries.length === 0) {
    const where = query.schoolId === undefined ? '' : ` at ${query.schoolId}`;
    return E.left(
      domainError(
        'STUDENT_NOT_FOUND',
        null,
        `紀錄中沒有學生 ${studentId}${query.schoolId ? `（${query.schoolId}）` : ''}`,
        `the log holds no student ${studentId}${where}`,
        { studentId },
      ),
    );
  }
  return E.right(entries);
};

const roleOf = (actor: Actor, lang: Lang): string => ROLE_LABELS[actor.role][lang === 'zh-TW' ? 0 : 1];

/** One line per entry: when, who (role and id), what, under which rules, and where it is stored. */
export const renderTimeline = (entries: ReadonlyArray<TimelineEntry>, lang: Lang): string =>
  entries
    .map((e) => {
      const when = e.at.slice(0, 16).replace('T', ' ');
      const who = `${roleOf(e.actor, lang)} ${e.actor.id}`;
      const rules = e.rules.length > 0 ? `  [${e.rules.join(', ')}]` : '';
      const from = e.original
        ? lang === 'zh-TW'
          ? `（轉入：原於 ${e.original.at.slice(0, 16).replace('T', ' ')} 由${roleOf(e.original.actor, lang)} ` +
            `${e.original.actor.id} 記錄於 ${e.original.streamName}）`
          : ` (transferred: first recorded ${e.original.at.slice(0, 16).replace('T', ' ')} by ` +
            `${roleOf(e.original.actor, lang)} ${e.original.actor.id} in ${e.original.streamName})`
        : '';
      return `${when}  ${who}  ${e.text}${from}${rules}  ${e.streamName}#${e.revision}`;
    })
    .join('\n');
