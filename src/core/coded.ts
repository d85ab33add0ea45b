/**
 * Messages as data. Every message the core writes for a user (an error's, a finding's, a caveat's
 * reason, why a paste holds no token) also comes as a stable `code` and the `params` its English text
 * interpolates, so that a UI can write the same message in the user's language. The English text stays
 * the core's own (pypitoken's wording); the codes never change meaning.
 *
 * Params hold exactly what the English message shows: never a whole token, and a user's value clipped
 * as the message clips it. Where a param is itself a clause the core writes (a caveat's `reason`, a
 * damaged paste's `why`), its code and params come alongside as `<name>Code` and `<name>Params`.
 * @module
 */

/** The values a message interpolates, by the names its placeholders use. */
export type TextParams = Readonly<Record<string, string | number>>;

/** `target` with `data`'s defined entries added: the English message and its data travel together. */
export function withData<T extends object, D extends object>(target: T, data: D): T & D {
  for (const [name, value] of Object.entries(data)) {
    if (value !== undefined) Object.assign(target, { [name]: value });
  }
  return target as T & D;
}
