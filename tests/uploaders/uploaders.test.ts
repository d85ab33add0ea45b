// Every copy format a real uploader reads, proven by uploading with it: Debian's twine, flit and poetry
// read exactly the text the view copies (a .pypirc as their config file, export lines sourced by bash)
// and upload a tiny package to a fake of Warehouse's legacy API standing in for upload.pypi.org and
// test.pypi.org: real hostnames, real TLS, offline, in namespaces of their own (harness.ts). The fake
// checks each token as PyPI does; the test checks where each upload went and with which token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeProjectName, type RestrictParams, Token } from '@/src/core';
import { SITES, type Site } from '@/src/shared/pypi';
import { formatPerProject, formatToken, tokensPerProject } from '@/src/ui/copy-formats';
import { indexServers, readPypirc } from '../ui/pypirc';
import {
  BUILT_FILES,
  type Harness,
  PROJECT_IDS,
  type Run,
  setUp,
  UPLOAD_HOST,
  upload,
} from './harness';

let h: Harness;
beforeAll(async () => {
  h = await setUp();
});
afterAll(() => h?.close());

/** What the view derives when `projects` and "1 hour" are picked: params and the narrower token. */
function narrowed(site: Site, projects: string[], more: RestrictParams = {}) {
  const now = Math.floor(Date.now() / 1000);
  const params = { projectNames: projects, notBefore: now - 60, notAfter: now + 3540, ...more };
  return { params, token: h.parents[site].restrict(params) };
}

/**
 * Every file went to `site`'s upload API with `token`, and was accepted; `token` is the parent
 * narrowed exactly as picked (its caveats, not only its text, are checked).
 */
function expectUploaded(
  run: Run,
  o: { site: Site; token: Token; project: string; params: RestrictParams; files: number },
) {
  const where = run.uploads.map((u) => `${u.sni} ${u.host} ${u.method} ${u.path} ${u.status}`);
  const host = UPLOAD_HOST[o.site];
  expect(where, run.output).toEqual(Array(o.files).fill(`${host} ${host} POST /legacy/ 200`));
  expect(run.status, run.output).toBe(0);
  const parent = h.parents[o.site];
  const { notBefore, notAfter, projectIds } = o.params;
  const ids = projectIds ? [`[2,${JSON.stringify(projectIds)}]`] : [];
  for (const u of run.uploads) {
    expect([u.username, normalizeProjectName(u.name ?? '')]).toEqual(['__token__', o.project]);
    // Compared, never printed: a failure must not show the token.
    expect(u.password === o.token.dump(), 'the password is the copied token').toBe(true);
    const t = Token.load(u.password ?? '');
    expect(t.identifier).toBe(parent.identifier);
    expect(t.caveats).toEqual([
      ...parent.caveats,
      `[0,${notAfter},${notBefore}]`,
      `[1,["${o.project}"]]`,
      ...ids,
    ]);
  }
}

const twine = (repository: string) =>
  `twine upload --non-interactive --config-file "$CASE/pypirc" -r ${repository} dist/*`;

