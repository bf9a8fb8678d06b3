import { describe, expect, it } from "vitest";
import { createLab, printed, run } from "../shell/lab";
import { en } from "./en";
import { helpText } from "./help";
import { changeLanguage, LANGUAGES, t } from "./index";
import { ru } from "./ru";
import { zhCN } from "./zh-CN";

const MESSAGES = { en, "zh-CN": zhCN, ru } as const;

import { detectLanguage, localeOf, matchLanguage } from "./languages";

/** Every key path of a message tree, with its text. */
function entries(tree: object, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("interface text", () => {
  const english = new Map(entries(MESSAGES.en));

  it.each(LANGUAGES.filter((l) => l !== "en"))("%s has every key English has, and no other", (language) => {
    const own = new Map(entries(MESSAGES[language]));
    expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of own) {
      expect(text.trim(), key).not.toBe("");
      expect(placeholders(text), key).toEqual(placeholders(english.get(key) ?? ""));
    }
  });

  it("t() follows the language chosen, once its words have loaded, with values filled in", async () => {
    await changeLanguage("ru");
    expect(t("graph.label.bridge", { name: "docker0" })).toBe("мост docker0");
    await changeLanguage("zh-CN");
    expect(t("inspector.values.containerCount", { running: 1, all: 3 })).toBe("运行中 1 个，共 3 个");
    // A choice made while another language loads wins over it.
    const slow = changeLanguage("ru");
    await changeLanguage("en");
    await slow;
    expect(t("toolbar.reset")).toBe("Reset lab");
  });
});

describe("choosing the language", () => {
  it("maps browser tags and locales onto the lab's languages", () => {
    expect(matchLanguage("zh-Hans-CN")).toBe("zh-CN");
    expect(matchLanguage("zh")).toBe("zh-CN");
    expect(matchLanguage("zh_CN.UTF-8")).toBe("zh-CN");
    expect(matchLanguage("zh-TW")).toBeUndefined();
    expect(matchLanguage("ru-RU")).toBe("ru");
    expect(matchLanguage("en-GB")).toBe("en");
    expect(matchLanguage("de-DE")).toBeUndefined();
    expect(matchLanguage("")).toBeUndefined();
  });

  it("takes ?lang= first, then the remembered choice, then the browser's languages, else English", () => {
    expect(detectLanguage({ search: "?lang=ru", stored: "zh-CN", browser: ["en-US"] })).toBe("ru");
    expect(detectLanguage({ search: "?lang=xx", stored: "zh-CN", browser: ["ru"] })).toBe("zh-CN");
    expect(detectLanguage({ search: "", stored: null, browser: ["de-DE", "ru-RU", "en"] })).toBe("ru");
    expect(detectLanguage({ search: "", stored: "klingon", browser: ["fr"] })).toBe("en");
  });
});

describe("help", () => {
  const commandsOf = (text: string) =>
    text
      .split("\n")
      .filter((line) => /^ {2}(docker (run|exec|network ls|network create)|ssh) /.test(line))
      .map((line) => line.trim().split(/ {3,}/)[0]);

  it("names the same commands in every language, and no internal names", () => {
    const english = commandsOf(helpText("en"));
    expect(english).toHaveLength(11);
    for (const language of LANGUAGES) {
      expect(commandsOf(helpText(language))).toEqual(english);
      expect(helpText(language)).not.toMatch(/seed/i);
    }
  });

  it("fits every language in the width the English text takes (CJK characters take two columns)", () => {
    const width = (line: string) =>
      [...line].reduce(
        (w, c) =>
          w +
          (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
            c,
          )
            ? 2
            : 1),
        0,
      );
    const widest = (text: string) => Math.max(...text.split("\n").map(width));
    for (const language of LANGUAGES)
      expect(widest(helpText(language)), language).toBeLessThanOrEqual(widest(helpText("en")));
  });

  it("speaks the language of the tab's login shell, also inside a container", () => {
    const lab = createLab();
    expect(printed(run(lab, "help"))).toBe(helpText("en"));
    run(lab, `export LANG=${localeOf("ru")}`);
    expect(printed(run(lab, "help"))).toBe(helpText("ru"));
    run(lab, "docker run -itd --name b busybox");
    run(lab, "docker exec -it b sh");
    expect(printed(run(lab, "help"))).toBe(helpText("ru"));
  });
});
