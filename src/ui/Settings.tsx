/** Settings and the all-tokens action, out of the way under a disclosure. */
import { type MessageKey, plural, t } from '@/src/shared/i18n';
import { AUTO_CLEAR_CHOICES, type AutoClear, type Settings as Values } from '@/src/shared/settings';

interface Props {
  settings: Values;
  held: number;
  onChange(patch: Partial<Values>): void;
  onForgetAll(): void;
}

const clearLabel = (seconds: number) =>
  seconds === 0
    ? t('settings_clear_never')
    : seconds < 60
      ? t('settings_clear_seconds', { seconds })
      : t('settings_clear_minutes', { minutes: seconds / 60 });

export function Settings({ settings, held, onChange, onForgetAll }: Props) {
  const toggle = (key: 'utc' | 'panel', label: MessageKey) => (
    <label class="inline">
      <input
        type="checkbox"
        checked={settings[key]}
        onChange={(e) => onChange({ [key]: e.currentTarget.checked })}
      />
      {t(label)}
    </label>
  );
  return (
    <details class="block settings">
      <summary>{t('settings_title')}</summary>
      <label for="auto-clear">{t('settings_auto_clear')}</label>
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
        {t('settings_auto_clear_note')}
      </p>
      {toggle('utc', 'settings_utc')}
      {toggle('panel', 'settings_panel')}
      <p class="muted">{plural('settings_held', held)}</p>
      <button type="button" onClick={onForgetAll}>
        {t('settings_forget_all')}
      </button>
    </details>
  );
}