describe.each(SITES)('on %s', (site) => {
  const test = site === 'test.pypi.org';
  const repository = test ? 'testpypi' : 'pypi';

  it('twine uploads with the .pypirc section as its config file', () => {
    const { params, token } = narrowed(site, ['tiny-a']);
    const run = upload(h, {
      project: 'tiny-a',
      files: { pypirc: formatToken(token.dump(), 'pypirc', site) },
      command: twine(repository),
    });
    expectUploaded(run, { site, token, project: 'tiny-a', params, files: BUILT_FILES });
  });

  it('twine uploads with its export lines, sourced', () => {
    const { params, token } = narrowed(site, ['tiny-a']);
    const run = upload(h, {
      project: 'tiny-a',
      files: { 'env.sh': formatToken(token.dump(), 'twine', site) },
      command: 'source "$CASE/env.sh" && twine upload --non-interactive dist/*',
    });
    expectUploaded(run, { site, token, project: 'tiny-a', params, files: BUILT_FILES });
  });

  it('flit publishes with the .pypirc section as ~/.pypirc', () => {
    const { params, token } = narrowed(site, ['tiny-a']);
    const run = upload(h, {
      project: 'tiny-a',
      files: { 'home/.pypirc': formatToken(token.dump(), 'pypirc', site) },
      command: `flit publish --repository ${repository}`,
    });
    expectUploaded(run, { site, token, project: 'tiny-a', params, files: BUILT_FILES });
  });

  it('flit publishes with its export lines, sourced', () => {
    const { params, token } = narrowed(site, ['tiny-a']);
    const run = upload(h, {
      project: 'tiny-a',
      files: { 'env.sh': formatToken(token.dump(), 'flit', site) },
      command: 'source "$CASE/env.sh" && flit publish',
    });
    expectUploaded(run, { site, token, project: 'tiny-a', params, files: BUILT_FILES });
  });

  it('poetry publishes with its export lines, sourced', () => {
    const { params, token } = narrowed(site, ['tiny-a']);
    const run = upload(h, {
      project: 'tiny-a',
      files: { 'env.sh': formatToken(token.dump(), 'poetry', site) },
      command: `source "$CASE/env.sh" && poetry publish --no-interaction${test ? ' -r testpypi' : ''}`,
    });
    // poetry uploads the wheel only: it looks for an sdist named tiny_a-0.1.0.tar.gz, flit wrote tiny-a-0.1.0.tar.gz.
    expectUploaded(run, { site, token, project: 'tiny-a', params, files: 1 });
  });

  it('flit publishes with a token per project, its section read from ~/.pypirc', () => {
    const { params } = narrowed(site, ['tiny-b', 'tiny-a']);
    const tokens = tokensPerProject(h.parents[site], params);
    const run = upload(h, {
      project: 'tiny-a',
      files: { 'home/.pypirc': formatPerProject(tokens, site) },
      command: 'flit publish --repository tiny-a',
    });
    const own = { ...params, projectNames: ['tiny-a'] };
    const token = tokens.find((t) => t.project === 'tiny-a')?.token as Token;
    expectUploaded(run, { site, token, project: 'tiny-a', params: own, files: BUILT_FILES });
  });

  it('twine uploads with a token per project: each section uploads its own project, and only it', () => {
    // "pypi" is a project's name here: its section must not be twine's own [pypi].
    const projects = ['tiny-a', 'pypi'];
    const { params } = narrowed(site, projects, {
      projectIds: projects.map((p) => PROJECT_IDS[p] ?? ''),
    });
    const tokens = tokensPerProject(h.parents[site], params);
    const text = formatPerProject(tokens, site);
    const sections = indexServers(readPypirc(text));
    expect(sections).toEqual(['tiny-a', 'project_pypi']);
    tokens.forEach(({ project, token }, i) => {
      const run = upload(h, {
        project,
        files: { pypirc: text },
        command: twine(sections[i] ?? ''),
      });
      const own = { ...params, projectNames: [project] };
      expectUploaded(run, { site, token, project, params: own, files: BUILT_FILES });
    });
    // tiny-a's section uploading the project "pypi": refused as PyPI refuses it, and twine fails.
    const cross = upload(h, { project: 'pypi', files: { pypirc: text }, command: twine('tiny-a') });
    expect(cross.status).not.toBe(0);
    const [refused, ...more] = cross.uploads;
    expect(more).toEqual([]);
    expect([refused?.sni, refused?.name, refused?.status]).toEqual([
      UPLOAD_HOST[site],
      'pypi',
      403,
    ]);
    expect(refused?.password === tokens[0]?.token.dump(), 'sent tiny-a’s token').toBe(true);
    expect(refused?.reason).toMatch(/can only be used for project\(s\): tiny-a\. Received: pypi/);
  });
});

describe('regression: flit and a test.pypi.org .pypirc section', () => {
  it('sends the test token to test.pypi.org when the section joins a ~/.pypirc that lists testpypi', () => {
    // The section as a user pastes it into Packaging's ~/.pypirc layout, which already lists testpypi.
    // Without `repository =` in the section, flit sent the test token to upload.pypi.org.
    const { params, token } = narrowed('test.pypi.org', ['tiny-a']);
    const text = formatToken(token.dump(), 'pypirc', 'test.pypi.org');
    const section = text.slice(text.indexOf('[testpypi]'));
    const existing = '[distutils]\n  index-servers =\n    pypi\n    testpypi\n\n';
    const run = upload(h, {
      project: 'tiny-a',
      files: { 'home/.pypirc': existing + section },
      command: 'flit publish --repository testpypi',
    });
    expectUploaded(run, {
      site: 'test.pypi.org',
      token,
      project: 'tiny-a',
      params,
      files: BUILT_FILES,
    });
  });
});
