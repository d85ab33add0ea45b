// The session store of project lists, over WXT's fake browser: per site, newest replaces, malformed
// content ignored, and nothing ever in storage.local.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { listProjects, setProjects } from '@/src/extension/project-store';

beforeEach(() => {
  fakeBrowser.reset();
});

describe('project store', () => {
  it('is empty at first', async () => {
    expect(await listProjects()).toEqual({});
  });

  it('keeps each site apart under "projects" in storage.session, never storage.local', async () => {
    await setProjects('pypi.org', { names: ['requests', 'urllib3'], seenAt: 1 });
    await setProjects('test.pypi.org', { names: ['sampleproject'], seenAt: 2 });
    const expected = {
      'pypi.org': { names: ['requests', 'urllib3'], seenAt: 1 },
      'test.pypi.org': { names: ['sampleproject'], seenAt: 2 },
    };
    expect(await listProjects()).toEqual(expected);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({ projects: expected });
    expect(await fakeBrowser.storage.local.get(null)).toEqual({});
  });

  it("replaces a site's list with the newest, even an empty one", async () => {
    await setProjects('pypi.org', { names: ['requests'], seenAt: 1 });
    expect(await setProjects('pypi.org', { names: [], seenAt: 2 })).toEqual({
      'pypi.org': { names: [], seenAt: 2 },
    });
    expect(await listProjects()).toEqual({ 'pypi.org': { names: [], seenAt: 2 } });
  });

  it('loses no site when two lists arrive at once', async () => {
    await Promise.all([
      setProjects('pypi.org', { names: ['a'], seenAt: 1 }),
      setProjects('test.pypi.org', { names: ['b'], seenAt: 1 }),
    ]);
    expect(Object.keys(await listProjects()).sort()).toEqual(['pypi.org', 'test.pypi.org']);
  });

  it('reads lists stored under "projects" by an earlier run of the background', async () => {
    await fakeBrowser.storage.session.set({
      projects: { 'test.pypi.org': { names: ['sampleproject'], seenAt: 3 } },
    });
    expect(await listProjects()).toEqual({
      'test.pypi.org': { names: ['sampleproject'], seenAt: 3 },
    });
  });

  it.each([
    ['a string', 'not a map'],
    ['a list', [['requests']]],
    ['an unknown site', { 'evil.example': { names: ['x'], seenAt: 1 } }],
    ['names that are not a list', { 'pypi.org': { names: 'requests', seenAt: 1 } }],
    ['a name that is not text', { 'pypi.org': { names: [42], seenAt: 1 } }],
    ['no time', { 'pypi.org': { names: ['requests'] } }],
  ])('ignores %s under its key', async (_, value) => {
    // The key is the one the test above shows is read: what is ignored here is the value.
    await fakeBrowser.storage.session.set({ projects: value });
    expect(await listProjects()).toEqual({});
  });

  it('rejects when session storage fails, and keeps working after', async () => {
    vi.spyOn(fakeBrowser.storage.session, 'set').mockRejectedValueOnce(new Error('quota'));
    await expect(setProjects('pypi.org', { names: ['a'], seenAt: 1 })).rejects.toThrow('quota');
    await setProjects('pypi.org', { names: ['b'], seenAt: 2 });
    expect(await listProjects()).toEqual({ 'pypi.org': { names: ['b'], seenAt: 2 } });
  });
});
