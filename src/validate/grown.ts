type Growable = Uint8Array<ArrayBuffer> | Uint16Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer>;

/** A copy of a typed array in a longer one of the same type (twice as long unless told), zero-filled after. */
export function grown<T extends Growable>(from: T, length = from.length * 2): T {
  const to = new (from.constructor as new (length: number) => T)(length);
  to.set(from);
  return to;
}
