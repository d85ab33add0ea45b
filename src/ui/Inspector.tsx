/** What a token is and what its embedded restrictions mean, with the scope's findings as warnings. */
import { type Restriction, summarizeScope, type Token } from '@/src/core';
import { describeRestriction } from './describe';

export function Inspector({ token, now }: { token: Token; now: number }) {
  const scope = summarizeScope(token, now);
  return (
    <section aria-labelledby="inspect-title">
      <h2 id="inspect-title">Inspect</h2>
      <dl class="facts">
        <dt>Prefix</dt>
        <dd>{token.prefix}</dd>
        <dt>Site</dt>
        <dd>{token.domain || '(none)'}</dd>
        <dt>Identifier</dt>
        <dd>
          <code>{token.identifier}</code>
        </dd>
      </dl>
      <h3>Restrictions embedded in this token</h3>
      {token.restrictions.length === 0 ? (
        <p>None embedded: this token carries no caveat of its own.</p>
      ) : (
        <ul class="restrictions">
          {token.caveats.map((raw, i) => (
            <li key={`${i}:${raw}`}>{describeRestriction(token.restrictions[i] as Restriction)}</li>
          ))}
        </ul>
      )}
      <ul class="findings" aria-label="Findings">
        {scope.findings.map((f) => (
          <li key={f.code + f.message} class={`finding ${f.severity}`} data-code={f.code}>
            {f.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
