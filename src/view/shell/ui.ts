/**
 * One small set of class helpers for the header area (and any shell control that wants the same
 * look): buttons, icon buttons, selects and the rows of a popover menu. Theme tokens only, so the
 * light, dark and projector themes restyle them through the variables in src/index.css.
 *
 * Every control in a header row is the same height (h-8), so the row lines up whatever mix of
 * buttons and selects it holds.
 */

const base =
  'inline-flex h-8 shrink-0 items-center justify-center gap-1.5 whitespace-nowrap rounded-md border text-sm font-semibold disabled:cursor-not-allowed disabled:opacity-50';

/** A pressed toggle (or an open menu's button) fills with the accent; the rest are quiet. */
const tone = (on: boolean) => (on ? 'border-accent bg-accent text-accent-ink' : 'border-line bg-raised text-ink hover:bg-panel');

/** A text button. `on` for a pressed toggle or the button of an open popover. */
export const btn = (on = false) => `${base} px-2.5 ${tone(on)}`;

/** A square button holding one icon or glyph; it needs an aria-label (and a title for the tooltip). */
export const iconBtn = (on = false) => `${base} w-8 px-0 ${tone(on)}`;

/** A select the height of the buttons beside it. */
export const selectCls = 'h-8 rounded-md border border-line bg-panel px-2 text-sm text-ink';

/** A bordered box that floats under its button: menus and small popovers. */
export const popoverCls = 'rounded-lg border border-line bg-panel p-1.5 text-ink shadow-2xl';

/** One full-width row of a popover menu. */
export const menuItem = 'flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-left text-sm font-semibold text-ink hover:bg-raised';

/** The small caps heading over a group of menu rows. */
export const menuHeading = 'px-2 pb-0.5 pt-1.5 text-xs font-bold uppercase tracking-wide text-muted';

/** A thin rule between groups of menu rows (or of header buttons). */
export const separator = 'shrink-0 bg-line';
