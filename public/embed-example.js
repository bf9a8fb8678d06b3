// The example tutorial's side of the lab's postMessage API (see README, "Embedding in minutes").
// Requests carry an id; the lab answers each with lab:result, lab:state or lab:error of that id.
// The lab also posts lab:ready, lab:command (what the student typed) and lab:goal by itself.

const lab1 = document.getElementById("lab1");
const lab2 = document.getElementById("lab2");
const origin = location.origin; // the labs are served from this site: the default allowlist
let nextId = 1;
const waiting = new Map();

/** Sends a request to a lab's frame and resolves with its answer. */
function ask(frame, message) {
  const id = `req-${nextId++}`;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    frame.contentWindow.postMessage({ ...message, id }, origin);
  });
}

window.addEventListener("message", (event) => {
  if (event.origin !== origin) return;
  const data = event.data;
  if (data?.id && waiting.has(data.id)) {
    waiting.get(data.id)(data);
    waiting.delete(data.id);
    return;
  }
  if (event.source === lab1.contentWindow && data?.type === "lab:command") {
    for (const item of document.querySelectorAll("#checklist li")) {
      if (new RegExp(item.dataset.pattern).test(data.command)) item.classList.add("done");
    }
  }
  if (event.source === lab2.contentWindow && data?.type === "lab:ready") {
    document.getElementById("status2").textContent = "Lab 2 is ready.";
  }
});

const result = document.getElementById("result2");
for (const button of document.querySelectorAll("button[data-run]")) {
  button.addEventListener("click", async () => {
    result.textContent = `$ ${button.dataset.run}\n…`;
    const answer = await ask(lab2, { type: "lab:run", command: button.dataset.run });
    result.textContent =
      answer.type === "lab:error"
        ? `error: ${answer.error}`
        : `$ ${button.dataset.run}\n${answer.stdout}${answer.stderr}[exit ${answer.exitCode}]`;
  });
}

document.getElementById("reset2").addEventListener("click", async () => {
  await ask(lab2, { type: "lab:reset" });
  result.textContent = "Lab 2 was reset: a fresh Docker host.";
});
