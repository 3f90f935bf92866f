// Answers to a request the user repeats (each keystroke of a search) can come back out of
// order: a slow answer to "ab" must not overwrite the answer to "abc" that came first. Each
// call gets a sequence number; only the newest call's answer — or failure — counts.

export type Latest<T> = { latest: true; value: T } | { latest: false };

/**
 * Wraps an async request. A call resolves to {latest: true, value} when no newer call was made
 * meanwhile, and rejects with its error only then; an older call resolves to {latest: false},
 * whether its request succeeded or failed, so the caller leaves what is shown alone.
 */
export function latestOnly<A extends unknown[], T>(request: (...args: A) => Promise<T>): (...args: A) => Promise<Latest<T>> {
  let newest = 0;
  return async (...args) => {
    const mine = ++newest;
    try {
      const value = await request(...args);
      return mine === newest ? { latest: true, value } : { latest: false };
    } catch (error) {
      if (mine === newest) throw error;
      return { latest: false };
    }
  };
}
