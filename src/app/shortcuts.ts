/**
 * The page's keys outside the terminal: Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo, P turns
 * presenter mode on and off, Escape leaves it. During a scripted demo the clicker's keys, → and
 * PageDown, ← and PageUp, step it wherever the focus is (the demo types for the presenter).
 */
import { stepBack, stepForward, useDemo } from "../store/demo";
import { redo, undo } from "../store/history";
import { usePage } from "../store/page";

function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.closest(".xterm") !== null ||
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)
  );
}

/**
 * Runs an undo or redo typed outside the terminal, and leaves the focus outside it: the new lab's
 * terminal takes the focus when it appears, and the next Ctrl+Z would go to the shell instead.
 */
function keepingFocus(action: () => boolean): void {
  const before = document.activeElement;
  if (!action()) return;
  restoring = true;
  setTimeout(() => {
    restoring = false;
    if (before instanceof HTMLElement && before !== document.body && before.isConnected) before.focus();
    else if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
  }, 50);
}

/** An undo or redo is handing the focus back: the terminal holds it only for that moment. */
let restoring = false;

function onKey(e: KeyboardEvent): void {
  const page = usePage.getState();
  const demo = useDemo.getState().steps.length > 0 && page.presenting;
  if (demo && !e.ctrlKey && !e.metaKey && !e.altKey) {
    if (e.key === "ArrowRight" || e.key === "PageDown") {
      e.preventDefault();
      e.stopPropagation();
      void stepForward();
      return;
    }
    if (e.key === "ArrowLeft" || e.key === "PageUp") {
      e.preventDefault();
      e.stopPropagation();
      stepBack();
      return;
    }
  }
  // Inside the custom element's shadow DOM the event's target is the element: look at where it began.
  const ctrl = (e.ctrlKey || e.metaKey) && !e.altKey;
  // A second Ctrl+Z in that moment is still the page's, not the new terminal's.
  const again = restoring && ctrl && (e.code === "KeyZ" || e.code === "KeyY");
  if (!again && typingInto(e.composedPath()[0] ?? e.target)) return;
  if (again) e.stopPropagation();
  if (ctrl && e.code === "KeyZ") {
    e.preventDefault();
    keepingFocus(e.shiftKey ? redo : undo);
  } else if (ctrl && !e.shiftKey && e.code === "KeyY") {
    e.preventDefault();
    keepingFocus(redo);
  } else if (!ctrl && !e.altKey && (e.key === "p" || e.key === "P") && !page.options.embed) {
    page.setPresenting(!page.presenting);
  } else if (e.key === "Escape" && page.presenting) {
    page.setPresenting(false);
  }
}

/** Listens on the window (capture, so the clicker's keys reach the demo before the terminal). */
export function listenForShortcuts(): () => void {
  window.addEventListener("keydown", onKey, true);
  return () => window.removeEventListener("keydown", onKey, true);
}
