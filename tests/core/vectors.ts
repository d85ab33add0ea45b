// Typed access to the conformance vectors produced by running pypitoken 7.1.1 and pymacaroons 0.13.0.
import { ValidationError } from '@/src/core';
import raw from '../fixtures/pypitoken-vectors.json' with { type: 'json' };

export interface PyRestrictCall {
  not_before?: number;
  not_after?: number;
  project_names?: string[] | string;
  project_ids?: string[] | string;
  user_id?: string;
  legacy_noop?: boolean;
  legacy_project_names?: string[];
  legacy_not_before?: number;
  legacy_not_after?: number;
}

export interface VectorCase {
  name: string;
  create: { domain: string; identifier: string; key_hex: string; prefix: string };
  raw_caveats: string[];
  base_token: string;
  restrict_calls: PyRestrictCall[];
  expected: {
    token_pypitoken_style: string;
    caveats_pypitoken_style: string[];
    token_compact: string;
    caveats_compact: string[];
    prefix: string;
    domain: string;
    identifier: string;
    restrictions?: ({ type: string } & Record<string, unknown>)[] | null;
    pypitoken_restrictions_error?: string;
  };
  checks: {
    context: { project_name?: string; project_id?: string; user_id?: string; now?: number };
    key_hex: string;
    valid: boolean;
    valid_compact: boolean;
    valid_pypitoken_style: boolean;
    error_compact?: string;
    error_pypitoken_style?: string;
  }[];
}

export const vectors = raw as unknown as {
  cases: VectorCase[];
  load_errors: { raw: string; loads: boolean; pypitoken_error: string }[];
  restrict_errors: { params: PyRestrictCall; raises: boolean; pypitoken_error: string }[];
};

export const hex = (s: string) =>
  Uint8Array.from(s.match(/../g) ?? [], (b) => Number.parseInt(b, 16));

/** pypitoken's keyword arguments as our RestrictParams. */
export function toParams(c: PyRestrictCall) {
  return {
    notBefore: c.not_before,
    notAfter: c.not_after,
    projectNames: c.project_names,
    projectIds: c.project_ids,
    userId: c.user_id,
    legacyNoop: c.legacy_noop,
    legacyProjectNames: c.legacy_project_names,
    legacyNotBefore: c.legacy_not_before,
    legacyNotAfter: c.legacy_not_after,
  } as Record<string, unknown>;
}

export const defined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** The failures `check` reports (empty when it passes); any other error is rethrown. */
export function failuresOf(run: () => void): readonly string[] {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e.failures;
    throw e;
  }
  return [];
}
