/**
 * What Telegram's Bot API refuses in a message sent with `parse_mode: "HTML"`
 * (https://core.telegram.org/bots/api#html-style): a tag it does not support,
 * a tag left open or closed out of order, a `<` or `>` that is not part of a
 * tag, an `&` that does not start one of the four named entities or a numeric
 * one, and text over the length limit. Telegram answers such a call with
 * "400 Bad Request: can't parse entities" and the message never arrives; the
 * fake Telegram of the local chat and the tests answers the same
 * (fake-telegram.ts), so a message the bot could not deliver fails there too.
 */
import { TELEGRAM_LIMIT } from "../domain/draft/render/telegram.js";

/** Tags Telegram accepts (without attributes but `a href`, `span class`, `pre`/`code` language, `blockquote expandable`, `tg-emoji`). */
const SUPPORTED = new Set(["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"]);

/** Telegram's limits, counted on the text once tags are removed and entities decoded (a message's: TELEGRAM_LIMIT). */
export const CAPTION_LIMIT = 1024;

/** Every problem Telegram would refuse `html` for, in the order found; empty when it would deliver it. */
export function htmlProblems(html: string, limit = TELEGRAM_LIMIT): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z-]+)(\s[^>]*)?>/g)) {
    const [, closing, tag] = m;
    const name = tag!.toLowerCase();
    if (!SUPPORTED.has(name)) problems.push(`Unsupported start tag "${name}" at byte offset ${Buffer.byteLength(html.slice(0, m.index))}`);
    if (closing) {
      if (stack.pop() !== name) problems.push(`Unmatched end tag "${name}"`);
    } else {
      if ((name === "b" || name === "i") && stack.includes("pre")) problems.push(`<${name}> inside <pre>`);
      stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"`);
  const text = html.replace(/<\/?[a-zA-Z-]+(\s[^>]*)?>/g, "");
  const raw = /[<>]/.exec(text);
  if (raw) problems.push(`Unexpected "${raw[0]}" in text (write &lt; or &gt;)`);
  for (const m of text.matchAll(/&[^;\s]*;?/g)) {
    if (!/^&(amp|lt|gt|quot|#\d+|#x[0-9a-fA-F]+);$/.test(m[0])) problems.push(`Unsupported entity "${m[0]}" (write &amp; for &)`);
  }
  const shown = visibleLength(text);
  if (shown === 0) problems.push("message text is empty");
  if (shown > limit) problems.push(`message is too long (${shown} characters, at most ${limit})`);
  return problems;
}

/** The length Telegram counts (UTF-16 code units), once the entities are decoded. */
function visibleLength(text: string): number {
  return text.replace(/&(amp|lt|gt|quot);/g, "x").replace(/&#x?[0-9a-fA-F]+;/g, "x").trim().length;
}
