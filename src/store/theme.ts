/**
 * Presentation state that is not part of the simulation: the colour theme, presenter mode, the
 * blanked screen and reduced motion. The effective values are mirrored onto <html> as data
 * attributes, so CSS (index.css tokens), the diagram and the packet overlay follow without React:
 *
 * | attribute                  | values                      | set when                                |
 * | -------------------------- | --------------------------- | --------------------------------------- |
 * | `data-theme`               | `light`, `dark`, `projector`| always (presenter mode forces projector)|
 * | `data-presenter`           | present / absent            | presenter mode                          |
 * | `data-blank`               | present / absent            | presenter blanked the screen (`B`)      |
 * | `data-reduced-motion`      | present / absent            | reduced motion (system or the toggle)   |
 * | `data-embed`               | present / absent            | `?embed=1`                              |
 *
 * The theme follows the system (`prefers-color-scheme`) until the user picks one; a pick is
 * remembered in localStorage. `?theme=` wins over both for that page (links and embeds).
 */
import { create } from 'zustand';

export const THEMES = ['light', 'dark', 'projector'] as const;
export type ThemeName = (typeof THEMES)[number];
export type ThemeChoice = 'system' | ThemeName;
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', ...THEMES];

export type MotionChoice = 'system' | 'reduce' | 'full';

const THEME_KEY = 'hvv.theme';
const MOTION_KEY = 'hvv.motion';

export function isThemeChoice(v: unknown): v is ThemeChoice {
  return typeof v === 'string' && (THEME_CHOICES as readonly string[]).includes(v);
}

/** The theme actually shown. Presenter mode always projects with the high-contrast theme. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean, presenter: boolean): ThemeName {
  if (presenter) return 'projector';
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

export function resolveMotion(choice: MotionChoice, systemReduce: boolean): boolean {
  return choice === 'system' ? systemReduce : choice === 'reduce';
}

export interface ThemeState {
  choice: ThemeChoice;
  systemDark: boolean;
  /** Effective theme (what `data-theme` says). */
  theme: ThemeName;
  presenter: boolean;
  blanked: boolean;
  motionChoice: MotionChoice;
  systemReducedMotion: boolean;
  /**
   * Effective reduced motion: packets jump hop by hop (the overlay snaps each packet to the end of
   * the hop it is crossing) instead of gliding; CSS transitions are cut.
   */
  reducedMotion: boolean;
  /** `?embed=1`: diagram and minimal controls only. Fixed for the page's life. */
  embed: boolean;
  setTheme(choice: ThemeChoice, remember?: boolean): void;
  setPresenter(on: boolean): void;
  setBlanked(on: boolean): void;
  setReducedMotion(on: boolean | null): void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function derive(s: Pick<ThemeState, 'choice' | 'systemDark' | 'presenter' | 'motionChoice' | 'systemReducedMotion'>) {
  return { theme: resolveTheme(s.choice, s.systemDark, s.presenter), reducedMotion: resolveMotion(s.motionChoice, s.systemReducedMotion) };
}

export const useTheme = create<ThemeState>()((set, get) => {
  const update = (patch: Partial<ThemeState>) => set({ ...patch, ...derive({ ...get(), ...patch }) });
  return {
    choice: 'system',
    systemDark: false,
    theme: 'light',
    presenter: false,
    blanked: false,
    motionChoice: 'system',
    systemReducedMotion: false,
    reducedMotion: false,
    embed: false,
    setTheme(choice, remember = true) {
      if (remember) {
        try {
          storage()?.setItem(THEME_KEY, choice);
        } catch {
          // Private mode or a full quota: the choice still applies to this page.
        }
      }
      update({ choice });
    },
    setPresenter(presenter) {
      update({ presenter, blanked: presenter ? get().blanked : false });
    },
    setBlanked(blanked) {
      set({ blanked: blanked && get().presenter });
    },
    setReducedMotion(on) {
      const motionChoice: MotionChoice = on === null ? 'system' : on ? 'reduce' : 'full';
      try {
        storage()?.setItem(MOTION_KEY, motionChoice);
      } catch {
        // see setTheme
      }
      update({ motionChoice });
    },
  };
});

/** Write the effective state onto an element (default <html>). */
export function applyToDocument(s: ThemeState, root: HTMLElement = document.documentElement) {
  root.dataset.theme = s.theme;
  root.style.colorScheme = s.theme === 'light' ? 'light' : 'dark';
  const flag = (name: string, on: boolean) => (on ? root.setAttribute(name, '') : root.removeAttribute(name));
  flag('data-presenter', s.presenter);
  flag('data-blank', s.blanked);
  flag('data-reduced-motion', s.reducedMotion);
  flag('data-embed', s.embed);
}

let installed = false;

/**
 * Read `?theme=` / `?embed=`, the remembered choices and the system preferences, apply them to
 * <html> and keep following the system. Idempotent.
 */
export function initTheme(search: string) {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  const params = new URLSearchParams(search);
  const fromUrl = params.get('theme')?.trim().toLowerCase();
  const remembered = storage()?.getItem(THEME_KEY);
  const motion = storage()?.getItem(MOTION_KEY);
  const mq = (q: string) => (typeof window.matchMedia === 'function' ? window.matchMedia(q) : null);
  const dark = mq('(prefers-color-scheme: dark)');
  const reduce = mq('(prefers-reduced-motion: reduce)');
  const embedRaw = params.get('embed')?.trim().toLowerCase();

  useTheme.setState((s) => {
    const next = {
      ...s,
      choice: isThemeChoice(fromUrl) ? fromUrl : isThemeChoice(remembered) ? remembered : 'system',
      motionChoice: motion === 'reduce' || motion === 'full' ? motion : 'system',
      systemDark: dark?.matches ?? false,
      systemReducedMotion: reduce?.matches ?? false,
      embed: embedRaw === '1' || embedRaw === 'true' || embedRaw === 'on' || embedRaw === 'yes',
    } satisfies ThemeState;
    return { ...next, ...derive(next) };
  });
  dark?.addEventListener('change', (e) => useTheme.setState((s) => ({ systemDark: e.matches, ...derive({ ...s, systemDark: e.matches }) })));
  reduce?.addEventListener('change', (e) =>
    useTheme.setState((s) => ({ systemReducedMotion: e.matches, ...derive({ ...s, systemReducedMotion: e.matches }) })),
  );
  applyToDocument(useTheme.getState());
  useTheme.subscribe((s) => applyToDocument(s));
}
