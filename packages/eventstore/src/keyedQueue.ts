/**
 * Runs tasks of one key one after another, tasks of different keys side by side. A task runs whether the one
 * before it resolved or rejected; its own outcome is returned unchanged. Keys are forgotten once idle.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Whether a task of this key is queued or running: when not, a synchronous step may go ahead at once. */
  busy(key: string): boolean {
    return this.tails.has(key);
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key);
    const run = before === undefined ? task() : before.then(task, task);
    this.tails.set(key, run);
    const forget = () => {
      if (this.tails.get(key) === run) this.tails.delete(key);
    };
    run.then(forget, forget);
    return run;
  }
}
