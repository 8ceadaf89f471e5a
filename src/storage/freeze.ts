/** Deep-freeze a document so a shared cached copy can be handed out without cloning. */
export function deepFreeze<T>(value: T): T {
  if (unfrozenObject(value)) freezeTree(value);
  return value;
}

/** Objects and arrays not frozen yet: the only values freezing visits (a frozen one's children are frozen already). */
const unfrozenObject = (value: unknown): value is object => value !== null && typeof value === "object" && !Object.isFrozen(value);

/** Documents are plain JSON data: arrays by index, objects by their keys; only unfrozen objects are visited. */
function freezeTree(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (unfrozenObject(child)) freezeTree(child);
    }
    return;
  }
  for (const key in value) {
    const child: unknown = (value as Record<string, unknown>)[key];
    if (unfrozenObject(child)) freezeTree(child);
  }
}
