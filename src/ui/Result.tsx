/** The derived token, live: redacted until revealed, a summary of what it allows, copy in several forms. */
import { useState } from 'preact/hooks';
import { redact, summarizeScope, type Token } from '@/src/core';
import type { Site } from '@/src/extension/capture';
import { COPY_FORMATS, type CopyFormat, formatToken } from './copy-formats';
import { describeScope } from './describe';

interface Props {
  token: Token;
  site: Site;
  now: number;
  onCopy(text: string): Promise<void>;
  onFurther(): void;
}

export function Result({ token, site, now, onCopy, onFurther }: Props) {
  const [reveal, setReveal] = useState(false);
  const [format, setFormat] = useState<CopyFormat>('token');
  const [status, setStatus] = useState('');
  const text = token.dump();
  const scope = summarizeScope(token, now);
  const blocking = scope.findings.filter((f) => f.severity === 'error');
  const copy = async () => {
    try {
      await onCopy(formatToken(text, format, site));
      setStatus('Copied.');
    } catch (e) {
      setStatus(`Could not copy: ${(e as Error).message}`);
    }
  };
  return (
    <section aria-labelledby="result-title" class="result">
      <h2 id="result-title">Restricted token</h2>
      <code class="token-text" data-testid="derived">
        {reveal ? text : redact(text)}
      </code>
      <label class="inline">
        <input
          type="checkbox"
          checked={reveal}
          onChange={(e) => setReveal(e.currentTarget.checked)}
        />{' '}
        Show the whole token
      </label>
      <ul class="summary" aria-label="What it allows">
        {describeScope(scope).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {blocking.map((f) => (
        <p key={f.code + f.message} class="warning" role="status">
          {f.message}
        </p>
      ))}
      <div class="row">
        <label for="format" class="sr-only">
          Copy as
        </label>
        <select
          id="format"
          value={format}
          onChange={(e) => setFormat(e.currentTarget.value as CopyFormat)}
        >
          {COPY_FORMATS.map((f) => (
            <option key={f.id} value={f.id}>
              {f.label}
            </option>
          ))}
        </select>
        <button type="button" class="primary" onClick={copy}>
          Copy
        </button>
        <button type="button" onClick={onFurther}>
          Restrict further
        </button>
      </div>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
