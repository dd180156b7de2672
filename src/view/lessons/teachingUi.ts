import { create } from 'zustand';

export interface TeachingUi {
  open: boolean;
  setOpen(open: boolean): void;
}

/**
 * Whether the lessons/quiz dock is open (presenter and embed modes may open it). Its own module
 * so that opening the dock from start-up code does not pull the dock's chunk into the first paint.
 */
export const useTeachingUi = create<TeachingUi>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
}));
