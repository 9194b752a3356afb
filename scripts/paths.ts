import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The research corpora live beside the project, never inside it (research-only licences). */
export const CORPUS_DIR = process.env.VERBATIM_CORPUS ?? path.resolve(ROOT, '../shared/corpus');

export function corpusAvailable(): boolean {
  return fs.existsSync(path.join(CORPUS_DIR, 'polnear'));
}

export const CORPUS_MISSING = `corpus not found at ${CORPUS_DIR} (set VERBATIM_CORPUS or place ../shared beside the project)`;
