import { produce } from '@licheng/domain/internal';
import type { Draft } from 'immer';
import type { ProjectedEvent } from './envelope';

/**
 * A projection is a pure fold over the event log in global order. `apply` is written as an immer recipe
 * so that a batch of events folds inside one `produce` on rebuilds, while each reader sees a frozen view.
 */
export interface Projection<View> {
  readonly name: string;
  readonly initialView: View;
  readonly apply: (view: Draft<View>, event: ProjectedEvent) => void;
}

/** `(view, event) → view`. */
export const applyEvent = <View>(projection: Projection<View>, view: View, event: ProjectedEvent): View =>
  produce(view, (draft: Draft<View>) => projection.apply(draft, event));

/** Folds many events at once: the same result as applying them one by one, with one copy-on-write pass. */
export const applyEvents = <View>(projection: Projection<View>, view: View, events: Iterable<ProjectedEvent>): View =>
  produce(view, (draft: Draft<View>) => {
    for (const event of events) projection.apply(draft, event);
  });
