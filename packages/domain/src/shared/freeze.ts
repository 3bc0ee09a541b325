/**
 * Freezes a value and everything reachable from it, as immer's `freeze(value, true)` freezes the plain objects and
 * arrays states are made of (the fold contract, decider.ts), in about half its time: every load freezes the state it
 * folds, and immer's walk was a twelfth of a replay. An object already frozen is taken as frozen through, as immer
 * takes it: a state folded onto a cached one shares the cached one's frozen parts.
 */
export const freezeDeep = <T>(value: T): T => {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) freezeDeep(value[i]);
  // for…in rather than Object.keys: no array made per object (a state's objects have own enumerable keys only).
  else for (const key in value) freezeDeep((value as Record<string, unknown>)[key]);
  return value;
};
