import { afterAll, describe, expect, it } from "vitest";
import type { ProbeFailure } from "../engine/probe";
import { changeLanguage, t } from "../i18n";
import { whyText } from "./why";

describe("why a probe failed", () => {
  afterAll(() => changeLanguage("en"));

  it("words a kernel's drop in the page's language, from the hop's note", async () => {
    const ttl: ProbeFailure = {
      kind: "dropped",
      netns: "host1",
      ifname: "docker0",
      note: { kind: "ttl-exceeded" },
    };
    const notLocal: ProbeFailure = {
      kind: "dropped",
      netns: "host1",
      ifname: "eth0",
      note: { kind: "not-local", dst: "172.18.0.2" },
    };
    expect(whyText(t, ttl)).toBe("dropped: TTL exceeded in transit");
    await changeLanguage("ru");
    expect(whyText(t, ttl)).toBe("отброшен: TTL истёк в пути");
    expect(whyText(t, notLocal)).toBe("отброшен: 172.18.0.2 — не локальный адрес, а ip_forward выключен");
    await changeLanguage("zh-CN");
    expect(whyText(t, notLocal)).toBe("被丢弃：172.18.0.2 不是本机地址，而 ip_forward 已关闭");
  });
});
