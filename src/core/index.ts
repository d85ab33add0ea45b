/**
 * A TypeScript pypitoken: load, inspect, restrict, dump, create and check PyPI API tokens.
 * Pure: no DOM, browser or UI API; runs unchanged in Node, a page or a worker.
 * @module
 */
export {
  InvalidRestrictionError,
  LoadError,
  redact,
  TokenError,
  ValidationError,
} from './errors.ts';
export {
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
export type { CheckContext, Restriction } from './restrictions.ts';
export { type Finding, type ScopeSummary, summarizeScope } from './scope.ts';
export { Token } from './token.ts';
