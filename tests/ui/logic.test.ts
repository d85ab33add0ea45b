// The view's pure helpers: tokens and times in words, copy formats, the form's translation into RestrictParams.
import { describe, expect, it } from 'vitest';
import { type Restriction, summarizeScope, Token, ValidationError } from '@/src/core';
import {
  formatPerProject,
  formatToken,
  sectionFor,
  siteFor,
  tokensPerProject,
} from '@/src/ui/copy-formats';
import {
  describeRestriction,
  formatTime,
  perProjectLine,
  relative,
  summaryLine,
  words,
} from '@/src/ui/describe';
import { chooseWindow, derive, EMPTY_FORM, parseProjectNames } from '@/src/ui/form';
import { USER_TOKEN } from '../fixtures/pages';
import { indexServers, readPypirc } from './pypirc';

const U = '0e9a8f5c-7a0e-4b7a-9d3c-1f2e3d4c5b6a';
const T = 1_795_615_200; // 2026-11-25 14:00 UTC
/** What a field says when it is handed a token (written here, not imported, so a changed message shows). */
const TOKEN_IN_FIELD =
  /^This is an API token, or a piece of one, not a name or ID: it was not used\./;

/** Runs `f` with the process in time zone `tz` (Node re-reads TZ when it is set), then restores it. */
function inZone<R>(tz: string, f: () => R): R {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    return f();
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}

describe('summaryLine: what a token can do, in one line', () => {
  it.each<[string, Restriction[], number, string]>([
    [
      'account-wide',
      [{ kind: 'user-id', userId: U }],
      T,
      'Upload to every project of your account, no expiry',
    ],
    [
      'two projects for an hour',
      [
        { kind: 'user-id', userId: U },
        { kind: 'date', notBefore: T - 60, notAfter: T + 3540 },
        { kind: 'project-names', projectNames: ['requests', 'urllib3'] },
      ],
      T,
      'Upload to requests and urllib3 until 14:59 UTC (in 59 minutes)',
    ],
    [
      'a project-scoped token',
      [
        { kind: 'project-names', projectNames: ['sampleproject'] },
        { kind: 'project-ids', projectIds: [U] },
      ],
      T,
      'Upload to sampleproject (also bound by project ID), no expiry',
    ],
    [
      'expired',
      [{ kind: 'date', notBefore: T - 7200, notAfter: T - 3600 }],
      T,
      'Upload to every project its owner can upload to, expired 13:00 UTC (1 hour ago)',
    ],
    [
      'no project in common',
      [
        { kind: 'project-names', projectNames: ['a'] },
        { kind: 'project-names', projectNames: ['b'] },
      ],
      T,
      'Upload to no project at all, no expiry',
    ],
    [
      'many projects',
      [{ kind: 'project-names', projectNames: ['a', 'b', 'c', 'd', 'e'] }],
      T,
      'Upload to 5 projects: a, b, …, no expiry',
    ],
  ])('%s', (_, restrictions, now, line) => {
    expect(summaryLine(summarizeScope(restrictions, now), now, true)).toBe(line);
  });

  it('never calls a token unrestricted', () => {
    expect(summaryLine(summarizeScope([], T), T)).not.toMatch(/unrestricted/i);
  });
});

describe('times', () => {
  it.each([
    [T + 3600, '15:00 UTC'],
    [T + 86_400, '26 Nov, 14:00 UTC'],
    [T + 60 * 86_400, '24 Jan 2027, 14:00 UTC'],
    [100_000_000_000_000_000, 'after the year 275760'],
  ])('%d reads %s (in UTC)', (at, text) => {
    expect(formatTime(at, T, true)).toBe(text);
  });

  it('shows the local zone by default', () => {
    expect(formatTime(T, T)).toMatch(/^\d\d:\d\d \S+$/);
  });

  it.each([
    [T + 30, 'now'],
    [T + 3540, 'in 59 minutes'],
    [T + 3600, 'in 1 hour'],
    [T - 7200, '2 hours ago'],
    [T + 3 * 86_400, 'in 3 days'],
  ])('relative %d: %s', (at, text) => {
    expect(relative(at, T)).toBe(text);
  });

  it('describes restrictions with full values', () => {
    expect(describeRestriction({ kind: 'user-id', userId: U }, T)).toContain(U);
    expect(describeRestriction({ kind: 'project-ids', projectIds: [U] }, T)).toContain(U);
    expect(words(['a', 'b', 'c'])).toBe('a, b, and c');
    expect(
      describeRestriction({ kind: 'unknown', raw: '[9]', reason: 'caveat has unknown tag: 9' }, T),
    ).toBe('Not accepted by PyPI: caveat has unknown tag: 9');
    // Past the core's nesting limit the extension cannot read it; PyPI may well accept it.
    expect(
      describeRestriction({ kind: 'unknown', raw: '[', reason: 'too deep', unreadable: true }, T),
    ).toMatch(/^Not readable by this extension \(PyPI may accept it\)/);
  });
});

