/**
 * Messages the page shows above everything: a link or file that was refused (and why), a save that
 * could not be read (with what can still be done about it). Plain text only, never markup.
 */
import { create } from "zustand";

interface NoticeAction {
  label: string;
  run(): void;
}

interface Notice {
  id: number;
  tone: "error" | "info";
  text: string;
  actions?: NoticeAction[];
}

interface NoticeState {
  notices: Notice[];
  push(notice: Omit<Notice, "id">): number;
  dismiss(id: number): void;
}

let nextId = 1;

export const useNotices = create<NoticeState>()((set, get) => ({
  notices: [],
  push(notice) {
    const id = nextId++;
    set({ notices: [...get().notices, { ...notice, id }] });
    return id;
  },
  dismiss(id) {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
}));
