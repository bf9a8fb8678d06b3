/**
 * The lab in a frame of another page: requests by postMessage from the allowed origins only (a
 * message from anywhere else is not even read), answers to the window that asked, events to the
 * parent at each allowed origin (the browser delivers only to the one the parent really has).
 */
import { addEmitter, labApi } from "../store/lab-api";
import { handle } from "./messages";

export function serveFrame(origins: string[]): () => void {
  const allowed = new Set(origins);
  const onMessage = (e: MessageEvent) => {
    if (!allowed.has(e.origin) || !e.source) return;
    const source = e.source as WindowProxy;
    void handle(e.data, labApi).then((reply) => source.postMessage(reply, e.origin));
  };
  window.addEventListener("message", onMessage);
  const stopEmitting =
    window.parent !== window
      ? addEmitter((event) => {
          for (const origin of allowed) window.parent.postMessage(event, origin);
        })
      : () => undefined;
  return () => {
    window.removeEventListener("message", onMessage);
    stopEmitting();
  };
}
