// IndexedDB keys as SQLite BLOBs whose byte order (SQLite compares BLOBs with memcmp) is
// IndexedDB's key order: numbers < dates < strings < arrays, arrays element by element, a shorter
// array before a longer one with the same start. Ranges and index orders are then plain SQL
// comparisons on one column. The string coding is Firefox's IndexedDB key coding (one to three
// bytes a UTF-16 code unit, never 0, so the 0 that ends a string sorts before any continuation).

import v8 from 'node:v8';

const NUMBER = 0x10;
const DATE = 0x20;
const STRING = 0x30;
const ARRAY = 0x50;
const END = 0x00;

/** Code units below this take one byte (unit + 1). */
const ONE_BYTE_LIMIT = 0x7f;
/** Code units below this (after the one-byte ones) take two bytes. */
const TWO_BYTE_LIMIT = ONE_BYTE_LIMIT + 0x4000;

export class KeyError extends Error {
  override name = 'DataError';
}

const view = new DataView(new ArrayBuffer(8));

function putNumber(out: number[], n: number): void {
  view.setFloat64(0, n === 0 ? 0 : n); // -0 and 0 are one key
  const negative = view.getUint8(0) & 0x80;
  for (let i = 0; i < 8; i++) {
    const b = view.getUint8(i);
    // Negative numbers: all bits flipped (larger magnitude sorts first); positive: sign bit set.
    out.push(negative ? ~b & 0xff : i === 0 ? b | 0x80 : b);
  }
}

function putString(out: number[], s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < ONE_BYTE_LIMIT) out.push(c + 1);
    else if (c < TWO_BYTE_LIMIT) {
      const d = c - ONE_BYTE_LIMIT;
      out.push(0x80 | (d >> 8), d & 0xff);
    } else out.push(0xc0 | (c >> 10), (c >> 2) & 0xff, (c & 3) << 6);
  }
  out.push(END);
}

function put(out: number[], key: unknown): void {
  if (typeof key === 'number') {
    if (Number.isNaN(key)) throw new KeyError('NaN is not a valid key');
    out.push(NUMBER);
    putNumber(out, key);
  } else if (typeof key === 'string') {
    out.push(STRING);
    putString(out, key);
  } else if (key instanceof Date) {
    const t = key.getTime();
    if (Number.isNaN(t)) throw new KeyError('an invalid date is not a valid key');
    out.push(DATE);
    putNumber(out, t);
  } else if (Array.isArray(key)) {
    out.push(ARRAY);
    for (const k of key) put(out, k);
    out.push(END);
  } else throw new KeyError(`not a valid key: ${String(key)}`);
}

/** The key's BLOB; throws KeyError for what IndexedDB refuses as a key. */
export function encodeKey(key: unknown): Buffer {
  const out: number[] = [];
  put(out, key);
  return Buffer.from(out);
}

/** Whether IndexedDB takes this as a key (an index skips records whose value is not one). */
export function isValidKey(key: unknown): boolean {
  if (typeof key === 'number') return !Number.isNaN(key);
  if (typeof key === 'string') return true;
  if (key instanceof Date) return !Number.isNaN(key.getTime());
  return Array.isArray(key) && key.every(isValidKey);
}

function readNumber(b: Buffer, at: number): number {
  const negative = !(b[at] & 0x80);
  for (let i = 0; i < 8; i++) view.setUint8(i, negative ? ~b[at + i] & 0xff : i === 0 ? b[at] & 0x7f : b[at + i]);
  return view.getFloat64(0);
}

function read(b: Buffer, at: number): [unknown, number] {
  const tag = b[at++];
  if (tag === NUMBER) return [readNumber(b, at), at + 8];
  if (tag === DATE) return [new Date(readNumber(b, at)), at + 8];
  if (tag === STRING) {
    const units: number[] = [];
    while (b[at] !== END) {
      const c = b[at];
      if (c < 0x80) {
        units.push(c - 1);
        at += 1;
      } else if (c < 0xc0) {
        units.push((((c & 0x3f) << 8) | b[at + 1]) + ONE_BYTE_LIMIT);
        at += 2;
      } else {
        units.push(((c & 0x3f) << 10) | (b[at + 1] << 2) | (b[at + 2] >> 6));
        at += 3;
      }
    }
    return [String.fromCharCode(...units), at + 1];
  }
  if (tag === ARRAY) {
    const items: unknown[] = [];
    while (b[at] !== END) {
      const [item, next] = read(b, at);
      items.push(item);
      at = next;
    }
    return [items, at + 1];
  }
  throw new Error(`corrupt key in the store (tag ${tag})`);
}

export function decodeKey(b: Buffer): unknown {
  return read(b, 0)[0];
}

// Node's Buffer is a Uint8Array at run time; this TypeScript setup no longer says so (typed
// arrays became generic over their buffer), hence the casts in the two helpers below.
type Bytes = Uint8Array;

/** The order of two coded keys (IndexedDB's order of the keys they code). */
export function compareKeys(a: Buffer, b: Buffer): number {
  return Buffer.compare(a as unknown as Bytes, b as unknown as Bytes);
}

/** A value as stored: V8's structured-clone format, what IndexedDB stores (a clone, not JSON). */
export function encodeValue(value: unknown): Buffer {
  return v8.serialize(value);
}

/** A stored value (V8's structured-clone format) back as a fresh object. */
export function decodeValue(b: Buffer): unknown {
  return v8.deserialize(b as unknown as Bytes);
}
