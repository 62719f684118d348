/**
 * Keyboard layouts, for a query typed with the keyboard left in the Latin layout: «ghtpbltyn» is
 * what the keys of «президент» type on QWERTY. Plain data and one function, no dependencies: this
 * file is bundled into `/search/search.js`.
 */

/**
 * A national layout, as the characters its keys type where QWERTY types `keys`' own: `q` → `й`.
 * Shifted keys are listed too, so `{` is `х` as `[` is. A Kazakh layout adds its letters on the
 * number row (`2` → `ә`), so a digit may be a letter too: every key the layout changes is listed.
 */
export interface KeyboardLayout {
  /** The language the layout types, as an edition's `lang`. */
  language: string;
  /** QWERTY character → the character the same key types in this layout. */
  keys: Readonly<Record<string, string>>;
}

/** The QWERTY keys of the three letter rows, then the same keys shifted, in the order the tables below follow. */
const qwerty = "qwertyuiop[]asdfghjkl;'zxcvbnm,./`";
const qwertyShifted = 'QWERTYUIOP{}ASDFGHJKL:"ZXCVBNM<>?~';

function layoutOf(language: string, unshifted: string, shifted: string): KeyboardLayout {
  const keys: Record<string, string> = {};
  [...qwerty].forEach((key, index) => {
    keys[key] = unshifted[index] ?? key;
  });
  [...qwertyShifted].forEach((key, index) => {
    keys[key] = shifted[index] ?? key;
  });
  return { language, keys };
}

/** ЙЦУКЕН, the Russian layout of Windows, macOS, Android and iOS alike for its letters. */
export const russianLayout: KeyboardLayout = layoutOf("ru", "йцукенгшщзхъфывапролджэячсмитьбю.ё", "ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё");

/** A character a wrong-layout query may have that is no key of the table: it stays as it is. */
const passThrough = /[\d-]/u;

/**
 * What `token` says when its keys are read in `layout`: «ghtpbltyn» → «президент», «,thnvfyt» →
 * «бертмане». Undefined when the token cannot have been typed that way: it has no Latin letter
 * («2019», «-»), or a character that is neither a key of the layout nor a digit or hyphen (a
 * Cyrillic letter: the reader's keyboard was in the right layout).
 */
export function readAs(layout: KeyboardLayout, token: string): string | undefined {
  if (!/[a-z]/iu.test(token)) return undefined;
  let read = "";
  for (const char of token) {
    const typed = layout.keys[char];
    if (typed !== undefined) read += typed;
    else if (passThrough.test(char)) read += char;
    else return undefined;
  }
  return read;
}
