/**
 * Results kept by the identity of a frozen object. Stored documents are
 * frozen and an edit replaces only what it changed, so a part shared between
 * versions (a list of budget lines, a profile, an indicator) keeps its
 * results; an object that is not frozen (a draft being edited) may still
 * change, so its result is made afresh every time. `make` gets the key, so a
 * function defined once can be passed (no closure per call on a hot path).
 */
export function memo<K extends object, V>(cache: WeakMap<K, V>, key: K, make: (key: K) => V): V {
  if (!Object.isFrozen(key)) return make(key);
  let value = cache.get(key);
  if (value === undefined) {
    value = make(key);
    cache.set(key, value);
  }
  return value;
}
