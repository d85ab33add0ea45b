/**
 * The pseudo-locale (`wxt build --mode pseudo`, tests): every message of the English catalogue with its
 * letters accented, about 40 % longer and bracketed, so that a layout too tight for a longer language,
 * a word not taken from the catalogue, or a message cut short shows at a glance. Placeholders
 * (`{name}`) are kept as they are. Its language is Chrome's pseudo-locale tag, `en-XA`.
 */
const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTED = 'áƀçđéƒĝĥîĵķļɱñóƥʠŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ';
const ACCENT = new Map([...PLAIN].map((c, i) => [c, [...ACCENTED][i] as string]));
/** Filler words: they wrap like words do. */
const FILLER = 'ļóñĝ ţéẋţ ';
/** The extension's name and description keep their length: the stores and the browsers limit it. */
const FIXED_LENGTH = new Set(['ext_name', 'ext_description']);

export type Catalogue = Record<string, { message: string; description?: string }>;

/** `message` accented (placeholders kept), longer by about `growth`, in brackets. */
export function pseudoMessage(message: string, growth = 0.4): string {
  const accented = message
    .split(/(\{\w+\})/)
    .map((part, i) => (i % 2 ? part : [...part].map((c) => ACCENT.get(c) ?? c).join('')))
    .join('');
  const extra = Math.ceil(message.replace(/\{\w+\}/g, '').length * growth);
  const pad =
    extra > 0
      ? ` ${FILLER.repeat(Math.ceil(extra / FILLER.length))
          .slice(0, extra)
          .trim()}`
      : '';
  return `[${accented}${pad}]`;
}

export function pseudoCatalogue(english: Catalogue): Catalogue {
  return Object.fromEntries(
    Object.entries(english).map(([key, entry]) => {
      const message =
        key === 'lang'
          ? 'en-XA'
          : key === 'dir'
            ? entry.message
            : pseudoMessage(entry.message, FIXED_LENGTH.has(key) ? 0 : 0.4);
      return [key, { ...entry, message }];
    }),
  );
}
