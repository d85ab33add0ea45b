// @vitest-environment happy-dom
// The restrict view with fake services: sources, inspector, live derivation, copy formats, findings.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Token } from '@/src/core';
import type { Pending } from '@/src/extension/pending';
import type { CapturedToken } from '@/src/extension/token-store';
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

function setup(tokens: CapturedToken[] = [captured(USER_TOKEN)], pending?: Pending) {
  let held = [...tokens];
  const services: Services = {
    listTokens: vi.fn(async () => held),
    forgetToken: vi.fn(async (id: string) => {
      held = held.filter((t) => t.identifier !== id);
    }),
    forgetAll: vi.fn(async () => {
      held = [];
    }),
    takePending: vi.fn(async () => pending),
    copy: vi.fn(async () => undefined),
    getAutoClear: vi.fn(async () => 60 as const),
    setAutoClear: vi.fn(async () => undefined),
    now: () => NOW,
    close: vi.fn(),
  };
  render(<App services={services} />);
  return services;
}

const derived = () => screen.getByTestId('derived').textContent ?? '';
const reveal = () => fireEvent.click(screen.getByLabelText(/Show the whole/));

afterEach(cleanup);

describe('App', () => {
  it('lists captured tokens redacted, and inspects the newest in plain words', async () => {
    setup();
    await screen.findByText('Working on:');
    expect(screen.getByRole('button', { name: /^CI upload/ }).textContent).toContain(
      USER_TOKEN.token.slice(0, 12),
    );
    expect(document.body.textContent).not.toContain(USER_TOKEN.token);
    expect(screen.getByText(USER_TOKEN.identifier)).toBeTruthy();
    expect(screen.getByText('Restrictions embedded in this token')).toBeTruthy();
    expect(screen.getByText('only user 00000000…')).toBeTruthy();
    expect(screen.getByText(/embedded here are a lower bound/)).toBeTruthy();
  });

  it('derives live as the form changes, and the result checks with the key', async () => {
    setup();
    fireEvent.input(await screen.findByLabelText('Projects'), {
      target: { value: 'Requests, urllib3' },
    });
    await waitFor(() => expect(derived()).toMatch(/^pypi-AgEIcHl…/));
    fireEvent.change(screen.getByLabelText('Valid for'), { target: { value: '1h' } });
    reveal();
    const token = Token.load(derived());
    expect(token.caveats.slice(1)).toEqual([
      `[0,${NOW + 3600},${NOW - 60}]`,
      '[1,["requests","urllib3"]]',
    ]);
    expect(() =>
      token.check(USER_TOKEN.key, { projectName: 'urllib3', userId: USER_ID, now: NOW }),
    ).not.toThrow();
    expect(screen.getByText('projects: requests, urllib3')).toBeTruthy();
  });

  it('shows field errors inline and derives nothing while the form is invalid', async () => {
    setup();
    fireEvent.input(await screen.findByLabelText('User ID'), { target: { value: 'alice' } });
    expect(screen.getByRole('alert').textContent).toBe('Not a user ID (a UUID)');
    expect(screen.getByLabelText('User ID').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('derived')).toBeNull();
  });

  it('warns when a name is outside the token’s own projects', async () => {
    setup([captured(PROJECT_TOKEN, { scope: 'Project "sampleproject"' })]);
    fireEvent.input(await screen.findByLabelText('Projects'), {
      target: { value: 'sampleproject, other' },
    });
    expect(screen.getByText(/Outside this token’s projects \(sampleproject\): other/)).toBeTruthy();
  });

  it.each([
    ['token', (t: string) => t],
    ['pypirc', (t: string) => `[pypi]\n  username = __token__\n  password = ${t}\n`],
    ['twine', (t: string) => `TWINE_USERNAME=__token__\nTWINE_PASSWORD=${t}\n`],
    ['uv', (t: string) => `UV_PUBLISH_TOKEN=${t}\n`],
  ])('copies as %s', async (format, expected) => {
    const services = setup();
    fireEvent.input(await screen.findByLabelText('Projects'), { target: { value: 'requests' } });
    reveal();
    fireEvent.change(screen.getByLabelText('Copy as'), { target: { value: format } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(services.copy).toHaveBeenCalledWith(expected(derived())));
    expect(await screen.findByText('Copied.')).toBeTruthy();
  });

  it('uses [testpypi] for a TestPyPI token', async () => {
    const services = setup([captured(TEST_TOKEN, { site: 'test.pypi.org' })]);
    fireEvent.input(await screen.findByLabelText('Projects'), { target: { value: 'requests' } });
    fireEvent.change(screen.getByLabelText('Copy as'), { target: { value: 'pypirc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await waitFor(() =>
      expect(services.copy).toHaveBeenCalledWith(expect.stringMatching(/^\[testpypi\]/)),
    );
  });

  it('restricts further from the derived token', async () => {
    setup();
    fireEvent.input(await screen.findByLabelText('Projects'), { target: { value: 'a, b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Restrict further' }));
    expect(screen.getByText('only projects: a, b')).toBeTruthy();
    expect((screen.getByLabelText('Projects') as HTMLInputElement).value).toBe('');
    fireEvent.input(screen.getByLabelText('Projects'), { target: { value: 'c' } });
    await waitFor(() => expect(screen.getByText(/No project can ever match/)).toBeTruthy());
  });

  it('shows a clear inline error for a pasted non-token, and takes a pasted token', async () => {
    setup([]);
    expect(await screen.findByText(/No token captured yet/)).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Paste a token'), { target: { value: 'hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use' }));
    expect(screen.getByRole('alert').textContent).toMatch(/not a PyPI token/);
    fireEvent.input(screen.getByLabelText('Paste a token'), {
      target: { value: `\n${PROJECT_TOKEN.token}\n` },
    });
    fireEvent.submit(screen.getByLabelText('Paste a token').closest('form') as HTMLFormElement);
    expect(await screen.findByText('pasted token')).toBeTruthy();
    expect(screen.getByText('only projects: sampleproject')).toBeTruthy();
  });

  it('opens on the token handed over by the menu, or says why the selection was not one', async () => {
    setup([captured(USER_TOKEN)], { token: PROJECT_TOKEN.token });
    expect(await screen.findByText('selected text')).toBeTruthy();
    cleanup();
    setup([], {
      error:
        'The selected text is not a PyPI token. This is not a PyPI token: it has no prefix such as "pypi-".',
    });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /selected text is not a PyPI token/,
    );
  });

  const base = Token.create({ domain: 'pypi.org', identifier: 'x', key: 'k' });
  const expired = base.restrict({ notBefore: NOW - 7200, notAfter: NOW - 3600 });
  // A caveat PyPI does not know, appended by hand: [9,"x"] before the signature field.
  const head = Buffer.from(base.dump().slice(5), 'base64url').subarray(0, -35);
  const tail = Buffer.concat([
    Buffer.from([2, 7]),
    Buffer.from('[9,"x"]'),
    Buffer.from([0, 0, 6, 32]),
    Buffer.alloc(32),
  ]);
  const unknown = Token.load(`pypi-${Buffer.concat([head, tail]).toString('base64url')}`);
  it.each([
    ['expired', expired, /This token expired at/],
    ['unknown caveat', unknown, /PyPI will refuse this token/],
  ])('shows the %s finding', async (_, token, message) => {
    setup([], { token: token.dump() });
    expect(await screen.findByText(message)).toBeTruthy();
  });

  it('forgets one token or all, and Escape closes the view', async () => {
    const services = setup([captured(USER_TOKEN), captured(TEST_TOKEN, { name: 'test' })]);
    fireEvent.click(await screen.findByRole('button', { name: 'Forget test' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^test/ })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Forget all captured tokens' }));
    expect(await screen.findByText(/No token captured yet/)).toBeTruthy();
    expect(services.forgetAll).toHaveBeenCalled();
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(services.close).toHaveBeenCalled();
  });

  it('saves the auto-clear setting', async () => {
    const services = setup();
    fireEvent.change(await screen.findByLabelText('Clear the clipboard after copying'), {
      target: { value: '300' },
    });
    expect(services.setAutoClear).toHaveBeenCalledWith(300);
  });
});
