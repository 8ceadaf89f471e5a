/** Checks that a string is valid Telegram HTML as this project emits it. */
const ALLOWED = new Set(["b", "i", "pre", "code", "u", "s", "a", "blockquote"]);

export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<(\/?)([a-zA-Z-]+)(\s[^>]*)?>/g)) {
    const [, closing, tag] = m;
    const name = tag!.toLowerCase();
    if (!ALLOWED.has(name)) problems.push(`tag not allowed: ${name}`);
    if (closing) {
      if (stack.pop() !== name) problems.push(`unbalanced </${name}>`);
    } else {
      if ((name === "b" || name === "i") && stack.includes("pre")) problems.push(`<${name}> inside <pre>`);
      stack.push(name);
    }
  }
  if (stack.length > 0) problems.push(`unclosed: ${stack.join(",")}`);
  const text = html.replace(/<\/?[a-zA-Z-]+(\s[^>]*)?>/g, "");
  if (/[<>]/.test(text)) problems.push("raw < or > in text");
  for (const m of text.matchAll(/&[^;\s]*;?/g)) {
    if (!/^&(amp|lt|gt|quot|#\d+);$/.test(m[0])) problems.push(`bad entity ${m[0]}`);
  }
  return problems;
}
