/**
 * The part of a configuration file that goes to the YAML parser. The `yaml` package needs about a
 * second per megabyte (lexing alone is ~0.2 s/MB), and the README invites sharing the file with a
 * router configuration that can be that large, so a large file is cut down to its top-level
 * `observability:` entry before parsing. Lines before the entry become empty lines, so line and
 * column numbers in YAML errors stay those of the file.
 *
 * The cut is only taken when the file's top level is plainly a block mapping; anything the line
 * scan cannot classify (document markers, directives, flow or quoted top-level keys, two
 * `observability` entries) gets the whole text, and so does a small file. The caller parses the
 * whole text again when the cut-down text has any YAML error, so errors read as they always did.
 */

/** Below this the whole file is parsed: it costs a few milliseconds and checks all of it is valid YAML. */
const WHOLE_FILE_PARSE_MAX_CHARS = 64 * 1024;

const OUR_KEY_LINE = /^observability[ \t]*:(?:[ \t\r]|$)/;
/** Column-0 starts the scan cannot read as "another plain top-level key". */
const UNCLASSIFIED_LINE_START = /^(?:---|\.\.\.|%|[?{["'&!*|>@`])/;

export interface YamlTextToParse {
  readonly text: string;
  /** True when `text` is only the `observability` entry of a larger file. */
  readonly cut: boolean;
}

export function tracingSectionText(fileText: string): YamlTextToParse {
  const whole = { text: fileText, cut: false };
  if (fileText.length <= WHOLE_FILE_PARSE_MAX_CHARS) return whole;

  let sectionStart = -1;
  let sectionEnd = fileText.length;
  let linesBefore = 0;
  let lineStart = fileText.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (lineStart < fileText.length) {
    const newline = fileText.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? fileText.length : newline;
    const kind = classifyLine(fileText, lineStart, lineEnd);
    if (kind === 'unclassified') return whole;
    if (kind === 'our-key') {
      if (sectionStart !== -1) return whole; // a duplicate key: the full parse reports it
      sectionStart = lineStart;
    } else if (kind === 'other-key' && sectionStart !== -1 && sectionEnd === fileText.length) {
      sectionEnd = lineStart;
    }
    if (sectionStart === -1) linesBefore++;
    lineStart = lineEnd + 1;
  }
  if (sectionStart === -1) return { text: '', cut: true };
  return { text: '\n'.repeat(linesBefore) + fileText.slice(sectionStart, sectionEnd), cut: true };
}

type LineKind = 'inside' | 'our-key' | 'other-key' | 'unclassified';

function classifyLine(text: string, start: number, end: number): LineKind {
  if (start === end) return 'inside';
  const first = text[start];
  // Indented lines, comments and compact sequence items (`key:\n- item`) belong to the entry above.
  if (first === ' ' || first === '\t' || first === '#' || first === '\r') return 'inside';
  if (first === '-' && (start + 1 === end || text[start + 1] === ' ' || text[start + 1] === '\t' || text[start + 1] === '\r')) return 'inside';
  const line = text.slice(start, Math.min(end, start + 64));
  if (OUR_KEY_LINE.test(line)) return 'our-key';
  if (UNCLASSIFIED_LINE_START.test(line)) return 'unclassified';
  return 'other-key';
}
