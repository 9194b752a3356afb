// Where the held-out BASIL 2015–2019 labels live: offsets and hashes only (see labels/README.md),
// read by the evaluation for reporting, never by tests and never tuned on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BASIL_HELDOUT_LABELS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'labels/basil-2015-2019.json');
