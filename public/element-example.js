// The element example's side: run() returns {stdout, stderr, exitCode}; events carry the message in detail.
const lab = document.getElementById("lab");
const typed = [];

lab.addEventListener("lab:ready", () => {
  document.getElementById("status").textContent = "The lab is ready.";
});

lab.addEventListener("lab:command", (event) => {
  typed.push(event.detail.command);
  document.getElementById("typed").textContent = typed.join(" · ");
});

document.getElementById("ping").addEventListener("click", async () => {
  const command = "docker exec alpha ping -c 1 172.17.0.3";
  const { stdout, stderr, exitCode } = await lab.run(command);
  document.getElementById("result").textContent = `$ ${command}\n${stdout}${stderr}[exit ${exitCode}]`;
});
