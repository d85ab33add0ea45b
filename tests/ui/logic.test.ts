// The view's pure logic: restrictions in words, copy formats, the form's translation into RestrictParams.
import { describe, expect, it } from 'vitest';
import { type Restriction, summarizeScope } from '@/src/core';
import { formatToken, siteFor } from '@/src/ui/copy-formats';
import { describeRestriction, describeScope, utc } from '@/src/ui/describe';
import { CLOCK_SKEW_SECONDS, derive, EMPTY_FORM } from '@/src/ui/form';

const U = '0e9a8f5c-7a0e-4b7a-9d3c-1f2e3d4c5b6a';
const T = 1_795_615_200; // 2026-11-25 14:00 UTC

describe('describeRestriction', () => {
  it.each<[Restriction, string]>([
    [
      { kind: 'project-names', projectNames: ['requests', 'urllib3'] },
      'only projects: requests, urllib3',
    ],
    [{ kind: 'project-names', projectNames: [] }, 'no project at all (empty list)'],
    [
      { kind: 'date', notBefore: T, notAfter: T + 3600 },
      'valid from 14:00 25 Nov 2026 UTC until 15:00 25 Nov 2026 UTC',
    ],
    [{ kind: 'user-id', userId: U }, 'only user 0e9a8f5c…'],
    [{ kind: 'project-ids', projectIds: [U] }, 'only project IDs: 0e9a8f5c…'],
    [{ kind: 'oidc-publisher', publisherId: U }, 'trusted-publishing token (publisher 0e9a8f5c…)'],
    [{ kind: 'legacy-noop' }, 'the token’s own user (legacy caveat, restricts nothing more)'],
    [{ kind: 'legacy-project-names', projectNames: ['a'] }, 'only projects: a (legacy caveat)'],
    [
      { kind: 'unknown', raw: '[9,"x"]', reason: 'caveat has unknown tag: 9' },
      'unknown caveat [9,"x"]: PyPI will refuse the token (caveat has unknown tag: 9)',
    ],
  ])('%j', (r, words) => {
    expect(describeRestriction(r)).toBe(words);
  });

  it('never calls a token unrestricted', () => {
    expect(describeScope(summarizeScope([], T)).join(' ')).not.toMatch(/unrestricted/i);
  });

  it('formats times in UTC', () => {
    expect(utc(T)).toBe('14:00 25 Nov 2026 UTC');
  });
});

describe('formatToken', () => {
  const t = 'pypi-AgEI';
  it.each([
    ['token', 'pypi.org', 'pypi-AgEI'],
    ['pypirc', 'pypi.org', '[pypi]\n  username = __token__\n  password = pypi-AgEI\n'],
    ['pypirc', 'test.pypi.org', '[testpypi]\n  username = __token__\n  password = pypi-AgEI\n'],
    ['twine', 'pypi.org', 'TWINE_USERNAME=__token__\nTWINE_PASSWORD=pypi-AgEI\n'],
    [
      'twine',
      'test.pypi.org',
      'TWINE_REPOSITORY=testpypi\nTWINE_USERNAME=__token__\nTWINE_PASSWORD=pypi-AgEI\n',
    ],
    ['uv', 'pypi.org', 'UV_PUBLISH_TOKEN=pypi-AgEI\n'],
    [
      'uv',
      'test.pypi.org',
      'UV_PUBLISH_URL=https://test.pypi.org/legacy/\nUV_PUBLISH_TOKEN=pypi-AgEI\n',
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

describe('derive (the form)', () => {
  it('is empty until something is asked', () => {
    expect(derive(EMPTY_FORM, T)).toEqual({ params: {}, names: [], errors: {}, empty: true });
  });

  it('normalizes names, splits on commas and spaces, and starts presets a minute in the past', () => {
    const d = derive(
      { ...EMPTY_FORM, projectNames: 'Foo_Bar, requests\nfoo.bar', window: '1h' },
      T,
    );
    expect(d.names).toEqual(['foo-bar', 'requests']);
    expect(d.params).toEqual({
      projectNames: ['foo-bar', 'requests'],
      notBefore: T - CLOCK_SKEW_SECONDS,
      notAfter: T + 3600,
    });
    expect(d.errors).toEqual({});
  });

  it.each([
    [{ projectNames: 'ok, -bad-' }, 'projectNames', 'Not a valid project name: -bad-'],
    [{ projectIds: '1234' }, 'projectIds', 'Not a project ID (a UUID): 1234'],
    [{ userId: 'alice' }, 'userId', 'Not a user ID (a UUID)'],
    [{ window: 'custom' as const }, 'window', 'Choose a start and an end'],
    [
      { window: 'custom' as const, customStart: '2026-11-25T15:00', customEnd: '2026-11-25T14:00' },
      'window',
      'The end must come after the start',
    ],
  ])('reports %j inline on its field', (patch, field, message) => {
    expect(derive({ ...EMPTY_FORM, ...patch }, T).errors).toEqual({ [field]: message });
  });

  it('takes a custom window in local time', () => {
    const d = derive(
      {
        ...EMPTY_FORM,
        window: 'custom',
        customStart: '2026-11-25T14:00',
        customEnd: '2026-11-25T15:30',
      },
      T,
    );
    expect(d.params).toEqual({
      notBefore: new Date('2026-11-25T14:00').getTime() / 1000,
      notAfter: new Date('2026-11-25T15:30').getTime() / 1000,
    });
  });
});
