import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { optionsFromUrl } from "./embed/params";
import "./index.css";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root");
// A page's frame answers it by postMessage; the options come from the address.
const options = optionsFromUrl(location.href);
const target = { frame: true };
createRoot(root).render(
  <StrictMode>
    <App options={options} target={target} />
  </StrictMode>,
);
