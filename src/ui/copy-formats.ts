/**
 * The ways a derived token can be copied: bare, as a .pypirc section, or as the shell lines each
 * uploader reads (variable names from each tool's own documentation), for pypi.org or test.pypi.org;
 * and the .pypirc PyPI recommends for several projects, with a token of its own for each.
 * tests/uploaders/ proves each format the real twine, flit and poetry read, by uploading with it.
 */
import { normalizeProjectName, type RestrictParams, type Token } from '@/src/core';
import { t } from '@/src/shared/i18n';
import { type Site, UPLOAD_URL } from '@/src/shared/pypi';

export type CopyFormat =
  | 'token'
  | 'pypirc'
  | 'pypirc-projects'
  | 'twine'
  | 'uv'
  | 'poetry'
  | 'hatch'
  | 'pdm'
  | 'flit';

/** The formats that hold one token: `formatToken` writes them. */
type SingleTokenFormat = Exclude<CopyFormat, 'pypirc-projects'>;

/** In the order the format menu lists them. */
export const COPY_FORMATS: readonly CopyFormat[] = [
  'token',
  'pypirc',
  'pypirc-projects',
  'twine',
  'uv',
  'poetry',
  'hatch',
  'pdm',
  'flit',
];

type ShellFormat = Exclude<CopyFormat, 'token' | 'pypirc' | 'pypirc-projects'>;
const isShell = (f: CopyFormat): f is ShellFormat =>
  f !== 'token' && f !== 'pypirc' && f !== 'pypirc-projects';

/** The catalogue's words for `f` under `prefix`: one message for every shell format, naming the tool. */
const wordsFor = (prefix: 'copy_format' | 'copied', f: CopyFormat): string =>
  isShell(f)
    ? t(`${prefix}_shell`, { tool: f })
    : t(`${prefix}_${f === 'pypirc-projects' ? 'pypirc_projects' : f}`);

/** "Token only", ".pypirc section", "twine (shell)": the format menu's words for `f`. */
export const formatName = (f: CopyFormat): string => wordsFor('copy_format', f);

/** "token", ".pypirc section", "twine lines": what the Copy button says it copied. */
export const formatLabel = (f: CopyFormat): string => wordsFor('copied', f);

const TEST_UPLOAD = UPLOAD_URL['test.pypi.org'];
/** Stands for the token in the tables below. */
const TOKEN = '<token>';
type Vars = [name: string, value: string][];
const onTest = (test: boolean, vars: Vars): Vars => (test ? vars : []);

/** Each uploader's variables (`test`: for test.pypi.org) and the command that reads them. */
const UPLOADERS: Record<Exclude<SingleTokenFormat, 'token' | 'pypirc'>, (test: boolean) => Vars> = {
  // twine knows "testpypi" as a repository of its own.
  twine: (test) => [
    ...onTest(test, [['TWINE_REPOSITORY', 'testpypi']]),
    ['TWINE_USERNAME', '__token__'],
    ['TWINE_PASSWORD', TOKEN],
  ],
  uv: (test) => [...onTest(test, [['UV_PUBLISH_URL', TEST_UPLOAD]]), ['UV_PUBLISH_TOKEN', TOKEN]],
  // poetry reads POETRY_PYPI_TOKEN_<REPOSITORY>; test.pypi.org is declared as a repository first.
  poetry: (test) =>
    test
      ? [
          ['POETRY_REPOSITORIES_TESTPYPI_URL', TEST_UPLOAD],
          ['POETRY_PYPI_TOKEN_TESTPYPI', TOKEN],
        ]
      : [['POETRY_PYPI_TOKEN_PYPI', TOKEN]],
  // hatch reserves the repository name "test" for test.pypi.org.
  hatch: (test) => [
    ...onTest(test, [['HATCH_INDEX_REPO', 'test']]),
    ['HATCH_INDEX_USER', '__token__'],
    ['HATCH_INDEX_AUTH', TOKEN],
  ],
  pdm: (test) => [
    ...onTest(test, [['PDM_PUBLISH_REPO', TEST_UPLOAD]]),
    ['PDM_PUBLISH_USERNAME', '__token__'],
    ['PDM_PUBLISH_PASSWORD', TOKEN],
  ],
  flit: (test) => [
    ...onTest(test, [['FLIT_INDEX_URL', TEST_UPLOAD]]),
    ['FLIT_USERNAME', '__token__'],
    ['FLIT_PASSWORD', TOKEN],
  ],
};

