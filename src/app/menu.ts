/** A toolbar menu's open state: a click anywhere else, or Escape, closes it. */
import { type RefObject, useEffect, useRef, useState } from "react";

export const menuItem =
  "block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:bg-slate-100 disabled:opacity-40 dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800";

export const menuBox =
  "absolute right-0 z-40 mt-1 w-56 rounded border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900";

export function useMenu(): {
  open: boolean;
  setOpen: (f: (open: boolean) => boolean) => void;
  box: RefObject<HTMLDivElement | null>;
  /** Closes the menu and does what the item says. */
  act: (f: () => unknown) => () => void;
} {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !box.current?.contains(e.target as Node))
        setOpen(() => false);
    };
    addEventListener("pointerdown", away);
    addEventListener("keydown", away);
    return () => {
      removeEventListener("pointerdown", away);
      removeEventListener("keydown", away);
    };
  }, [open]);
  const act = (f: () => unknown) => () => {
    setOpen(() => false);
    void f();
  };
  return { open, setOpen, box, act };
}
