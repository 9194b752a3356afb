// Written forms a reader sees as a change although normalize() reads them as the same words:
// "&" for "and", "%" for "percent", "$5" for "5 dollars", a masked word ("f***") for the spelled
// one, a title or unit abbreviation ("Sen." / "Senator", "30 ft" / "30 feet"). Grading aligns
// them with the word they stand for and counts a spelling-level edit (a minor change), never a
// content change; quote marks, case, punctuation and contractions stay invisible.

/** Placeholders start and end with this, so that no real word is mistaken for one. */
const MARK = 'zq';
const PLACEHOLDER = new RegExp(`^${MARK}(\\p{L}+)${MARK}$`, 'u');
const MASK_PLACEHOLDER = new RegExp(`^${MARK}mask(\\p{L}*)0(\\p{L}*)${MARK}$`, 'u');

/** A symbol standing for a word; the placeholder survives normalisation as one token. */
const SYMBOLS: [RegExp, string, string][] = [
  // Between spaces only: "AT&T" and "Q&A" are names, written the same way by every outlet.
  [/(^|\s)&(?=\s|$)/g, '$1', 'and'],
  [/(\d)\s?%/g, '$1 ', 'percent'],
  [/\$(?=\d)/g, '', 'dollar'],
];
const SYMBOL_SURFACE = new Map([['and', '&'], ['percent', '%'], ['dollar', '$']]);

/**
 * A masked word: one to three letters, then asterisks (or three or more dashes or two
 * underscores: two dashes are a dash), then up to six letters ("f***", "f***ing", "b------t").
 */
const MASKED = /(?<![\p{L}\p{N}*])(\p{L}{1,3})(\*+|-{3,}|_{2,})(\p{L}{0,6})(?![\p{L}\p{N}*-])/gu;

/** Title abbreviations: "Sen. Reid" and "Senator Reid" are one title written two ways. */
const TITLE_ABBREVIATIONS = new Map([
  ['sen', 'senator'], ['rep', 'representative'], ['gov', 'governor'], ['gen', 'general'],
  ['lt', 'lieutenant'], ['col', 'colonel'], ['sgt', 'sergeant'], ['capt', 'captain'],
  ['cmdr', 'commander'], ['adm', 'admiral'], ['atty', 'attorney'], ['supt', 'superintendent'],
  ['pres', 'president'], ['prof', 'professor'], ['rev', 'reverend'], ['dr', 'doctor'],
]);

/** Unit abbreviations, read as units only right after a number ("30 ft", not "ft" alone). */
const UNIT_ABBREVIATIONS = new Map([
  ['ft', 'feet'], ['lb', 'pound'], ['lbs', 'pounds'], ['oz', 'ounces'], ['mi', 'miles'],
  ['km', 'kilometers'], ['kg', 'kilograms'], ['cm', 'centimeters'], ['mm', 'millimeters'],
  ['yd', 'yards'], ['yds', 'yards'], ['hrs', 'hours'], ['pct', 'percent'], ['bn', 'billion'],
]);

/** The raw text with symbols and masked words replaced by placeholders that normalisation keeps whole. */
export function markSurfaceForms(text: string): string {
  let t = text.replace(MASKED, (_m, head: string, _mask: string, tail: string) => ` ${MARK}mask${head}0${tail}${MARK} `);
  for (const [re, keep, word] of SYMBOLS) t = t.replace(re, `${keep} ${MARK}${word}${MARK} `);
  return t;
}

/** What a normalised word stands for when it is written another way than spelled out. */
export interface SurfaceForm {
  /** The word it stands for ("and" for "&", the placeholder itself for a masked word). */
  word: string;
  /** How it was written. */
  surface: string;
  /** A masked word's visible letters. */
  mask?: { head: string; tail: string };
}

/** The spelled-out word behind a placeholder or an abbreviation, or null for an ordinary word. `afterNumber`: the previous word is a number. */
export function surfaceForm(word: string, afterNumber: boolean): SurfaceForm | null {
  const masked = MASK_PLACEHOLDER.exec(word);
  if (masked) return { word, surface: `${masked[1]}*${masked[2]}`, mask: { head: masked[1], tail: masked[2] } };
  const symbol = PLACEHOLDER.exec(word);
  if (symbol && SYMBOL_SURFACE.has(symbol[1])) return { word: symbol[1], surface: SYMBOL_SURFACE.get(symbol[1])! };
  const title = TITLE_ABBREVIATIONS.get(word);
  if (title) return { word: title, surface: word };
  const unit = afterNumber ? UNIT_ABBREVIATIONS.get(word) : undefined;
  if (unit) return { word: unit, surface: word };
  return null;
}

/** Whether a masked word can stand for `word`: the same visible letters at both ends, and letters hidden between them. */
export function maskFits(mask: { head: string; tail: string }, word: string): boolean {
  return word.length > mask.head.length + mask.tail.length && word.startsWith(mask.head) && word.endsWith(mask.tail);
}
