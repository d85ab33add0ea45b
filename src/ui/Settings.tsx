/** Settings and the all-tokens action, out of the way under a disclosure. */
import { AUTO_CLEAR_CHOICES, type AutoClear, type Settings as Values } from '@/src/shared/settings';

interface Props {
  settings: Values;
  held: number;
  onChange(patch: Partial<Values>): void;
  onForgetAll(): void;
}

const clearLabel = (s: number) =>
  s === 0 ? 'Never' : s < 60 ? `After ${s} s` : `After ${s / 60} min`;

export function Settings({ settings, held, onChange, onForgetAll }: Props) {
  const toggle = (key: 'utc' | 'panel', label: string) => (
    <label class="inline">
      <input
        type="checkbox"
        checked={settings[key]}
        onChange={(e) => onChange({ [key]: e.currentTarget.checked })}
      />
      {label}
    </label>
  );
  return (
    <details class="block settings">
      <summary>Settings</summary>
      <label for="auto-clear">Clear the clipboard after copying</label>
      <select
        id="auto-clear"
        aria-describedby="auto-clear-note"
        value={String(settings.autoClear)}
        onChange={(e) => onChange({ autoClear: Number(e.currentTarget.value) as AutoClear })}
      >
        {AUTO_CLEAR_CHOICES.map((s) => (
          <option key={s} value={String(s)}>
            {clearLabel(s)}
          </option>
        ))}
      </select>
      <p id="auto-clear-note" class="muted">
        Empties the clipboard then, even if you copied something else since. A clipboard manager or
        history that already kept the token is out of its reach.
      </p>
      {toggle('utc', 'Show times in UTC (PyPI’s clock)')}
      {toggle('panel', 'Show the narrowing panel on PyPI’s page')}
      <p class="muted">
        {held} {held === 1 ? 'token' : 'tokens'} held in memory until the browser closes.
      </p>
      <button type="button" onClick={onForgetAll}>
        Forget all tokens
      </button>
    </details>
  );
}
