/** Names of budget lines as the bot shows them. */
import { label } from "../ui.js";

/** "Program Rehabilitasi Sosial", without doubling a level word the name already starts with. */
export function lineTitle(line: { level: string; name: string }): string {
  const level = label(`tingkat.${line.level}`);
  return line.name.toLowerCase().startsWith(level.toLowerCase()) ? line.name : `${level} ${line.name}`;
}
