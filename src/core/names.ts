/**
 * Project names (PEP 503 / PEP 508) and UUIDs, as PyPI stores them in caveats.
 * @module
 */

const VALID_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PEP 503 normalization: runs of `-`, `_`, `.` become one `-`, and the name is lowercased. */
export function normalizeProjectName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** Whether `name` is a valid distribution name (PEP 508), before normalization. */
export function isValidProjectName(name: string): boolean {
  return VALID_NAME.test(name);
}

/** Whether `s` is a UUID in its canonical 8-4-4-4-12 hex form, in either case. */
export function isUuid(s: string): boolean {
  return UUID.test(s);
}
