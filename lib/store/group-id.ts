import { hashText } from '../text/hash';

/** Stable id of a new statement group, from the article version and statement that founded it. */
export function makeGroupId(canonicalUrl: string, contentHash: string, statement: number): string {
  return `${hashText(canonicalUrl)}${contentHash}:${statement}`;
}
