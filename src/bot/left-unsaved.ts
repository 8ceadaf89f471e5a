/**
 * What an officer typed into a form that is stored only at its end (registering an agency, a new indicator or
 * budget line, a pasted table's or a file's preview), and is lost when something else ends the form: a command
 * typed in the middle of it, a button of another message, another file. The officer is told so before the
 * replies to what ended it; without it a half-registered agency or an unsaved preview vanished silently, and
 * the officer could believe it stored.
 */
import { equal } from "../app/paths.js";
import { formatCount } from "../domain/numbers/format.js";
import type { State } from "./state.js";
import { html, label } from "./ui.js";

/** The buttons a form answers itself (its steps, its Simpan and Batal): pressing them does not leave it. */
const OWN_BUTTONS: Partial<Record<State["flow"], RegExp>> = {
  register: /^reg:/,
  indicator: /^new:/,
  paste: /^paste:/,
  import: /^imp:/,
  merge: /^mrg:/,
};

/** Whether button `data` is one of the form's own in `state`. */
export function ownButton(state: State, data: string): boolean {
  return OWN_BUTTONS[state.flow]?.test(data) ?? false;
}

/** What `state` holds that is not stored yet, as the notice said when it is left; undefined when nothing. */
function unsaved(state: State): string | undefined {
  switch (state.flow) {
    case "register":
      return state.draft.name === undefined ? undefined : html("ditinggalkan.daftar", { nama: state.draft.name });
    case "indicator":
      return state.indicatorId !== undefined || state.draft.name === undefined ? undefined : html("ditinggalkan.indikator", { nama: state.draft.name });
    case "line":
      return state.lineId !== undefined || state.draft.name === undefined
        ? undefined
        : html("ditinggalkan.anggaran", { tingkat: label(`tingkat.${state.draft.level}`), nama: state.draft.name });
    case "paste":
      return state.rows === undefined && state.text === undefined ? undefined : html("ditinggalkan.tempel", { jumlah: state.rows?.length ? formatCount(state.rows.length) : "" });
    case "import":
      return html("ditinggalkan.impor", { berkas: state.filename });
    case "merge":
      return html("ditinggalkan.gabung", { berkas: state.filename });
    default:
      return undefined;
  }
}

/**
 * The notice for a form left unsaved when the state goes from `before` to `after` (undefined: unchanged) by an
 * update that is not the form's own answer; undefined when nothing typed is lost.
 */
export function leftUnsaved(before: State, after: State | undefined): string | undefined {
  if (after === undefined || equal(before, after)) return undefined;
  return unsaved(before);
}
