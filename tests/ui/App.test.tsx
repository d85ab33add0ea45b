// @vitest-environment happy-dom
// The restrict view with fake services: choosing, pasting, picking projects, deriving, copying,
// forgetting with undo, the draft, settings, and what the view says when something fails.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Token } from '@/src/core';
import type { CapturedToken, Pending, ProjectsBySite } from '@/src/shared/model';
import { App } from '@/src/ui/App';
import type { Services } from '@/src/ui/services';
import { PROJECT_TOKEN, TEST_TOKEN, USER_ID, USER_TOKEN } from '../fixtures/pages';

const NOW = 1_795_615_200;
const captured = (
  t: { token: string; identifier: string },
  over: Partial<CapturedToken> = {},
): CapturedToken => ({
  identifier: t.identifier,
  token: t.token,
  name: 'CI upload',
  scope: 'Entire account (all projects)',
  site: 'pypi.org',
  capturedAt: NOW * 1000,
  locationMismatch: false,
  ...over,
});
const PROJECTS: ProjectsBySite = {
  'pypi.org': {
    names: [
      'apache-airflow-providers-amazon',
      'apache-airflow-providers-google',
      'requests',
      'urllib3',
    ],
    seenAt: NOW * 1000,
  },
};

interface Setup {
  clearFailedAt?: number;
  tokens?: CapturedToken[];
  pending?: Pending;
  draft?: unknown;
  copy?: Services['copy'];
  listTokens?: Services['listTokens'];
}

function setup(o: Setup = {}) {
  let held = [...(o.tokens ?? [captured(USER_TOKEN)])];
  let draft = o.draft;
  const services: Services = {
    listTokens: o.listTokens ?? vi.fn(async () => held),
    listProjects: vi.fn(async () => PROJECTS),
    forgetToken: vi.fn(async (id: string) => {
      held = held.filter((t) => t.identifier !== id);
    }),
    forgetAll: vi.fn(async () => {
      held = [];
    }),
    restoreTokens: vi.fn(async (tokens: CapturedToken[]) => {
      held = tokens;
    }),
    takePending: vi.fn(async () => o.pending),
    loadDraft: vi.fn(async () => draft),
    saveDraft: vi.fn(async (d: unknown) => {
      draft = d;
    }),
    copy: o.copy ?? vi.fn(async () => ({ clearAt: NOW * 1000 + 60_000, clearFailed: false })),
    clearFailedAt: vi.fn(async () => o.clearFailedAt ?? null),
    dismissClearFailure: vi.fn(async () => undefined),
    getSettings: vi.fn(async () => ({ autoClear: 60 as const, utc: true, panel: true })),
    setSettings: vi.fn(async () => undefined),
    now: () => NOW,
    close: vi.fn(),
  };
  const view = render(<App services={services} />);
  return { services, view, held: () => held, draft: () => draft };
}

/** A saved draft as the tests compare it: whose token, which projects; never the token itself. */
const drafted = (d: unknown) => {
  if (d === null || d === undefined) return d;
  const o = d as { source?: { identifier?: unknown }; form?: { projectNames?: unknown } };
  return { identifier: o.source?.identifier, projectNames: o.form?.projectNames };
};
const projects = () => screen.getByRole('textbox', { name: 'Projects' });
const addProjects = async (text: string) => {
  const box = await screen.findByRole('textbox', { name: 'Projects' });
  fireEvent.input(box, { target: { value: text } });
  fireEvent.keyDown(box, { key: 'Enter' });
};
const reveal = () => fireEvent.click(screen.getByRole('button', { name: 'Show' }));
const derived = () => screen.getByTestId('derived').textContent ?? '';
const copyButton = () => screen.getByRole('button', { name: /^Cop/ }) as HTMLButtonElement;
const paste = (text: string) => {
  const input = screen.getByLabelText('Paste a token');
  const event = new Event('paste', { bubbles: true, cancelable: true });
  Object.assign(event, { clipboardData: { getData: () => text } });
  fireEvent(input, event);
};

afterEach(cleanup);

