/** The answer to a form whose sasaran, indicator or budget line was deleted meanwhile (by a colleague, or from an older message). */
import { IDLE } from "../state.js";
import { outcome, type Outcome } from "../turn.js";
import { html, text } from "../ui.js";

/** Nothing was stored: say so, name what is gone (`jenis`: "Sasaran", "Program" …) and where to see what is there now. */
export function deletedMeanwhile(jenis: string, perintah: "/atur" | "/anggaran"): Outcome {
  return outcome([text(html("atur.sudah_tidak_ada", { jenis, perintah }))], IDLE);
}
