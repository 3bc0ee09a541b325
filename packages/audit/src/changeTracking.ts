/**
 * Whether an in-place evolve changed anything, with immer's meaning of a change (an own key added or
 * deleted, or a value set that is not `Object.is` the one before), without immer's copies: `produce` copies
 * every object on the path it writes (a portfolio's 46-entry outcomes record for one outcome's event) and
 * freezes the copies, which made the audit's consistency check cost more than deciding every command again.
 *
 * `track(root)` hands out a view of `root` whose writes, at any depth, go to the objects themselves and
 * raise one flag. Objects read through the view are handed out as views too, so a write deep down is seen;
 * a view stored somewhere is stored as its object, so no view ends up inside the state.
 * Equal to immer's `produce(state, recipe) === state` on every evolve (property-tested in changeTracking.test.ts).
 */
const TARGET = Symbol('tracked target');

export interface ChangeTracker {
  /** A view of `root`; writes through it and through anything read from it raise `changed()`. */
  readonly track: <T extends object>(root: T) => T;
  readonly changed: () => boolean;
  readonly reset: () => void;
}

const unwrap = (value: unknown): unknown =>
  typeof value === 'object' && value !== null ? ((value as { [TARGET]?: unknown })[TARGET] ?? value) : value;

export const changeTracker = (): ChangeTracker => {
  let changed = false;
  const handler: ProxyHandler<object> = {
    get(target, key) {
      if (key === TARGET) return target;
      const value = Reflect.get(target, key) as unknown;
      // A frozen object's fields must read as themselves (a proxy's invariant); nothing can write to them anyway.
      return typeof value === 'object' && value !== null && !Object.isFrozen(target)
        ? new Proxy(value, handler)
        : value;
    },
    set(target, key, value) {
      const plain = unwrap(value);
      const had = Object.prototype.hasOwnProperty.call(target, key);
      if (!had || !Object.is((target as Record<PropertyKey, unknown>)[key], plain)) changed = true;
      return Reflect.set(target, key, plain);
    },
    deleteProperty(target, key) {
      if (Object.prototype.hasOwnProperty.call(target, key)) changed = true;
      return Reflect.deleteProperty(target, key);
    },
    defineProperty(target, key, descriptor) {
      changed = true;
      return Reflect.defineProperty(
        target,
        key,
        'value' in descriptor ? Object.assign({}, descriptor, { value: unwrap(descriptor.value) }) : descriptor,
      );
    },
  };
  return {
    track: <T extends object>(root: T): T => new Proxy(root, handler) as T,
    changed: () => changed,
    reset: () => {
      changed = false;
    },
  };
};
