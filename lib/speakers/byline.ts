// The writer of a first-person piece: "I" in an op-ed or a column is its author, named in a byline
// at the top ("By Charlotte Meehan") or in the note about the author at the end ("Charlotte Meehan
// is playwright-in-residence at …").

/** Lines read at each end of the page for a byline or an author's note. */
export const BYLINE_LINES = 4;

const NAME = String.raw`\p{Lu}[\p{L}'’-]+(?:\s+(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]+)){1,3}`;
const TOP = new RegExp(String.raw`^\s*By\s+(${NAME})\s*(?:,|$)`, 'u');
const BOTTOM = new RegExp(String.raw`^\s*(?:[—–-]+\s*)?(${NAME}),?\s+(?:is|was|writes|teaches|has\s+been)\s+(?:a|an|the|\p{Ll}+-in-\p{Ll}+)\b`, 'u');

/** The author's name as the page gives it, or null when the page names none. */
export function pageAuthor(text: string): string | null {
  const lines = text.split('\n').filter((l) => l.trim());
  for (const line of lines.slice(0, BYLINE_LINES)) {
    const m = TOP.exec(line);
    if (m) return m[1];
  }
  for (const line of lines.slice(-BYLINE_LINES).reverse()) {
    const m = BOTTOM.exec(line);
    if (m) return m[1];
  }
  return null;
}
