// What a workbook's cells carry, made harmless where the command writes it: a terminal (control
// and bidirectional-override characters), a CSV or spreadsheet cell (formula injection).

/** C0 and C1 control characters except tab and newline, DEL, and the bidi embeddings, overrides and isolates. */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: escape sequences and bidi overrides coming from cell text removed. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, '');
}

/** JSON for a terminal: the same characters written as \\u escapes, so the data stays exact and valid. */
export function terminalJson(json: string): string {
  // in JSON text these characters can only stand inside strings, where a \u escape means the same
  return json.replace(UNSAFE_FOR_TERMINAL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A text cell for a CSV or spreadsheet: one that a spreadsheet would take for a formula (starting
 * with = + - @, or a tab or carriage return) gets a leading apostrophe, as OWASP recommends.
 */
export function spreadsheetText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
