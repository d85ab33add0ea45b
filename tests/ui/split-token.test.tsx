// @vitest-environment happy-dom
// A token pasted or typed into the view's fields or the panel's Projects box, whole or split by
// spaces, line breaks or commas, is refused and cleared, never shown, kept or written into a caveat.
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Token } from '@/src/core';
import type { CapturedToken } from '@/src/shared/model';
import { tokenInField } from '@/src/ui/form';
import { Panel } from '@/src/ui/Panel';
import { type Action, INITIAL, reduce, type ViewState } from '@/src/ui/state';
import { view } from '@/src/ui/view';
import { everySplit, splitTokenArb, tokenArb } from '../fixtures/split';

const NOW = 1_795_615_200;
const held = (t: Token): CapturedToken => ({
  identifier: t.identifier,
  token: t.dump(),
  name: 'CI upload',
  scope: null,
  site: 'pypi.org',
  capturedAt: NOW * 1000,
  locationMismatch: false,
});
const loaded = (tokens: Token[]): ViewState =>
  reduce(INITIAL, {
    type: 'loaded',
    tokens: tokens.map(held),
    projects: {},
    pending: undefined,
    draft: undefined,
    settings: { autoClear: 60, utc: true, panel: true },
    clearFailedAt: null,
    now: NOW,
  });

/** Nothing of the state, not even the error, holds a run of 12 of the token's text. */
function expectNoPiece(state: unknown, token: Token) {
  const shown = JSON.stringify(state, (k, v) => (k === 'tokens' || k === 'source' ? undefined : v));
  const text = token.dump();
  for (let i = 0; i + 12 <= text.length; i++) expect(shown).not.toContain(text.slice(i, i + 12));
}

describe('the view', () => {
  const [sample] = fc.sample(tokenArb, { seed: 13, numRuns: 1 }) as Token[];
  const t = sample as Token;

  it('refuses every single split of the working token, added or only typed', () => {
    const base = loaded([t]);
    for (const text of everySplit(t.dump())) {
      for (const a of [
        { type: 'add-names', text },
        { type: 'query', text },
      ] satisfies Action[]) {
        const s = reduce(base, a);
        expect([s.form.projectNames, s.query, s.queryError]).toEqual([[], '', tokenInField()]);
      }
    }
  });

  it('refuses a piece of the working token, typed or added, though the piece alone is no token', () => {
    const text = t.dump();
    // Captured (the background holds it too), or pasted (only the view holds it).
    const pasted = reduce(loaded([]), { type: 'paste', text });
    expect([pasted.source?.kind, pasted.tokens.length]).toEqual(['pasted', 0]);
    for (const base of [loaded([t]), pasted]) {
      for (let i = 'pypi-'.length; i + 12 <= text.length; i += 7) {
        const piece = text.slice(i, i + 12);
        for (const a of [
          { type: 'query', text: piece },
          { type: 'add-names', text: piece },
        ] satisfies Action[]) {
          const s = reduce(base, a);
          expect([s.form.projectNames, s.query, s.queryError]).toEqual([[], '', tokenInField()]);
        }
      }
    }
  });

  it('refuses any split of any held token in Projects, project IDs and user ID', () => {
    fc.assert(
      fc.property(tokenArb, splitTokenArb, (working, { token, text }) => {
        // The split token is held (captured), the user works on another one.
        const base = reduce(loaded([working, token]), {
          type: 'select',
          identifier: working.identifier,
        });
        const added = reduce(base, { type: 'add-names', text });
        expect([added.form.projectNames, added.query, added.queryError]).toEqual([
          [],
          '',
          tokenInField(),
        ]);
        expectNoPiece(added, token);
        for (const key of ['projectIds', 'userId'] as const) {
          const v = view(reduce(base, { type: 'form', patch: { [key]: text } }), NOW);
          expect(v.derivation.errors).toEqual({ [key]: tokenInField() });
          expect(v.derived).toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a split token it does not hold (one that loads once spaces and commas are gone)', () => {
    fc.assert(
      fc.property(splitTokenArb, ({ token, text }) => {
        const s = reduce(loaded([]), { type: 'add-names', text });
        expect([s.form.projectNames, s.query, s.queryError]).toEqual([[], '', tokenInField()]);
        expectNoPiece(s, token);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the panel', () => {
  afterEach(cleanup);

  function panel(t: Token) {
    render(
      <Panel
        token={held(t)}
        projects={{}}
        settings={{ autoClear: 60, utc: true, panel: true }}
        services={{
          copy: async () => ({ clearAt: null, clearFailed: false }),
          openView: async () => true,
          now: () => NOW,
        }}
      />,
    );
    return screen.getByRole('textbox', { name: 'Projects' }) as HTMLInputElement;
  }

  it('refuses a typed split token, then Enter adds nothing', () => {
    fc.assert(
      fc.property(splitTokenArb, ({ token, text }) => {
        cleanup();
        const box = panel(token);
        fireEvent.input(box, { target: { value: text } });
        fireEvent.keyDown(box, { key: 'Enter' });
        expect(box.value).toBe('');
        expect(screen.queryByRole('list', { name: 'Chosen projects' })).toBeNull();
        expect(screen.getByRole('alert').textContent).toBe(tokenInField());
        expect(screen.queryByTestId('derived')).toBeNull();
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a pasted token, whole or split: the box never holds it', () => {
    fc.assert(
      fc.property(splitTokenArb, fc.boolean(), ({ token, text }, whole) => {
        cleanup();
        const box = panel(token);
        const data = new DataTransfer();
        data.setData('text/plain', whole ? token.dump() : text);
        const pasted = fireEvent.paste(box, { clipboardData: data });
        expect(pasted).toBe(false); // default prevented: nothing reaches the box
        expect(box.value).toBe('');
        expect(screen.getByRole('alert').textContent).toBe(tokenInField());
      }),
      { numRuns: 60 },
    );
  });
});
