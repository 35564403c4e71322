/**
 * A JSON value held as its text. Large values the portal only passes on — a draft and its prefill as
 * PostgreSQL returns them, a published form definition — travel to the response this way, so a
 * request neither parses nor re-serialises them (the task page: about 35 µs of its ~500 µs of CPU,
 * BENCHMARKS.md sixth round). `serializeResponse` splices the text in as it is; anything else that
 * serialises one (a test, a log) gets the value, so it is never wrong, only slower there.
 */
export class JsonText {
  private constructor(readonly text: string) {}

  static of(value: unknown): JsonText {
    return new JsonText(JSON.stringify(value));
  }

  /** Text PostgreSQL produced from a json or jsonb value (`column::text`): valid JSON by construction. */
  static fromDatabase(text: string): JsonText {
    return new JsonText(text);
  }

  value<T = unknown>(): T {
    return JSON.parse(this.text) as T;
  }

  toJSON(): unknown {
    return this.value();
  }
}
