/**
 * The core's messages in the user's words. The core (`src/core`, pure: no catalogue, no browser) writes
 * its errors, findings and reasons in pypitoken's English, and gives each a `code` and the `params` the
 * text interpolates; this module reads the catalogue's message for the code and fills in the params.
 *
 * Keys, one per code (`-` written `_`):
 * - `core_error_<code>`: a `TokenError` (every class); a `LoadError`'s reason, as a clause, `core_error_<code>_reason`;
 * - `core_finding_<code>`: a scope finding (`unknown-site` without a `site`: `core_finding_unknown_site_none`);
 * - `core_caveat_<code>`: why a caveat is `unknown`, a clause (a finding's or a caveat line's `{reason}`);
 * - `core_<code>` for a finding's `{time}` too far off to be a date (`time-far-future`, `time-far-past`);
 * - `core_extract_<code>` and `core_extract_<code>_reason`: why a pasted or selected text holds no token.
 * Each key is typed from the English catalogue, so a code without its message does not compile.
 *
 * English from the core is shown only for what the core did not describe as data: an error that is not
 * the core's own (a plain `Error`, a `RangeError`, a bug), or a restriction or finding made by hand
 * without its data.
 */
import type {
  CaveatReasonCode,
  ErrorCode,
  ExtractCode,
  Finding,
  FindingCode,
  LoadErrorCode,
  TextParams,
  TimeCode,
} from '@/src/core';
import { TokenError } from '@/src/core';
import { type MessageKey, t } from '@/src/shared/i18n';

/** `a-b-c` as `a_b_c`, as catalogue keys spell codes. */
type Snake<S extends string> = S extends `${infer A}-${infer B}` ? `${A}_${Snake<B>}` : S;
const snake = <S extends string>(code: S): Snake<S> => code.replaceAll('-', '_') as Snake<S>;

// The return types make the compiler check that every code has its message in the catalogue.
const errorKey = (code: ErrorCode): MessageKey => `core_error_${snake(code)}`;
const loadReasonKey = (code: LoadErrorCode): MessageKey => `core_error_${snake(code)}_reason`;
const findingKey = (code: FindingCode): MessageKey => `core_finding_${snake(code)}`;
const caveatKey = (code: CaveatReasonCode): MessageKey => `core_caveat_${snake(code)}`;
const timeKey = (code: TimeCode): MessageKey => `core_${snake(code)}`;
const extractKey = (code: ExtractCode): MessageKey => `core_extract_${snake(code)}`;
const extractReasonKey = (code: ExtractCode): MessageKey => `core_extract_${snake(code)}_reason`;

/** A core error's code, if `e` is one of the core's errors and still carries it. */
function coreError(e: unknown): (TokenError & { code: ErrorCode }) | undefined {
  return e instanceof TokenError && typeof e.code === 'string' ? e : undefined;
}

/**
 * The message for any error caught around a core call: a core error (`TokenError`, `LoadError`,
 * `InvalidRestrictionError`, `ValidationError`) from the catalogue; any other error's own `message`
 * (it is not the core's: nothing to translate it from), or `String(e)` for a thrown non-error.
 */
export function errorText(e: unknown): string {
  const core = coreError(e);
  if (core) return t(errorKey(core.code), core.params);
  return e instanceof Error ? e.message : String(e);
}

/**
 * Why a text is not a token, as a clause another sentence embeds ("its base64 is malformed"): a
 * `LoadError`'s `reason` from the catalogue.
 */
export function loadReasonText(e: { code: LoadErrorCode; params?: TextParams }): string {
  return t(loadReasonKey(e.code), e.params);
}

/**
 * Why a caveat is `unknown` (a restriction's `reason`), as a clause: what `caveat_refused` and
 * `caveat_unreadable` embed as `{reason}`. A restriction made by hand, without `reasonCode`, shows its
 * English `reason`.
 */
export function caveatReasonText(r: {
  reason: string;
  reasonCode?: CaveatReasonCode;
  reasonParams?: TextParams;
}): string {
  return r.reasonCode ? t(caveatKey(r.reasonCode), r.reasonParams) : r.reason;
}

/** A scope finding's message. A finding without its data (made by hand) shows its English. */
export function findingText(f: Finding): string {
  const params = f.params as TextParams | undefined;
  if (!params) return f.message;
  const key =
    f.code === 'unknown-site' && !('site' in params)
      ? 'core_finding_unknown_site_none'
      : findingKey(f.code);
  const filled: Record<string, string | number> = { ...params };
  const { reasonCode, reasonParams, timeCode, timeParams } = f;
  if (reasonCode) filled.reason = caveatReasonText({ reason: '', reasonCode, reasonParams });
  if (timeCode) filled.time = t(timeKey(timeCode), timeParams);
  return t(key, filled);
}

/** What `findTokenTexts` and `extractTokens` say when a text holds no token (their data, see the core). */
interface NoToken {
  error: string | null;
  reason: string | null;
  code?: ExtractCode | null;
  params?: TextParams;
  whyCode?: LoadErrorCode;
  whyParams?: TextParams;
}

function extractParams(x: NoToken): TextParams {
  const params = { ...x.params };
  if (x.whyCode) params.why = loadReasonText({ code: x.whyCode, params: x.whyParams });
  return params;
}

/**
 * Why a pasted or selected text holds no token, as a sentence (`error`); `null` when it held one. A
 * result without its data (made by hand) shows its English `error`.
 */
export function extractErrorText(x: NoToken): string | null {
  if (x.code === null) return null;
  return x.code === undefined ? x.error : t(extractKey(x.code), extractParams(x));
}

/**
 * The same as a clause completing "… holds no PyPI token: " (`reason`); `null` when the text held a
 * token.
 */
export function extractReasonText(x: NoToken): string | null {
  if (x.code === null) return null;
  return x.code === undefined ? x.reason : t(extractReasonKey(x.code), extractParams(x));
}