describe('the restrict view', () => {
  it('opens on the newest captured token with what it can do, never showing it whole', async () => {
    setup();
    expect(await screen.findByTestId('token-summary')).toHaveProperty(
      'textContent',
      'Upload to every project of your account, no expiry',
    );
    expect((screen.getByRole('combobox', { name: 'Token' }) as HTMLSelectElement).value).toBe(
      USER_TOKEN.identifier,
    );
    expect(document.body.textContent).not.toContain(USER_TOKEN.token);
    fireEvent.click(screen.getByText('Inspect this token'));
    expect(screen.getByText(USER_TOKEN.identifier).tagName).toBe('CODE');
    expect(screen.getByText(new RegExp(`Only the user with ID ${USER_ID}`))).toBeTruthy();
  });

  it('derives live as projects and a window are chosen; the token checks with the key', async () => {
    setup();
    await addProjects('Requests, urllib3');
    fireEvent.change(screen.getByRole('combobox', { name: 'Valid for' }), {
      target: { value: '1h' },
    });
    expect(screen.getByTestId('summary').textContent).toBe(
      'Upload to requests and urllib3 until 14:59 UTC (in 59 minutes)',
    );
    reveal();
    const token = Token.load(derived());
    expect(token.caveats.slice(1)).toEqual([
      `[0,${NOW - 60 + 3600},${NOW - 60}]`,
      '[1,["requests","urllib3"]]',
    ]);
    expect(() =>
      token.check(USER_TOKEN.key, { projectName: 'urllib3', userId: USER_ID, now: NOW }),
    ).not.toThrow();
  });

  it('offers a custom window besides the presets, from a minute ago to an hour later', async () => {
    setup();
    const windows = (await screen.findByRole('combobox', {
      name: 'Valid for',
    })) as HTMLSelectElement;
    expect([...windows.options].map((o) => o.value)).toEqual([
      'none',
      '15m',
      '1h',
      '1d',
      '7d',
      '30d',
      'custom',
    ]);
    fireEvent.change(windows, { target: { value: 'custom' } });
    expect(screen.getByLabelText('From')).toHaveProperty('type', 'datetime-local');
    expect(screen.getByLabelText('Until')).toHaveProperty('type', 'datetime-local');
    expect(screen.getByTestId('window').textContent).toBe(
      'From 13:59 UTC until 15:00 UTC (a minute early for clock skew)',
    );
  });

  it('offers the user’s own projects: filter, check one, add all matching', async () => {
    setup();
    const box = await screen.findByRole('textbox', { name: 'Projects' });
    fireEvent.input(box, { target: { value: 'url' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'urllib3' }));
    fireEvent.input(box, { target: { value: 'apache-airflow' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add all 2 matching “apache-airflow”' }));
    const chips = screen.getByRole('list', { name: 'Chosen projects' });
    expect(chips.textContent).toContain('apache-airflow-providers-google');
    expect(screen.getByTestId('summary').textContent).toBe(
      'Upload to urllib3, apache-airflow-providers-amazon, and apache-airflow-providers-google, no expiry',
    );
    // A name not in the list is allowed, with a neutral note.
    await addProjects('brand-new');
    expect(screen.getByText(/Not among your projects: brand-new/)).toBeTruthy();
  });

  it('refuses a token typed into Projects and does not show it', async () => {
    setup();
    await addProjects(TEST_TOKEN.token);
    expect(screen.getByRole('alert').textContent).toMatch(/is an API token, or a piece of one/);
    expect(projects()).toHaveProperty('value', '');
    expect(document.body.textContent).not.toContain(TEST_TOKEN.token.slice(-30));
    expect(screen.queryByTestId('derived')).toBeNull();
  });

  it.each([
    ['token', 'token', (t: string) => t],
    [
      'pypirc',
      '.pypirc section',
      (t: string) =>
        `[pypi]\n  repository = https://upload.pypi.org/legacy/\n  username = __token__\n  password = ${t}\n`,
    ],
    [
      'twine',
      'twine lines',
      (t: string) => `export TWINE_USERNAME=__token__\nexport TWINE_PASSWORD=${t}\n`,
    ],
  ])(
    'copies as %s; the button confirms until the result changes',
    async (format, label, expected) => {
      const { services } = setup();
      await addProjects('requests');
      reveal();
      fireEvent.change(screen.getByRole('combobox', { name: 'Copy as' }), {
        target: { value: format },
      });
      fireEvent.click(copyButton());
      await waitFor(() => expect(services.copy).toHaveBeenCalledWith(expected(derived())));
      await waitFor(() =>
        expect(copyButton().textContent).toBe(`Copied ${label} · clears in 60 s`),
      );
      await addProjects('urllib3');
      expect(copyButton().textContent).toBe('Copy');
    },
  );

  it('says so when the copy worked but the clipboard will not be cleared', async () => {
    setup({ copy: vi.fn(async () => ({ clearAt: null, clearFailed: true })) });
    await addProjects('requests');
    fireEvent.click(copyButton());
    expect(await screen.findByText(/will not be emptied automatically/)).toBeTruthy();
    expect(copyButton().textContent).toBe('Copied token');
  });

  it('says why a copy failed', async () => {
    setup({
      copy: vi.fn(async () => {
        throw new Error('Document is not focused.');
      }),
    });
    await addProjects('requests');
    fireEvent.click(copyButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not copy: Document is not focused.',
    );
  });

  it('turns Copy off, with the reason, for a token that can never work', async () => {
    const expired = Token.load(USER_TOKEN.token).restrict({
      notBefore: NOW - 7200,
      notAfter: NOW - 3600,
    });
    setup({ tokens: [], pending: { tokens: [expired.dump()] } });
    await addProjects('requests');
    expect(copyButton().disabled).toBe(true);
    expect(screen.getByText(/Copy is off: This token expired/)).toBeTruthy();
  });

  it('reads a token out of a pasted .pypirc section, with the pypi prefix', async () => {
    setup({ tokens: [] });
    expect(await screen.findByText(/No token yet/)).toBeTruthy();
    paste(`[pypi]\n  username = __token__\n  password = ${PROJECT_TOKEN.token}\n`);
    expect(await screen.findByTestId('token-summary')).toHaveProperty(
      'textContent',
      'Upload to sampleproject (also bound by project ID), no expiry',
    );
    expect(screen.queryByText(/No token yet/)).toBeNull();
    await addProjects('sampleproject');
    reveal();
    expect(Token.load(derived()).prefix).toBe('pypi');
  });

  it('asks which token when the pasted text holds two, and says why when it holds none', async () => {
    setup({ tokens: [] });
    await screen.findByText(/No token yet/);
    paste('hello');
    expect((await screen.findByRole('alert')).textContent).toMatch(/No PyPI token/);
    paste(`TWINE_PASSWORD=${USER_TOKEN.token}\nUV_PUBLISH_TOKEN=${TEST_TOKEN.token}`);
    expect(await screen.findByText('This text holds 2 different tokens. Which one?')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: /test\.pypi\.org/ })[0] as HTMLElement);
    expect(await screen.findByTestId('token-summary')).toBeTruthy();
    expect(screen.queryByText(/Which one/)).toBeNull();
  });

  it('opens on the token the menu handed over, or says once why there was none', async () => {
    setup({ pending: { tokens: [PROJECT_TOKEN.token] } });
    expect(
      ((await screen.findByRole('combobox', { name: 'Token' })) as HTMLSelectElement).value,
    ).toBe(PROJECT_TOKEN.identifier);
    expect(screen.getByRole('option', { name: 'Selected text' })).toBeTruthy();
    cleanup();
    setup({ tokens: [], pending: { noToken: { error: null, reason: 'a reason.' } } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The selected text holds no PyPI token: a reason.',
    );
  });

  it('forgets the working token, offers undo with focus on it, and undo brings it back', async () => {
    const { services, held } = setup({
      tokens: [captured(USER_TOKEN), captured(TEST_TOKEN, { name: 'test', site: 'test.pypi.org' })],
    });
    await addProjects('requests');
    fireEvent.click(screen.getByRole('button', { name: 'Forget CI upload' }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(services.forgetToken).toHaveBeenCalledWith(USER_TOKEN.identifier);
    expect(screen.getByText('Forgot “CI upload”.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(undo));
    fireEvent.click(undo);
    await waitFor(() => expect(held().map((t) => t.identifier)).toContain(USER_TOKEN.identifier));
    expect(screen.getByRole('list', { name: 'Chosen projects' }).textContent).toContain('requests');
    expect((screen.getByRole('combobox', { name: 'Token' }) as HTMLSelectElement).value).toBe(
      USER_TOKEN.identifier,
    );
  });

  it('keeps the draft across a close and reopen, and drops it with its token', async () => {
    const first = setup();
    await addProjects('requests');
    await waitFor(() =>
      expect(drafted(first.draft())).toEqual({
        identifier: USER_TOKEN.identifier,
        projectNames: ['requests'],
      }),
    );
    cleanup();
    const second = setup({ draft: first.draft() });
    expect(await screen.findByRole('list', { name: 'Chosen projects' })).toHaveProperty(
      'textContent',
      'requests×',
    );
    // The reopened view saves its draft again (same token, same form) before anything is forgotten.
    await waitFor(() => expect(second.services.saveDraft).toHaveBeenCalled());
    expect(drafted(second.draft())).toEqual(drafted(first.draft()));
    // The draft holds the working token: it is gone before the token is, not after a re-render.
    let draftWhenForgotten: unknown = 'forgetToken was not called';
    vi.mocked(second.services.forgetToken).mockImplementationOnce(async () => {
      draftWhenForgotten = drafted(second.draft());
    });
    fireEvent.click(screen.getByRole('button', { name: 'Forget CI upload' }));
    await screen.findByRole('button', { name: 'Undo' });
    expect(draftWhenForgotten).toBeNull();
    await waitFor(() => expect(drafted(second.draft())).toBeNull());
    // Reopened on what is left (no token), the view has nothing to restore.
    cleanup();
    setup({ tokens: [], draft: second.draft() });
    expect(await screen.findByText(/No token yet/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Chosen projects' })).toBeNull();
  });

  it('drops the draft even when Forget comes before the view first saved it', async () => {
    // The view's effects run after the next frame: one that saves the working token's draft can
    // still be pending when Forget empties the draft. The draft must end empty all the same.
    const { services, draft } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Forget CI upload' }));
    expect(services.saveDraft).toHaveBeenCalledTimes(1);
    expect(services.saveDraft).toHaveBeenLastCalledWith(null);
    await screen.findByRole('button', { name: 'Undo' });
    // The pending save did run after Forget (the race is real here) ...
    const saved = () => vi.mocked(services.saveDraft).mock.calls.map(([d]) => drafted(d));
    await waitFor(() =>
      expect(saved().slice(1)).toContainEqual({
        identifier: USER_TOKEN.identifier,
        projectNames: [],
      }),
    );
    // ... and the draft still ends empty.
    await waitFor(() => expect(drafted(draft())).toBeNull());
    expect(saved().at(-1)).toBeNull();
  });

  it('drops the draft when every token is forgotten, and Undo brings it back', async () => {
    const { services, draft } = setup({
      tokens: [captured(USER_TOKEN), captured(TEST_TOKEN, { name: 'test', site: 'test.pypi.org' })],
    });
    await addProjects('requests');
    const before = { identifier: USER_TOKEN.identifier, projectNames: ['requests'] };
    await waitFor(() => expect(drafted(draft())).toEqual(before));
    let draftWhenForgotten: unknown = 'forgetAll was not called';
    vi.mocked(services.forgetAll).mockImplementationOnce(async () => {
      draftWhenForgotten = drafted(draft());
    });
    fireEvent.click(screen.getByText('Settings'));
    fireEvent.click(screen.getByRole('button', { name: 'Forget all tokens' }));
    const undo = await screen.findByRole('button', { name: 'Undo' });
    expect(draftWhenForgotten).toBeNull();
    await waitFor(() => expect(drafted(draft())).toBeNull());
    fireEvent.click(undo);
    await waitFor(() => expect(drafted(draft())).toEqual(before));
  });

  it('labels a token from a private window, and marks a draft on it to go with the private windows', async () => {
    const first = setup({
      tokens: [
        captured(TEST_TOKEN, { name: 'private', fromPrivateWindow: true }),
        captured(USER_TOKEN),
      ],
    });
    const select = (await screen.findByRole('combobox', { name: 'Token' })) as HTMLSelectElement;
    const options = [...select.options].map((o) => o.textContent);
    expect(options).toEqual([
      expect.stringMatching(/^private · .* · from a private window$/),
      expect.not.stringContaining('private window'),
    ]);
    await waitFor(() => expect(first.draft()).toMatchObject({ fromPrivateWindow: true }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Token' }), {
      target: { value: USER_TOKEN.identifier },
    });
    await waitFor(() =>
      expect(first.draft()).toMatchObject({ source: { identifier: USER_TOKEN.identifier } }),
    );
    expect(first.draft()).not.toHaveProperty('fromPrivateWindow');
  });

  it('saves settings, closes on Escape, but Escape in the project list only closes the list', async () => {
    const { services } = setup();
    fireEvent.click(await screen.findByText('Settings'));
    fireEvent.change(screen.getByLabelText('Clear the clipboard after copying'), {
      target: { value: '300' },
    });
    expect(services.setSettings).toHaveBeenCalledWith({ autoClear: 300 });
    // It says what it clears and what it cannot reach (PRIVACY.md says the same at length).
    expect(
      screen.getByRole('combobox', {
        name: 'Clear the clipboard after copying',
        description: /even if you copied something else since.*clipboard manager or history/,
      }),
    ).toBeTruthy();
    const panel = screen.getByLabelText(
      'Show the narrowing panel on PyPI’s page',
    ) as HTMLInputElement;
    expect(panel.checked).toBe(true);
    fireEvent.click(panel);
    expect(services.setSettings).toHaveBeenCalledWith({ panel: false });
    fireEvent.click(projects());
    expect(screen.getByRole('group', { name: 'Your projects on pypi.org' })).toBeTruthy();
    fireEvent.keyDown(projects(), { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Your projects on pypi.org' })).toBeNull();
    expect(services.close).not.toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(services.close).toHaveBeenCalled();
  });

  it('says when the background could not empty the clipboard, until dismissed', async () => {
    const { services } = setup({ clearFailedAt: (NOW - 120) * 1000 });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^The clipboard could not be emptied at 13:58 UTC: it may still hold a token/,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(services.dismissClearFailure).toHaveBeenCalled();
  });

  it('says what went wrong when the session memory cannot be read', async () => {
    setup({
      listTokens: vi.fn(async () => {
        throw new Error('storage is unavailable');
      }),
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /could not read its session memory \(storage is unavailable\)/,
    );
  });
});
