/** Small agency files for tests. */
import type { AgencyFileInput } from "../../src/domain/schema/agency.js";
import { AgencyFileSchema, type AgencyFile } from "../../src/domain/schema/agency.js";

export function agencyInput(overrides: Partial<AgencyFileInput> = {}): AgencyFileInput {
  return {
    format: "lkjip-instansi",
    version: 1,
    agency: {
      id: "dinsos-contoh",
      name: "Dinas Sosial Kabupaten Contoh",
      region: "Kabupaten Contoh",
      level: "kabupaten",
      strategicPlan: { startYear: 2021, endYear: 2026 },
      reportingYear: 2024,
    },
    objectives: [
      {
        id: "S1",
        code: "1",
        name: "Meningkatnya Kesejahteraan Sosial",
        indicators: [
          {
            id: "I1",
            code: "1.1",
            name: "Persentase PSKS yang aktif",
            unit: "%",
            kind: "ratio",
            years: { "2023": { target: "95", actual: "98.29" }, "2024": { target: "97.5", numerator: "56", denominator: "57" } },
            strategicPlan: { finalTarget: "100" },
          },
        ],
      },
    ],
    budgetLines: [],
    ...overrides,
  };
}

export function agency(overrides: Partial<AgencyFileInput> = {}): AgencyFile {
  return AgencyFileSchema.parse(agencyInput(overrides));
}