describe('formatToken', () => {
  const t = 'pypi-AgEI';
  it.each([
    ['token', 'pypi.org', 'pypi-AgEI'],
    [
      'pypirc',
      'pypi.org',
      '[pypi]\n  repository = https://upload.pypi.org/legacy/\n  username = __token__\n  password = pypi-AgEI\n',
    ],
    [
      'pypirc',
      'test.pypi.org',
      '[distutils]\n  index-servers =\n    testpypi\n\n[testpypi]\n  repository = https://test.pypi.org/legacy/\n  username = __token__\n  password = pypi-AgEI\n',
    ],
    ['twine', 'pypi.org', 'export TWINE_USERNAME=__token__\nexport TWINE_PASSWORD=pypi-AgEI\n'],
    [
      'twine',
      'test.pypi.org',
      'export TWINE_REPOSITORY=testpypi\nexport TWINE_USERNAME=__token__\nexport TWINE_PASSWORD=pypi-AgEI\n',
    ],
    ['uv', 'pypi.org', 'export UV_PUBLISH_TOKEN=pypi-AgEI\n'],
    [
      'uv',
      'test.pypi.org',
      'export UV_PUBLISH_URL=https://test.pypi.org/legacy/\nexport UV_PUBLISH_TOKEN=pypi-AgEI\n',
    ],
    ['poetry', 'pypi.org', 'export POETRY_PYPI_TOKEN_PYPI=pypi-AgEI\n'],
    [
      'poetry',
      'test.pypi.org',
      'export POETRY_REPOSITORIES_TESTPYPI_URL=https://test.pypi.org/legacy/\nexport POETRY_PYPI_TOKEN_TESTPYPI=pypi-AgEI\n',
    ],
    ['hatch', 'pypi.org', 'export HATCH_INDEX_USER=__token__\nexport HATCH_INDEX_AUTH=pypi-AgEI\n'],
    [
      'hatch',
      'test.pypi.org',
      'export HATCH_INDEX_REPO=test\nexport HATCH_INDEX_USER=__token__\nexport HATCH_INDEX_AUTH=pypi-AgEI\n',
    ],
    [
      'pdm',
      'pypi.org',
      'export PDM_PUBLISH_USERNAME=__token__\nexport PDM_PUBLISH_PASSWORD=pypi-AgEI\n',
    ],
    [
      'pdm',
      'test.pypi.org',
      'export PDM_PUBLISH_REPO=https://test.pypi.org/legacy/\nexport PDM_PUBLISH_USERNAME=__token__\nexport PDM_PUBLISH_PASSWORD=pypi-AgEI\n',
    ],
    ['flit', 'pypi.org', 'export FLIT_USERNAME=__token__\nexport FLIT_PASSWORD=pypi-AgEI\n'],
    [
      'flit',
      'test.pypi.org',
      'export FLIT_INDEX_URL=https://test.pypi.org/legacy/\nexport FLIT_USERNAME=__token__\nexport FLIT_PASSWORD=pypi-AgEI\n',
    ],
  ] as const)('%s for %s', (format, site, text) => {
    expect(formatToken(t, format, site)).toBe(text);
  });

  it('trusts the page a token came from over its unsigned location', () => {
    expect(siteFor('test.pypi.org')).toBe('test.pypi.org');
    expect(siteFor('test.pypi.org', 'pypi.org')).toBe('pypi.org');
    expect(siteFor('evil.example')).toBe('pypi.org');
  });
});

