// @vitest-environment happy-dom
// The narrowing panel with fake services: the view's essentials on the page's token, Copy in the
// chosen format through the same copy service, and "Open the full view" (and what it says on failure).
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { redact, Token } from '@/src/core';
import type { CapturedToken } from '@/src/shared/model';
import { Panel, type PanelServices } from '@/src/ui/Panel';
import { USER_ID, USER_TOKEN } from '../fixtures/pages';
import { indexServers, readPypirc } from './pypirc';

const NOW = 1_795_615_200;
const TOKEN: CapturedToken = {
  identifier: USER_TOKEN.identifier,
  token: USER_TOKEN.token,
  name: 'CI upload',
  scope: 'Entire account (all projects)',
  site: 'test.pypi.org',
  capturedAt: NOW * 1000,
  locationMismatch: true,
};
const PROJECTS = { 'test.pypi.org': { names: ['requests', 'urllib3'], seenAt: NOW * 1000 } };

function setup(openView: PanelServices['openView'] = vi.fn(async () => true)) {
  const services: PanelServices = {
    copy: vi.fn(async () => ({ clearAt: NOW * 1000 + 60_000, clearFailed: false })),
    openView,
    now: () => NOW,
  };
  render(
    <Panel
      token={TOKEN}
      projects={PROJECTS}
      settings={{ autoClear: 60, utc: true, panel: true }}
      services={services}
    />,
  );
  return services;
}

afterEach(cleanup);

describe('the narrowing panel', () => {
  it('narrows the page’s token: projects, a preset, the summary; Copy as .pypirc for its site', async () => {
    const services = setup();
    expect(screen.getByRole('heading', { name: 'Narrow this token' })).toBeTruthy();
    // Presets only: a custom window is the full view's.
    const windows = screen.getByLabelText('Valid for') as HTMLSelectElement;
    expect([...windows.options].map((o) => o.value)).toEqual([
      'none',
      '15m',
      '1h',
      '1d',
      '7d',
      '30d',
    ]);
    const box = screen.getByRole('textbox', { name: 'Projects' });
    fireEvent.input(box, { target: { value: 'requests' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(windows, { target: { value: '1h' } });
    await waitFor(() =>
      expect(screen.getByTestId('summary').textContent).toBe(
        'Upload to requests until 14:59 UTC (in 59 minutes)',
      ),
    );
    fireEvent.change(screen.getByLabelText('Copy as'), { target: { value: 'pypirc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByRole('button', { name: /^Copied \.pypirc section/ });
    const text = (services.copy as ReturnType<typeof vi.fn>).mock.calls[0]?.[0] as string;
    expect(text).toMatch(
      /^\[distutils\]\n {2}index-servers =\n {4}testpypi\n\n\[testpypi\]\n {2}repository = https:\/\/test\.pypi\.org\/legacy\/\n {2}username = __token__\n {2}password = pypi-/,
    );
    const copied = Token.load(text.split('password = ')[1]?.trim() ?? '');
    expect(copied.identifier).toBe(USER_TOKEN.identifier);
    expect(copied.caveats.slice(-2)).toEqual([
      `[0,${NOW - 60 + 3600},${NOW - 60}]`, // expiry first, as PyPI writes it
      '[1,["requests"]]',
    ]);
  });

  it('copies a token per project, for its site, and says which token does what', async () => {
    const services = setup();
    const box = screen.getByRole('textbox', { name: 'Projects' });
    fireEvent.input(box, { target: { value: 'requests urllib3' } });
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.change(screen.getByLabelText('Valid for'), { target: { value: '1h' } });
    fireEvent.change(screen.getByLabelText('Copy as'), { target: { value: 'pypirc-projects' } });
    await waitFor(() =>
      expect(screen.getByTestId('summary').textContent).toBe(
        '2 tokens, one per project: each uploads only its own (requests and urllib3) until 14:59 UTC (in 59 minutes)',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    await screen.findByRole('button', { name: /^Copied \.pypirc per project/ });
    const text = (services.copy as ReturnType<typeof vi.fn>).mock.calls[0]?.[0] as string;
    const ini = readPypirc(text);
    // The result shows each project's own token (redacted), the ones the copied text holds.
    const passwords = ['requests', 'urllib3'].map((n) => ini.get(n)?.get('password') ?? '');
    expect(screen.getByTestId('derived').textContent).toBe(
      `requests: ${redact(passwords[0] ?? '')}\nurllib3: ${redact(passwords[1] ?? '')}`,
    );
    expect(indexServers(ini)).toEqual(['requests', 'urllib3']);
    for (const [name, other] of [
      ['requests', 'urllib3'],
      ['urllib3', 'requests'],
    ] as const) {
      expect(ini.get(name)?.get('repository')).toBe('https://test.pypi.org/legacy/');
      const t = Token.load(ini.get(name)?.get('password') ?? '');
      const ctx = { userId: USER_ID, now: NOW };
      t.check(USER_TOKEN.key, { ...ctx, projectName: name });
      expect(() => t.check(USER_TOKEN.key, { ...ctx, projectName: other })).toThrow();
    }
  });

  it('opens the full view, and says so when the extension did not answer', async () => {
    const openView = vi.fn(async () => false);
    setup(openView);
    fireEvent.click(screen.getByRole('button', { name: 'Open the full view' }));
    expect(openView).toHaveBeenCalledTimes(1);
    expect((await screen.findByRole('alert')).textContent).toMatch(/did not open/);
  });
});
