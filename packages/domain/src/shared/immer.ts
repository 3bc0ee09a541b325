import { Immer } from 'immer';

/**
 * The library's own immer. immer's exported `produce` belongs to one instance per process, and an application
 * that embeds the library may configure that instance: `setAutoFreeze(false)` is a common speed setting, after
 * which every state a fold hands out would be left unfrozen, and a reader could change a state a cache shares.
 * An instance of our own keeps the settings the fold contract (decider.ts) relies on, whatever the process sets.
 */
const immer = new Immer({ autoFreeze: true, useStrictShallowCopy: false, useStrictIteration: false });

/** immer's `produce`, bound to the library's own instance. */
export const produce: Immer['produce'] = immer.produce;
