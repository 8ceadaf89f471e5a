/**
 * Every mustache template the program renders (drafted paragraphs, wording,
 * the bot's messages, chart and workbook labels) goes through one writer,
 * which looks up parsed templates by the template text itself.
 *
 * mustache.js keys its own cache by the text joined with the tags: a new
 * string to build and hash for every render and every partial, about a
 * twentieth of drafting a BAB III. The texts rendered here come from the
 * template and wording files, loaded once: the same strings every time,
 * whose hash V8 keeps. Custom tags (none of ours) use mustache's own cache.
 */
import Mustache from "mustache";

class TemplateWriter extends Mustache.Writer {
  private readonly parsed = new Map<string, unknown>();

  override parse(template: string, tags?: Mustache.OpeningAndClosingTags): unknown {
    if (tags !== undefined) return super.parse(template, tags);
    let tokens = this.parsed.get(template);
    if (tokens === undefined) {
      tokens = super.parse(template);
      this.parsed.set(template, tokens);
    }
    return tokens;
  }
}

const writer = new TemplateWriter();

/** How a value is escaped when a template prints it. */
export type Escape = (value: string) => string;

/** No escaping: plain text (renderers escape for their medium). */
export const plainText: Escape = (s) => s;
const NO_PARTIALS: Record<string, string> = Object.freeze({});

/** Mustache's options for an escape function, made once per function; mustache hands `escape` whatever the view holds, as text here. */
const OPTIONS = new WeakMap<Escape, { escape: (value: unknown) => string }>();

function options(escape: Escape): { escape: (value: unknown) => string } {
  let o = OPTIONS.get(escape);
  if (!o) {
    o = { escape: (value: unknown) => escape(String(value)) };
    OPTIONS.set(escape, o);
  }
  return o;
}

/** Render `template` with `view`; `partials` by name; every `{{value}}` passed through `escape` (default: none, plain text). */
export function renderMustache(template: string, view: object, partials: Record<string, string> = NO_PARTIALS, escape: Escape = plainText): string {
  return writer.render(template, view, partials, options(escape));
}
