/**
 * A Renstra period as officers type it ("2021-2026", "2025–2029", "2025 s.d. 2029", "2025 sampai 2029"): read at
 * registration and when a new reporting year starts with a new Renstra.
 */
export interface RenstraPeriod {
  startYear: number;
  endYear: number;
}

/** The period typed, or undefined when it is not two years in order at most ten apart. */
export function parseRenstraPeriod(value: string): RenstraPeriod | undefined {
  const m = /^(\d{4})\s*(?:[-–—/]|s\.?\s?d\.?|sampai)\s*(\d{4})$/i.exec(value.trim());
  if (!m) return undefined;
  const [startYear, endYear] = [Number(m[1]), Number(m[2])];
  if (startYear >= endYear || endYear - startYear > 10) return undefined;
  return { startYear, endYear };
}

/** Whether a reporting year belongs to the period: within it, or the year after it (its last LKjIP is written then). */
export function coversYear(period: RenstraPeriod, year: number): boolean {
  return year >= period.startYear && year <= period.endYear + 1;
}
