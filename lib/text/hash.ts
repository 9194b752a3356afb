// Content identity for texts: short, stable and cheap; not a security hash.

/** A 53-bit string hash (cyrb53) as 11 base-36 digits: content identity, not security. */
export function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(36).padStart(11, '0');
}

/** Identity of an article's text: whitespace differences are not edits. */
export function contentHash(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `${hashText(t)}${t.length.toString(36)}`;
}
