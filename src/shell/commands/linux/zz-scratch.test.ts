import { test } from "vitest";
import { createLab, printed, run } from "../../lab";

test("scratch", () => {
  const lab = createLab();
  let out = "";
  for (const line of (process.env.LINES ?? "").split("\n")) {
    if (!line) continue;
    const quiet = line.startsWith("@");
    const r = run(lab, quiet ? line.slice(1) : line);
    if (!quiet) out += `$ ${line}\n${printed(r)}[exit ${r.exit}]\n\n`;
  }
  const subs: string[] = [];
  for (const ns of Object.values(lab.world.netns))
    for (const l of ns.links) subs.push(`${ns.id} ${l.ifindex} ${l.name} ${l.mac}`);
  console.log("BEGIN\n" + out + "\nLINKS\n" + subs.join("\n"));
});
