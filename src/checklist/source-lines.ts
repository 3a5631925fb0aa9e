// Lines of the original description. markdown-it normalises line endings to "\n" before it
// parses and reports positions as line numbers only, so offsets (for ticking) and code blocks
// (which keep their "\r\n") are recovered from the original text through this index.
// A line ends at "\r\n", "\n" or a lone "\r", as in CommonMark and markdown-it.

export class SourceLines {
  private readonly starts: number[] = [0];
  private readonly hasCarriageReturn: boolean;

  constructor(readonly text: string) {
    this.hasCarriageReturn = text.includes("\r");
  }

  /** Offset of the first character of 0-based `line`. */
  start(line: number): number {
    this.reach(line);
    return this.starts[line] ?? this.text.length;
  }

  /** Offset just past the last character of `line`, before its line ending. */
  end(line: number): number {
    this.reach(line + 1);
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    const crlf = this.text.charCodeAt(next - 1) === 10 && this.text.charCodeAt(next - 2) === 13;
    return next - (crlf ? 2 : 1);
  }

  /**
   * `value` (lines joined by "\n", as markdown-it gives code) with each "\n" replaced by the
   * original ending of its line; `firstLine` is the line the value starts on.
   */
  withOriginalEndings(value: string, firstLine: number): string {
    if (!this.hasCarriageReturn) return value;
    const lines = value.split("\n");
    let out = lines[0] ?? "";
    for (let i = 1; i < lines.length; i++) {
      const line = firstLine + i - 1;
      out += this.text.slice(this.end(line), this.start(line + 1)) + lines[i];
    }
    return out;
  }

  /** Extends the index to `line` (or to the end of the text). */
  private reach(line: number): void {
    const { starts, text } = this;
    while (starts.length <= line) {
      const from = starts[starts.length - 1] ?? 0;
      const next = this.hasCarriageReturn
        ? nextLineStart(text, from)
        : text.indexOf("\n", from) + 1;
      if (next <= 0) return;
      starts.push(next);
    }
  }
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) return i + 1;
    if (code === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}
