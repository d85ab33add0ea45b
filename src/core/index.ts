/**
 * A TypeScript pypitoken: load, inspect, restrict, dump, create and check PyPI API tokens.
 * Pure: no DOM, browser or UI API; runs unchanged in Node, a page or a worker.
 * @module
 */
export type { TextParams } from './coded.ts';
export {
  type ErrorCode,
  InvalidRestrictionError,
  LOAD_ERROR_CODES,
  LoadError,
  type LoadErrorCode,
  OTHER_ERROR_CODES,
  RESTRICTION_ERROR_CODES,
  type RestrictionErrorCode,
  redact,
  TokenError,
  ValidationError,
} from './errors.ts';
export {
  EXTRACT_CODES,
  type ExtractCode,
  type Extracted,
  extractTokens,
  type FoundTexts,
  findTokenTexts,
  MAX_EXTRACT_LENGTH,
} from './extract.ts';
export { isUuid, isValidProjectName, normalizeProjectName } from './names.ts';
export { holdsPieceOf, PIECE_LENGTH } from './pieces.ts';
export {
  isTokenText,
  looksLikeToken,
  MAX_TOKEN_LENGTH,
  readToken,
  type TokenParts,
  tokenText,
} from './read.ts';
export type { RestrictOptions, RestrictParams } from './restrict-params.ts';
export {
  CAVEAT_REASON_CODES,
  type CaveatReasonCode,
  type CheckContext,
  type Restriction,
} from './restrictions.ts';
export {
  FINDING_CODES,
  type Finding,
  type FindingCode,
  type ScopeSummary,
  summarizeScope,
  TIME_CODES,
  type TimeCode,
} from './scope.ts';
export { Token } from './token.ts';
