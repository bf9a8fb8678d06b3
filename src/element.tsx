/**
 * <docker-network-lab>: the lab as a custom element, for a page that embeds it without a frame.
 * One script tag (the library build, vite.element.config.ts) defines it; its attributes are the
 * URL parameters (script, view, readonly, theme, lang, mode, speed, detail, era, present);
 * `run(command)` resolves with the same {stdout, stderr, exitCode} as `lab:result` (and reset(),
 * load(), loadLesson(), state() answer the other requests); lab:ready,
 * lab:command and lab:goal arrive as DOM events (CustomEvent, the message in `detail`).
 *
 * The lab lives in the element's shadow root with its own styles, so the page's CSS and the lab's
 * do not touch each other. One lab per page: the lab's state is the page's (a second element says
 * so and points to frames).
 */
import "./element-flag";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./app/App";
import { i18n, setLanguage, startLanguage } from "./app/language";
import { setThemeRoot } from "./app/theme";
import { readOptions } from "./embed/params";
import { matchLanguage } from "./i18n/languages";
import { addEmitter, type LabEvent, labApi, type RunResult } from "./store/lab-api";
import type { LabDocument } from "./store/lab-file";
// Into the build's stylesheet, which the library build moves into __DNL_STYLES__.
import "./index.css";

/** The lab's stylesheet, put in by the library build (vite.element.config.ts). */
declare const __DNL_STYLES__: string;

const HOST_STYLES = `
:host { display: block; height: 480px; position: relative; contain: content; }
.dnl-root { height: 100%; font-family: ui-sans-serif, system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
`;

const ATTRIBUTES = [
  "script",
  "view",
  "readonly",
  "theme",
  "lang",
  "mode",
  "speed",
  "detail",
  "era",
  "present",
];

let holder: DockerNetworkLab | undefined;

export class DockerNetworkLab extends HTMLElement {
  private root: Root | undefined;

  connectedCallback(): void {
    if (this.root) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: "open" });
    if (holder && holder !== this) {
      shadow.textContent =
        "Only one <docker-network-lab> works on a page. For several labs, embed each in an <iframe> (see the README).";
      return;
    }
    holder = this;
    const style = document.createElement("style");
    style.textContent = `${__DNL_STYLES__}\n${HOST_STYLES}`;
    const container = document.createElement("div");
    container.className = "dnl-root";
    shadow.replaceChildren(style, container);
    setThemeRoot(container);
    const options = readOptions((name) => this.getAttribute(name), location.origin);
    startLanguage();
    // The element's lang attribute, like the page's ?lang=, for this visit only.
    const language = matchLanguage(options.lang);
    if (language) setLanguage(language, false);
    const connect = () =>
      addEmitter((event: LabEvent) =>
        this.dispatchEvent(new CustomEvent(event.type, { detail: event, bubbles: true, composed: true })),
      );
    this.root = createRoot(container);
    this.root.render(
      <I18nextProvider i18n={i18n}>
        <App options={{ ...options, embed: true }} target={{ page: false, connect }} />
      </I18nextProvider>,
    );
  }

  disconnectedCallback(): void {
    this.root?.unmount();
    this.root = undefined;
    if (holder === this) holder = undefined;
  }

  /** Types a command into the lab's terminal; resolves with what it printed once it is done. */
  run(command: string, session?: string): Promise<RunResult> {
    return labApi.run(command, session);
  }

  reset(): void {
    labApi.reset();
  }

  /** Loads a lab document (an object from state(), or its packed or JSON text); throws when it is refused. */
  load(state: unknown): void {
    labApi.load(state);
  }

  /** Opens a lesson (an id, a same-origin URL of a lesson file, or its JSON); rejects when it is refused. */
  loadLesson(lesson: string): Promise<void> {
    return labApi.loadLesson(lesson);
  }

  state(): LabDocument {
    return labApi.state();
  }

  static get observedAttributes(): string[] {
    return ATTRIBUTES;
  }
}

if (!customElements.get("docker-network-lab")) customElements.define("docker-network-lab", DockerNetworkLab);
