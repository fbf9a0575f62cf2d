// Block scalars (`|`, `>-`, `|2`…) for the fast reader: real Rails files hold
// a few (Psych writes `|2-` for a text with a leading blank line), and one of
// them used to send a whole file of twenty thousand keys to the full parser.
// Only what YAML 1.2 defines without doubt is read; anything odder (a blank
// line with more spaces than the text, a tab in the indentation, a scalar with
// no text, the last line without a line break) is declined: undefined.

/** A value that spans lines, and where the line after it starts. */
export interface MultiLineValue {
  value: string;
  resume: number;
}

type Chomping = 'clip' | 'strip' | 'keep';

const SPACE = 32;
const TAB = 9;
const CR = 13;

/**
 * The block scalar whose header (`|` or `>`) is at `at`, the value of a key
 * indented by `indent`; `end` is where the header's line ends, `next` where the
 * following line starts.
 */
export function blockScalarAt(
  text: string,
  at: number,
  end: number,
  next: number,
  indent: number,
): MultiLineValue | undefined {
  const header = readHeader(text, at, end);
  if (!header) return undefined;
  let contentIndent = header.explicit ? indent + header.explicit : -1;
  /** The text of each line, '' for a blank one, and where the blank lines before the text start. */
  const lines: string[] = [];
  let leadingSpaces = 0;
  let lastText = -1;
  let lineStart = next;
  for (; lineStart < text.length; ) {
    let newline = text.indexOf('\n', lineStart);
    if (newline === -1) newline = text.length;
    const lineEnd = text.charCodeAt(newline - 1) === CR && newline - 1 >= lineStart ? newline - 1 : newline;
    let first = lineStart;
    while (text.charCodeAt(first) === SPACE) first++;
    const spaces = first - lineStart;
    // The last line of a file without a line break is chomped in ways that vary: declined when it is the scalar's.
    const inScalar = first >= lineEnd || (contentIndent === -1 ? spaces > indent : spaces >= contentIndent);
    if (inScalar && newline === text.length) return undefined;
    if (first >= lineEnd) {
      // A blank line with more spaces than the text holds those spaces: declined, as are spaces past a text still to come.
      if (contentIndent === -1) leadingSpaces = Math.max(leadingSpaces, spaces);
      else if (spaces > contentIndent) return undefined;
      lines.push('');
      lineStart = newline + 1;
      continue;
    }
    if (contentIndent === -1) {
      if (spaces <= indent) break;
      contentIndent = spaces;
    }
    if (spaces < contentIndent) break;
    const line = text.slice(lineStart + contentIndent, lineEnd);
    if (line.includes('\r')) return undefined;
    lastText = lines.push(line) - 1;
    lineStart = newline + 1;
  }
  // The line that ends the scalar must not start with a tab: YAML reads tabs there in ways the fast reader does not.
  if (lineStart < text.length && lineHasTabIndent(text, lineStart)) return undefined;
  if (lastText === -1 || leadingSpaces > contentIndent) return undefined;
  const body = header.style === '|' ? literal(lines, lastText) : folded(lines, lastText);
  return { value: body + chomped(header.chomping, lines.length - 1 - lastText), resume: lineStart };
}

function readHeader(
  text: string,
  at: number,
  end: number,
): { style: string; chomping: Chomping; explicit: number } | undefined {
  let chomping: Chomping = 'clip';
  let explicit = 0;
  let index = at + 1;
  for (; index < end; index++) {
    const char = text[index]!;
    if ((char === '-' || char === '+') && chomping === 'clip') chomping = char === '-' ? 'strip' : 'keep';
    else if (char >= '1' && char <= '9' && explicit === 0) explicit = Number(char);
    else break;
  }
  const afterIndicators = index;
  while (text.charCodeAt(index) === SPACE) index++;
  if (index < end && (text[index] !== '#' || index === afterIndicators)) return undefined;
  return { style: text[at]!, chomping, explicit };
}

function lineHasTabIndent(text: string, lineStart: number): boolean {
  let at = lineStart;
  while (text.charCodeAt(at) === SPACE) at++;
  return text.charCodeAt(at) === TAB;
}

/** The lines up to the last text as they are, each blank line one line break. */
function literal(lines: string[], lastText: number): string {
  return lines.slice(0, lastText + 1).join('\n');
}

/**
 * Folded: a single line break between two lines of text becomes a space, a
 * run of blank lines is that many line breaks, and around a more-indented line
 * (starting with a space or a tab) every line break is kept.
 */
function folded(lines: string[], lastText: number): string {
  let out = '';
  let blanks = 0;
  let previous: string | undefined;
  for (let index = 0; index <= lastText; index++) {
    const line = lines[index]!;
    if (line === '') {
      blanks++;
      continue;
    }
    if (previous === undefined) out += '\n'.repeat(blanks);
    else if (isMoreIndented(previous) || isMoreIndented(line)) out += '\n'.repeat(blanks + 1);
    else out += blanks === 0 ? ' ' : '\n'.repeat(blanks);
    out += line;
    previous = line;
    blanks = 0;
  }
  return out;
}

const isMoreIndented = (line: string): boolean => line.charCodeAt(0) === SPACE || line.charCodeAt(0) === TAB;

/** What follows the last text: nothing (`-`), one line break, or every trailing line break (`+`). */
function chomped(chomping: Chomping, trailingBlanks: number): string {
  if (chomping === 'strip') return '';
  return chomping === 'clip' ? '\n' : '\n'.repeat(trailingBlanks + 1);
}
