/** Deep-freeze a document so a shared cached copy can be handed out without cloning. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) freezeTree(value);
  return value;
}

/** Documents are plain JSON data: arrays by index, objects by their keys; only unfrozen objects are visited. */
function freezeTree(value: object): void {
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child !== null && typeof child === "object" && !Object.isFrozen(child)) freezeTree(child);
    }
    return;
  }
  for (const key in value) {
    const child: unknown = (value as Record<string, unknown>)[key];
    if (child !== null && typeof child === "object" && !Object.isFrozen(child)) freezeTree(child);
  }
}
