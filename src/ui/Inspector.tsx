/** Inspect: what the token is, each embedded restriction in words and as written, and the findings. */
import type { ScopeSummary, Token } from '@/src/core';
import { describeRestriction } from './describe';

interface Props {
  token: Token;
  scope: ScopeSummary;
  now: number;
  utc: boolean;
}

export function Inspector({ token, scope, now, utc }: Props) {
  return (
    <details class="block inspect">
      <summary>Inspect this token</summary>
      <dl class="facts">
        <dt>Prefix</dt>
        <dd>
          <code>{token.prefix}</code>
        </dd>
        <dt>Site</dt>
        <dd>{token.domain || '(none)'}</dd>
        <dt>Identifier</dt>
        <dd>
          <code>{token.identifier}</code>
        </dd>
        <dt>Format</dt>
        <dd>Macaroon V{token.version}</dd>
      </dl>
      <h3>Restrictions embedded in it</h3>
      {token.caveats.length === 0 ? (
        <p>None: it carries no caveat of its own.</p>
      ) : (
        <ol class="caveats">
          {token.restrictions.map((r, i) => {
            // One restriction per caveat, in order: the caveat as written sits under its meaning.
            const raw = token.caveats[i];
            return (
              <li key={`${i}:${raw}`}>
                {describeRestriction(r, now, utc)}
                <code class="raw">{raw}</code>
              </li>
            );
          })}
        </ol>
      )}
      <p class="muted">
        IDs are the UUIDs PyPI writes into the tokens it issues: a project-scoped token carries its
        project’s ID, an account-wide one your user ID.
      </p>
      <ul class="findings" aria-label="Findings">
        {scope.findings.map((f) => (
          <li key={f.code + f.message} class={`finding ${f.severity}`} data-code={f.code}>
            {f.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
