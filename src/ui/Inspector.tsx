/** Inspect: what the token is, each embedded restriction in words and as written, and the findings. */
import type { ScopeSummary, Token } from '@/src/core';
import { t } from '@/src/shared/i18n';
import { findingText } from './core-text';
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
      <summary>{t('inspect_title')}</summary>
      <dl class="facts">
        <dt>{t('inspect_prefix')}</dt>
        <dd>
          <code>{token.prefix}</code>
        </dd>
        <dt>{t('inspect_site')}</dt>
        <dd>{token.domain || t('inspect_site_none')}</dd>
        <dt>{t('inspect_identifier')}</dt>
        <dd>
          <code>{token.identifier}</code>
        </dd>
        <dt>{t('inspect_format')}</dt>
        <dd>{t('inspect_format_value', { version: token.version })}</dd>
      </dl>
      <h3>{t('inspect_caveats')}</h3>
      {token.caveats.length === 0 ? (
        <p>{t('inspect_no_caveats')}</p>
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
      <p class="muted">{t('inspect_ids_note')}</p>
      <ul class="findings" aria-label={t('inspect_findings')}>
        {scope.findings.map((f) => (
          <li key={f.code + f.message} class={`finding ${f.severity}`} data-code={f.code}>
            {findingText(f)}
          </li>
        ))}
      </ul>
    </details>
  );
}
