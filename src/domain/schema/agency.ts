/**
 * The agency file: one agency's data for its reporting year, with history.
 * The same JSON is used for import, export, backup and the command line.
 */
import { z } from "zod";
import { BudgetLineSchema, PARENT_LEVEL } from "./budget.js";
import { Id, Text, Year } from "./common.js";
import { ObjectiveSchema } from "./indicator.js";
import { ProfileSchema } from "./profile.js";

export const AGENCY_FORMAT = "lkjip-instansi";
export const AGENCY_FORMAT_VERSION = 1;

export const AGENCY_LEVELS = ["provinsi", "kabupaten", "kota"] as const;

/** Indonesia's three time zones, as officers name them (WIB UTC+7, WITA UTC+8, WIT UTC+9). */
export const TIME_ZONE_NAMES = ["WIB", "WITA", "WIT"] as const;
export type TimeZoneName = (typeof TIME_ZONE_NAMES)[number];

export const AgencyInfoSchema = z
  .strictObject({
    id: Id,
    /** e.g. "Dinas Sosial dan Pemberdayaan Masyarakat Kota Dumai" */
    name: Text(200),
    /** e.g. "Kota Dumai" */
    region: Text(100),
    province: Text(100).optional(),
    level: z.enum(AGENCY_LEVELS),
    /** The time zone its times are shown in, chosen by an admin; absent: the one its region lies in (app/time-zone.ts). */
    timeZone: z.enum(TIME_ZONE_NAMES).optional(),
    head: z
      .strictObject({
        name: Text(120),
        nip: z.string().regex(/^[0-9 ]{18,21}$/, { error: "@nip" }).optional(),
        rank: Text(120).optional(),
      })
      .optional(),
    strategicPlan: z.strictObject({ startYear: Year, endYear: Year }),
    reportingYear: Year,
  })
  .superRefine((info, ctx) => {
    if (info.strategicPlan.startYear >= info.strategicPlan.endYear) {
      ctx.addIssue({ code: "custom", path: ["strategicPlan"], params: { kode: "renstra_terbalik" } });
    }
  });

export const AgencyFileSchema = z
  .strictObject({
    format: z.literal(AGENCY_FORMAT),
    version: z.literal(AGENCY_FORMAT_VERSION),
    agency: AgencyInfoSchema,
    profile: ProfileSchema.default(ProfileSchema.parse({})),
    objectives: z.array(ObjectiveSchema).max(50).default([]),
    budgetLines: z.array(BudgetLineSchema).max(5000).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, string>();
    const claim = (id: string, what: string, path: (string | number)[]) => {
      const previous = seen.get(id);
      if (previous) ctx.addIssue({ code: "custom", path, params: { kode: "id_ganda", id, sebelumnya: previous } });
      else seen.set(id, what);
    };
    const indicatorIds = new Set<string>();
    file.objectives.forEach((o, oi) => {
      claim(o.id, "sasaran", ["objectives", oi, "id"]);
      o.indicators.forEach((ind, ii) => {
        claim(ind.id, "indikator", ["objectives", oi, "indicators", ii, "id"]);
        indicatorIds.add(ind.id);
      });
    });
    const lines = new Map(file.budgetLines.map((l) => [l.id, l]));
    file.budgetLines.forEach((line, li) => {
      claim(line.id, "baris anggaran", ["budgetLines", li, "id"]);
      const expectedParent = PARENT_LEVEL[line.level];
      if (expectedParent === undefined && line.parentId !== undefined) {
        ctx.addIssue({ code: "custom", path: ["budgetLines", li, "parentId"], params: { kode: "program_berinduk" } });
      }
      if (expectedParent !== undefined) {
        const parent = line.parentId === undefined ? undefined : lines.get(line.parentId);
        if (line.parentId === undefined) {
          ctx.addIssue({ code: "custom", path: ["budgetLines", li, "parentId"], params: { kode: "induk_wajib", level: line.level } });
        } else if (!parent) {
          ctx.addIssue({ code: "custom", path: ["budgetLines", li, "parentId"], params: { kode: "induk_tidak_ada", id: line.parentId } });
        } else if (parent.level !== expectedParent) {
          ctx.addIssue({
            code: "custom",
            path: ["budgetLines", li, "parentId"],
            params: { kode: "induk_salah_tingkat", level: line.level, harus: expectedParent, id: parent.id },
          });
        }
      }
      line.indicatorIds.forEach((id, k) => {
        if (!indicatorIds.has(id)) {
          ctx.addIssue({ code: "custom", path: ["budgetLines", li, "indicatorIds", k], params: { kode: "indikator_tidak_ada", id } });
        }
      });
    });
  });

export type AgencyFile = z.output<typeof AgencyFileSchema>;
export type AgencyFileInput = z.input<typeof AgencyFileSchema>;
export type AgencyInfo = z.output<typeof AgencyInfoSchema>;
