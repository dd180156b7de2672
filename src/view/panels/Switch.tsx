import { useId } from 'react';

/**
 * An on/off switch: a button with role="switch" whose accessible name is exactly `label` (the
 * term it controls, e.g. "VMQ"). The state shows as text (On/Off) and as the knob position, so
 * colour is never the only cue.
 */
export function Switch({
  label,
  checked,
  onChange,
  description,
  onText,
  offText,
  disabled,
  name,
}: {
  label: string;
  /** Accessible name when it must say more than the visible label (e.g. "LSO for vm2"); default `label`. */
  name?: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  description?: string;
  onText: string;
  offText: string;
  disabled?: boolean;
}) {
  const descId = useId();
  return (
    <div className="flex items-center justify-between gap-3 py-1">
      <div className="min-w-0">
        <span className="font-semibold" aria-hidden="true">
          {label}
        </span>
        {description && (
          <p id={descId} className="text-sm text-muted leading-snug">
            {description}
          </p>
        )}
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={name ?? label}
        aria-describedby={description ? descId : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={`relative inline-flex h-8 w-20 shrink-0 items-center rounded-full border-2 px-1 text-sm font-semibold transition-colors disabled:opacity-50 ${
          checked ? 'border-accent bg-accent text-accent-ink' : 'border-line bg-raised text-muted'
        }`}
      >
        <span
          aria-hidden="true"
          className={`absolute top-0.5 h-6 w-6 rounded-full border border-line bg-panel shadow transition-[left] ${checked ? 'left-[calc(100%-1.75rem)]' : 'left-0.5'}`}
        />
        <span aria-hidden="true" className={`w-full ${checked ? 'pr-7 text-left pl-1' : 'pl-7 text-right pr-1'}`}>
          {checked ? onText : offText}
        </span>
      </button>
    </div>
  );
}
