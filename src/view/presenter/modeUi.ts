import { create } from 'zustand';

/** Open/closed state of the dialogs and panels the presenter, share and a11y views add. */
export interface ModeUi {
  shareOpen: boolean;
  componentListOpen: boolean;
  setShareOpen(open: boolean): void;
  setComponentListOpen(open: boolean): void;
}

export const useModeUi = create<ModeUi>()((set) => ({
  shareOpen: false,
  componentListOpen: false,
  setShareOpen: (shareOpen) => set({ shareOpen }),
  setComponentListOpen: (componentListOpen) => set({ componentListOpen }),
}));
