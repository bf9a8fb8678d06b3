/** The page theme: the toolbar's choice, or the system's preference when the choice is "system". */
import { useEffect, useState } from "react";
import { type ThemeChoice, useLab } from "../store/lab-store";

function systemDark(): boolean {
  return typeof matchMedia !== "undefined" && matchMedia("(prefers-color-scheme: dark)").matches;
}

function resolveTheme(choice: ThemeChoice, prefersDark: boolean): "light" | "dark" {
  return choice === "system" ? (prefersDark ? "dark" : "light") : choice;
}

let themeRoot: HTMLElement | undefined;

/** Where the `dark` class goes: <html>, or the custom element's own root inside its shadow DOM. */
export function setThemeRoot(element: HTMLElement): void {
  themeRoot = element;
}

/** The effective theme, kept on <html class="dark"> for Tailwind and returned for canvas-like widgets. */
export function useTheme(): "light" | "dark" {
  const choice = useLab((s) => s.theme);
  const [prefersDark, setPrefersDark] = useState(systemDark);
  useEffect(() => {
    const query = matchMedia("(prefers-color-scheme: dark)");
    const update = () => setPrefersDark(query.matches);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  const theme = resolveTheme(choice, prefersDark);
  useEffect(() => {
    const root = themeRoot ?? document.documentElement;
    root.classList.toggle("dark", theme === "dark");
    root.style.colorScheme = theme;
  }, [theme]);
  return theme;
}
