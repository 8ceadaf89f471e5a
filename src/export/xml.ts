/** Text for XML (the Word document's WordprocessingML, the charts' SVG): the five characters XML reserves, escaped as the docx package escapes them. */
const ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&apos;", "<": "&lt;", ">": "&gt;" };

export const escapeXml = (s: string): string => s.replace(/[&"<>']/g, (c) => ESCAPES[c]!);
