/**
 * The player's keys, which work wherever the focus is (the terminal included): Alt+M switches
 * between Realtime and Step by step, Alt+S skips the animation to its end.
 */
import { usePlayer } from "./player";

/** The action a key stands for, if it is one of the player's. */
export function playerShortcut(e: KeyboardEvent): (() => void) | undefined {
  if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return undefined;
  const player = usePlayer.getState();
  if (e.code === "KeyM") return () => player.setMode(player.mode === "realtime" ? "step" : "realtime");
  if (e.code === "KeyS") return () => player.skip();
  return undefined;
}