describe('a token per project', () => {
  const KEY = 'a test key, never PyPI’s';
  const ID = '6e4b2b3a-6f64-4d2f-9b7b-2a9cf4f6b0aa';
  const P1 = '11111111-1111-4111-8111-111111111111';
  const P2 = '22222222-2222-4222-8222-222222222222';
  // As PyPI issues a user-scoped token: bound to its user.
  const parent = Token.create({ domain: 'pypi.org', identifier: ID, key: KEY }).restrict({
    userId: U,
  });
  const params = {
    projectNames: ['requests', 'urllib3', 'idna'],
    projectIds: [P1, P2],
    notBefore: T - 60,
    notAfter: T + 3540,
  };
  const fails = (t: Token, ctx: Parameters<Token['check']>[1]) =>
    expect(() => t.check(KEY, ctx)).toThrow(ValidationError);

  it('gives each picked project a token that uploads to it alone, every other restriction kept', () => {
    const tokens = tokensPerProject(parent, params);
    expect(tokens.map((t) => t.project)).toEqual(params.projectNames);
    const ok = { projectId: P1, userId: U, now: T };
    for (const { project, token } of tokens) {
      expect(token.identifier).toBe(ID);
      expect(token.caveats).toEqual([
        `[3,"${U}"]`,
        `[0,${T + 3540},${T - 60}]`,
        `[1,["${project}"]]`,
        `[2,["${P1}","${P2}"]]`,
      ]);
      token.check(KEY, { ...ok, projectName: project });
      for (const other of params.projectNames.filter((n) => n !== project))
        fails(token, { ...ok, projectName: other });
      fails(token, { ...ok, projectName: project, now: T + 3540 });
      fails(token, { ...ok, projectName: project, now: T - 61 });
      fails(token, {
        ...ok,
        projectName: project,
        projectId: '33333333-3333-4333-8333-333333333333',
      });
      fails(token, { ...ok, projectName: project, userId: P2 });
    }
  });

  it.each([
    ['pypi.org', 'https://upload.pypi.org/legacy/'],
    ['test.pypi.org', 'https://test.pypi.org/legacy/'],
  ] as const)('lays them out as PyPI’s page suggests, on %s', (site, url) => {
    const tokens = tokensPerProject(parent, params);
    const text = formatPerProject(tokens, site);
    const ini = readPypirc(text);
    expect([...ini.keys()]).toEqual(['distutils', 'requests', 'urllib3', 'idna']);
    expect(indexServers(ini)).toEqual(['requests', 'urllib3', 'idna']);
    for (const { project, token } of tokens) {
      const section = ini.get(project);
      expect(section?.get('repository')).toBe(url);
      expect(section?.get('username')).toBe('__token__');
      expect(section?.get('password') === token.dump(), `${project}'s own token`).toBe(true);
    }
  });

  it('normalizes names and gives a project named like a section twine or flit reads one of its own', () => {
    expect(
      ['Foo_Bar', 'pypi', 'testpypi', 'distutils', 'Server.Login', 'default'].map(sectionFor),
    ).toEqual([
      'foo-bar',
      'project_pypi',
      'project_testpypi',
      'project_distutils',
      'project_server-login',
      'default',
    ]);
    // "project-pypi" is a project's own name: the renamed section cannot collide with it.
    const names = ['pypi', 'project-pypi', 'PyPI'];
    const tokens = tokensPerProject(parent, { ...params, projectNames: names });
    expect(tokens.map((t) => t.project)).toEqual(['pypi', 'project-pypi']);
    const ini = readPypirc(formatPerProject(tokens, 'pypi.org'));
    expect(indexServers(ini)).toEqual(['project_pypi', 'project-pypi']);
    expect(ini.get('pypi')).toBeUndefined();
    const pypi = Token.load(ini.get('project_pypi')?.get('password') ?? '');
    pypi.check(KEY, { projectName: 'pypi', projectId: P1, userId: U, now: T });
    fails(pypi, { projectName: 'project-pypi', projectId: P1, userId: U, now: T });
  });

  it('makes nothing without a project', () => {
    expect(tokensPerProject(parent, { notBefore: T, notAfter: T + 60 })).toEqual([]);
  });

  it.each<[string, string[], Restriction[], string]>([
    [
      'three, for an hour',
      ['requests', 'urllib3', 'idna'],
      [{ kind: 'date', notBefore: T - 60, notAfter: T + 3540 }],
      '3 tokens, one per project: each uploads only its own (requests, urllib3, and idna) until 14:59 UTC (in 59 minutes)',
    ],
    [
      'one, bound by ID',
      ['requests'],
      [{ kind: 'project-ids', projectIds: [P1] }],
      '1 token: uploads only to requests, also bound by project ID, no expiry',
    ],
    [
      'many',
      ['a', 'b', 'c', 'd', 'e'],
      [{ kind: 'date', notBefore: T - 7200, notAfter: T - 3600 }],
      '5 tokens, one per project: each uploads only its own (a, b, …), expired 13:00 UTC (1 hour ago)',
    ],
  ])('says in one line which token does what: %s', (_, names, restrictions, line) => {
    const scope = summarizeScope(restrictions, T);
    expect(perProjectLine(names, scope, T, true)).toBe(line);
  });
});

