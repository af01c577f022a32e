import { InvalidEventError } from "./errors";

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The raw JSON value of a field, by its JSON name or its proto name (proto3 JSON accepts both). */
function rawField(raw: Record<string, unknown>, key: string): unknown {
  return raw[key] !== undefined ? raw[key] : raw[snakeCase(key)];
}

function describe(x: unknown): string {
  return Array.isArray(x) ? "an array" : x === null ? "null" : `a ${typeof x}`;
}

function wrongType(field: string, expected: string, got: unknown): InvalidEventError {
  return new InvalidEventError("INVALID_FIELD", `${field} must be ${expected} in JSON, got ${describe(got)}`, { context: { field } });
}

/**
 * Refuses JSON whose values have the wrong JSON type for their field
 * (issue 17, found by the bad-input run): ts-proto's `fromJSON` converts
 * whatever it finds — an object for a user id became the user "[object
 * Object]", `true` for a count became 1, a number for an event id its digits —
 * where the proto3 JSON mapping allows only a string for a string, a number
 * or a numeric string for a number, a boolean for a bool and an object for a
 * message. Walks the decoded message next to the parsed JSON it came from;
 * enum names (strings for numbers) and int64 strings stay allowed, and
 * whether a numeric string is a number is left to `validateLiveEvent`.
 */
export function checkJsonTypes(raw: Record<string, unknown>, decoded: object, path = ""): void {
  for (const [key, value] of Object.entries(decoded)) {
    if (value === undefined) continue;
    // A oneof: ts-proto's { $case, value } stands for the JSON field named by $case.
    if (isPlainObject(value) && typeof value.$case === "string" && "value" in value) {
      const field = `${path}${value.$case}`;
      const rawBody = rawField(raw, value.$case);
      if (!isPlainObject(rawBody)) throw wrongType(field, "an object", rawBody);
      if (isPlainObject(value.value)) checkJsonTypes(rawBody, value.value, `${field}.`);
      continue;
    }
    const rawValue = rawField(raw, key);
    if (rawValue === undefined || rawValue === null) continue;
    const field = `${path}${key}`;
    if (typeof value === "string" && typeof rawValue !== "string") throw wrongType(field, "a string", rawValue);
    if (typeof value === "number" && typeof rawValue !== "number" && typeof rawValue !== "string") throw wrongType(field, "a number", rawValue);
    if (typeof value === "boolean" && typeof rawValue !== "boolean") throw wrongType(field, "a boolean", rawValue);
    if (Array.isArray(value) && !Array.isArray(rawValue)) throw wrongType(field, "an array", rawValue);
    if (isPlainObject(value)) {
      if (!isPlainObject(rawValue)) throw wrongType(field, "an object", rawValue);
      checkJsonTypes(rawValue, value, `${field}.`);
    }
  }
}
