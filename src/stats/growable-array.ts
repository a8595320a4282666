type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayConstructor<T extends TypedArray> = { new (length: number): T };

/**
 * A typed array that doubles when full: a summary's samples and counters take 8 (or 4, or 1)
 * bytes each rather than a boxed number in a JS array.
 */
export class GrowableArray<T extends TypedArray> {
  #values: T;
  #length = 0;
  readonly #kind: TypedArrayConstructor<T>;

  constructor(kind: TypedArrayConstructor<T>, capacity = 16) {
    this.#kind = kind;
    this.#values = new kind(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** Appends a value; returns its index. */
  push(value: number): number {
    if (this.#length === this.#values.length) this.#grow(this.#length + 1);
    this.#values[this.#length] = value;
    return this.#length++;
  }

  get(index: number): number {
    return this.#values[index]!;
  }

  set(index: number, value: number): void {
    if (index >= this.#length) {
      if (index >= this.#values.length) this.#grow(index + 1);
      this.#length = index + 1;
    }
    this.#values[index] = value;
  }

  /** A view of the values (no copy): valid until the next push. */
  view(): T {
    return this.#values.subarray(0, this.#length) as T;
  }

  #grow(least: number): void {
    const grown = new this.#kind(Math.max(least, this.#values.length * 2));
    grown.set(this.#values);
    this.#values = grown;
  }
}

/** Growable float64 samples, with the finite ones of a figure pushed and NaN or undefined left out. */
export class Samples extends GrowableArray<Float64Array> {
  constructor() {
    super(Float64Array);
  }

  /** Pushes the value when it is a finite number. */
  add(value: number | undefined): void {
    if (value !== undefined && Number.isFinite(value)) this.push(value);
  }
}
