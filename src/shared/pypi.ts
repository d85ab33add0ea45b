/**
 * What the extension knows of PyPI's sites and pages, in one place: the two sites, the token page and
 * its match patterns, the upload URLs, and the selectors of the token page's structure (checked against
 * the page fixtures, as Warehouse's templates render them, in tests/shared/pypi.test.ts).
 */

export const SITES = ['pypi.org', 'test.pypi.org'] as const;

export type Site = (typeof SITES)[number];

/** Where PyPI shows the creation form and, after "Create token", the new token (rendered in place). */
const TOKEN_PATH = '/manage/account/token/';

/** The token pages, as match patterns: where the content script runs and the panel may be injected. */
export const TOKEN_PAGES = SITES.map((site) => `https://${site}${TOKEN_PATH}*`);

/** Where each site takes uploads (Warehouse's legacy API). */
export const UPLOAD_URL: Record<Site, string> = {
  'pypi.org': 'https://upload.pypi.org/legacy/',
  'test.pypi.org': 'https://test.pypi.org/legacy/',
};

/** The token page's structure (Warehouse's templates/manage/account/token.html); never its words. */
export const SELECTORS = {
  /** The block rendered only with a new token. */
  tokenBlock: '#provisioned-key',
  /** The token itself, in the robust order: Warehouse's clipboard target, then the code block. */
  tokenText: ['code[data-clipboard-target="source"]', 'code.code-block'],
  /** The block after the token holding PyPI's own Copy button: the panel goes after it. */
  copyButton: '[data-action~="clipboard#copy"]',
  /** The removal form's field naming the token's identifier. */
  tokenId: 'input[name="macaroon_id"]',
  /** The heading naming the token in a translated sentence: `Token for "<name>"` (the words vary). */
  heading: 'h2',
  /**
   * The removal dialog's title: `gettext("Remove API token") + " - " + <name>`, so the name is its end,
   * after a separator the template writes (no catalogue translates it).
   */
  dialogTitle: '.modal__title',
  paragraphs: 'p',
  /** The creation form's project list: one option per project, `value="scope:project:<name>"`. */
  projectList: 'section#create-token select#token_scope',
} as const;

/** The prefix of a project option's value in the creation form's list. */
export const PROJECT_SCOPE = 'scope:project:';

/** The site a token page belongs to, from its URL; null for any other origin. */
export function siteOf(url: string): Site | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' || u.port !== '') return null;
    return (SITES as readonly string[]).includes(u.hostname) ? (u.hostname as Site) : null;
  } catch {
    return null;
  }
}

/** Whether `url` is a token page of one of the two sites. */
export function isTokenPage(url: string): boolean {
  return siteOf(url) !== null && new URL(url).pathname.startsWith(TOKEN_PATH);
}
