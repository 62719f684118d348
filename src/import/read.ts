import { readFileSync } from "node:fs";
import { InputProblem } from "./article.ts";

/** Length of the UTF-8 sequence a lead byte starts, or 0 if it cannot start one. */
function sequenceLength(byte: number): number {
  if (byte < 0x80) return 1;
  if (byte >= 0xc2 && byte <= 0xdf) return 2;
  if (byte >= 0xe0 && byte <= 0xef) return 3;
  if (byte >= 0xf0 && byte <= 0xf4) return 4;
  return 0;
}

/** The offset of the first byte that is not valid UTF-8 (approximately: lead and continuation bytes). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i] as number);
    if (length === 0) return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
    }
    i += length;
  }
  return 0;
}

/**
 * Reads a file as UTF-8 text, refusing anything else: an export saved as Windows-1251 would
 * otherwise import as mojibake. The problem names the line of the first bad byte.
 */
export function readUtf8(file: string): string {
  const bytes = readFileSync(file);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line += 1;
    throw new InputProblem(
      { file, line },
      "not UTF-8 text (perhaps Windows-1251)",
      "save the file as UTF-8, e.g. iconv -f cp1251 -t utf-8",
    );
  }
}