describe('the form', () => {
  it('is empty until something is asked', () => {
    expect(derive(EMPTY_FORM)).toEqual({ params: {}, errors: {}, empty: true });
  });

  it('reads typed project names: normalized, split on commas and spaces, bad ones named', () => {
    expect(parseProjectNames('Foo_Bar, requests\nfoo.bar')).toEqual({
      names: ['foo-bar', 'requests'],
      error: null,
    });
    expect(parseProjectNames('ok -bad-')).toEqual({
      names: ['ok'],
      error: 'Not a valid project name: -bad-',
    });
  });

  it('refuses a token typed as a project name, whole or inside text, without echoing it', () => {
    for (const text of [USER_TOKEN.token, `requests ${USER_TOKEN.token}`]) {
      const r = parseProjectNames(text);
      expect(r).toEqual({ names: [], error: expect.stringMatching(TOKEN_IN_FIELD), secret: true });
    }
  });

  it('anchors a preset where it was chosen: "1 hour" is 60 minutes from the start it shows', () => {
    const form = chooseWindow(EMPTY_FORM, '1h', T);
    expect(derive(form).params).toEqual({
      notBefore: T - 60,
      notAfter: T - 60 + 3600,
    });
    expect(derive(chooseWindow(form, 'none', T)).empty).toBe(true);
  });

  it.each([
    [{ projectIds: '1234' }, 'projectIds', 'Not a project ID (a UUID): 1234'],
    [{ userId: 'alice' }, 'userId', 'Not a user ID (a UUID)'],
    [{ window: 'custom' as const }, 'window', 'Choose a start and an end'],
    [
      { window: 'custom' as const, customStart: '2026-11-25T15:00', customEnd: '2026-11-25T14:00' },
      'window',
      'The end must come after the start',
    ],
  ])('reports %j inline on its field', (patch, field, message) => {
    expect(derive({ ...EMPTY_FORM, ...patch }).errors).toEqual({ [field]: message });
  });

  // T - 60 and T + 3600 (13:59 and 15:00 UTC) as a clock on the wall of each zone shows them, and
  // 14:00 and 15:30 on that wall as UTC seconds; no zone here changes its clock in November.
  it.each([
    ['UTC', '2026-11-25T13:59', '2026-11-25T15:00', T],
    ['Asia/Kolkata', '2026-11-25T19:29', '2026-11-25T20:30', T - 19_800], // +05:30
    ['America/St_Johns', '2026-11-25T10:29', '2026-11-25T11:30', T + 12_600], // -03:30
    ['Pacific/Kiritimati', '2026-11-26T03:59', '2026-11-26T05:00', T - 50_400 + 86_400], // +14, the next day
  ])(
    'takes a custom window in local time (%s), pre-filled when first chosen',
    (tz, start, end, at1400) => {
      inZone(tz, () => {
        const form = chooseWindow(EMPTY_FORM, 'custom', T);
        expect([form.customStart, form.customEnd]).toEqual([start, end]);
        const day = start.slice(0, 10);
        const d = derive({ ...form, customStart: `${day}T14:00`, customEnd: `${day}T15:30` });
        expect(d.params).toEqual({ notBefore: at1400, notAfter: at1400 + 5400 });
      });
    },
  );

  it('pre-fills Custom in the machine’s own zone as a minute before now to an hour after', () => {
    const form = chooseWindow(EMPTY_FORM, 'custom', T);
    for (const field of [form.customStart, form.customEnd])
      expect(field).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    // The browser's own reading of a datetime-local value (local time), not the production writer.
    expect(new Date(form.customStart).getTime() / 1000).toBe(T - 60);
    expect(new Date(form.customEnd).getTime() / 1000).toBe(T + 3600);
  });
});
