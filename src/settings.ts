/**
 * Whole-number settings read from the environment at start-up
 * (AGENCY_CACHE_SIZE, DATABASE_POOL_SIZE, WEBHOOK_MAX_CONNECTIONS, SHUTDOWN_GRACE_MS, PORT, EXPORT_HEAP_MB). A value
 * outside its range stops the start with a message naming the variable, what
 * it means, the range and an example.
 */
export interface WholeNumberSetting {
  name: string;
  /** What the number is, in Indonesian (for the message). */
  meaning: string;
  min: number;
  max: number;
  /** The value when the variable is unset or empty (also the example). */
  fallback: number;
}

export function wholeNumberSetting(setting: WholeNumberSetting, value: string | undefined): number {
  const raw = value?.trim();
  if (!raw) return setting.fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < setting.min || n > setting.max) {
    throw new Error(`${setting.name} harus bilangan bulat ${setting.min}–${setting.max} (${setting.meaning}), bukan "${raw}". Contoh: ${setting.name}=${setting.fallback}`);
  }
  return n;
}
