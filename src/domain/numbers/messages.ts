/** Indonesian messages for number parsing errors, from prompts/errors.json. */
import { say, type Escape } from "../../messages/catalog.js";
import type { NumberError, NumberKind } from "./parse.js";

export function numberErrorMessage(error: NumberError, kind: NumberKind | "ratio" | "grade", escape?: Escape): string {
  return say(`angka.${error.code}`, { input: error.input, contoh: say(`contoh.${kind}`), ...error.params }, escape);
}