/**
 * .pypirc sections, each with its upload URL, behind a `[distutils] index-servers` list of them
 * when `listed`. Every section names its URL because flit sends a section without `repository =`
 * to upload.pypi.org whatever its name: a `[testpypi]` section without it sent the test token to PyPI.
 */
function pypirc(sections: [name: string, token: string][], site: Site, listed: boolean): string {
  const list = sections.map(([name]) => `    ${name}\n`).join('');
  const head = listed ? `[distutils]\n  index-servers =\n${list}\n` : '';
  const body = sections.map(
    ([name, token]) =>
      `[${name}]\n  repository = ${UPLOAD_URL[site]}\n  username = __token__\n  password = ${token}\n`,
  );
  return head + body.join('\n');
}

/** `site` picks the .pypirc section and the upload URL PyPI's docs give for each index. */
export function formatToken(token: string, format: SingleTokenFormat, site: Site): string {
  const test = site === 'test.pypi.org';
  switch (format) {
    case 'token':
      return token;
    case 'pypirc':
      // twine reads every section `[distutils] index-servers` lists, and without that list knows
      // `pypi` and `testpypi`; flit reads only the listed sections, and without a list only `pypi`.
      // So the test.pypi.org text lists `testpypi` (a whole ~/.pypirc for both tools; merged into
      // a file with its own list, both refuse the duplicate section loudly), while the pypi.org
      // text needs no list, which would also hide twine's built-in `testpypi`.
      return pypirc([[test ? 'testpypi' : 'pypi', token]], site, test);
    default:
      return UPLOADERS[format](test)
        .map(([name, value]) => `export ${name}=${value === TOKEN ? token : value}\n`)
        .join('');
  }
}

/**
 * Sections twine or flit read with a meaning of their own (twine takes `server-login`'s password as
 * every repository's default). A normalized project name never holds `_`, so `project_<name>` is no
 * other project's section; configparser's `DEFAULT` is upper case, which a normalized name never is.
 */
const RESERVED_SECTIONS = new Set(['distutils', 'pypi', 'testpypi', 'server-login']);

/** The .pypirc section, and so the `twine upload --repository` name, for a project's own token. */
export const sectionFor = (project: string): string => {
  const name = normalizeProjectName(project);
  return RESERVED_SECTIONS.has(name) ? `project_${name}` : name;
};

export interface ProjectToken {
  /** PEP 503-normalized. */
  project: string;
  token: Token;
}

/**
 * One token per project of `params.projectNames`, each narrowed to that project alone and keeping
 * every other restriction of `params` (time window, project IDs, user). Pure; throws as `restrict` does.
 */
export function tokensPerProject(parent: Token, params: RestrictParams): ProjectToken[] {
  const names = [...new Set((params.projectNames ?? []).map(normalizeProjectName))];
  return names.map((project) => ({
    project,
    token: parent.restrict({ ...params, projectNames: [project] }),
  }));
}

/**
 * The .pypirc PyPI's result page recommends for several projects: `[distutils] index-servers`
 * listing a section per project, each with its upload URL, `__token__` and its own token, used as
 * `twine upload --repository <section>`. Pure.
 */
export function formatPerProject(tokens: readonly ProjectToken[], site: Site): string {
  return pypirc(
    tokens.map((p) => [sectionFor(p.project), p.token.dump()]),
    site,
    true,
  );
}

/** The site a token is for: the page it came from, else its (unsigned) location. */
export function siteFor(domain: string, captured?: Site): Site {
  return captured ?? (domain === 'test.pypi.org' ? 'test.pypi.org' : 'pypi.org');
}
