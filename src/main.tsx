import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./app/App";
import { i18n, languageLoaded, startLanguage } from "./app/language";
import { serveFrame } from "./embed/frame";
import { optionsFromUrl } from "./embed/params";
import "./index.css";

startLanguage();
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
// The options come from the address; a page that holds the lab in a frame talks to it by postMessage.
const options = optionsFromUrl(location.href);
const target = { page: true, connect: () => serveFrame(options.origins) };
// The first frame speaks the chosen language: Chinese and Russian words load first (a small chunk).
void languageLoaded().then(() =>
  createRoot(root).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <App options={options} target={target} />
      </I18nextProvider>
    </StrictMode>,
  ),
);
