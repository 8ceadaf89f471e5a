/**
 * Loads the mustache templates (templates/**\/*.mustache) and the wording
 * files (templates/*.json). Templates only arrange words the view models
 * already chose; they produce plain text (no escaping here: renderers escape
 * for their medium). Line breaks inside a template file are joined with
 * spaces, so planners can wrap long sentences freely.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { renderMustache } from "../mustache.js";
import { PROJECT_ROOT } from "../../paths.js";

export const TEMPLATES_DIR = join(PROJECT_ROOT, "templates");

let templates: Map<string, string> | undefined;
/** The same templates as an object: mustache's partials (built once; rebuilding it per paragraph was a fifth of drafting). */
let partials: Record<string, string> | undefined;
const wording = new Map<string, unknown>();

function walk(dir: string, into: Map<string, string>): void {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, into);
    else if (name.endsWith(".mustache")) {
      const key = relative(TEMPLATES_DIR, full).split(sep).join("/").replace(/\.mustache$/, "");
      into.set(key, readFileSync(full, "utf8").replace(/\s*\n\s*/g, " ").trim());
    }
  }
}

function all(): Map<string, string> {
  if (!templates) {
    const map = new Map<string, string>();
    walk(TEMPLATES_DIR, map);
    templates = map;
  }
  return templates;
}

export function templateNames(): string[] {
  return [...all().keys()];
}

/** Render `templates/<name>.mustache` with `view`; other templates are available as partials. */
export function renderTemplate(name: string, view: object): string {
  const template = all().get(name);
  if (template === undefined) throw new Error(`Unknown template: ${name}`);
  partials ??= Object.fromEntries(all());
  return renderMustache(template, view, partials).replace(/\s+/g, " ").trim();
}

/** A JSON wording file under templates/, e.g. `wordingFile("kosakata")`. */
export function wordingFile<T>(name: string): T {
  if (!wording.has(name)) wording.set(name, JSON.parse(readFileSync(join(TEMPLATES_DIR, `${name}.json`), "utf8")));
  return wording.get(name) as T;
}
