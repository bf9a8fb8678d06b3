import type { Lesson } from "../format";
import { DEFAULT_NETWORKS, DOCKER_NETWORK } from "../tutorials";

export const legacyLink: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "legacy-link",
  kind: "lesson",
  title: {
    en: "--link and /etc/hosts, and why it is legacy",
    "zh-CN": "--link 与 /etc/hosts，以及它为什么过时了",
    ru: "--link и /etc/hosts, и почему это устарело",
  },
  summary: {
    en: "A link is one line in /etc/hosts, written once: see it go stale.",
    "zh-CN": "link 只是 /etc/hosts 里写一次的一行：看看它怎么过期。",
    ru: "Связь — это одна строка в /etc/hosts, записанная один раз: посмотрите, как она устаревает.",
  },
  follows: [DOCKER_NETWORK, DEFAULT_NETWORKS],
  era: 20,
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "Start busy1, then busy2 linked to it.",
        "zh-CN": "先启动 busy1，再启动用 --link 连到它的 busy2。",
        ru: "Запустите busy1, затем busy2, связанный с ним.",
      },
      commands: ["docker run -itd --name busy1 busybox", "docker run -itd --name busy2 --link busy1 busybox"],
      goals: [
        {
          text: {
            en: "busy2 finds busy1 by name",
            "zh-CN": "busy2 能用名字找到 busy1",
            ru: "busy2 находит busy1 по имени",
          },
          check: { resolve: { from: { container: "busy2" }, name: "busy1" }, toContainer: "busy1" },
        },
      ],
    },
    {
      text: {
        en: "A link is no DNS: Docker wrote a line into busy2's /etc/hosts with busy1's address, name and ID.",
        "zh-CN":
          "link 不是 DNS：Docker 在 busy2 的 /etc/hosts 里写了一行，包括 busy1 的地址、名字和容器 ID。",
        ru: "Связь — это не DNS: Docker записал в /etc/hosts контейнера busy2 строку с адресом, именем и ID busy1.",
      },
      commands: ["docker exec busy2 cat /etc/hosts", "docker exec busy2 ping -c 1 busy1"],
    },
    {
      text: {
        en: "Links go one way: busy1 has no line for busy2.",
        "zh-CN": "link 是单向的：busy1 里没有 busy2 的那一行。",
        ru: "Связь односторонняя: у busy1 нет строки для busy2.",
      },
      commands: ["docker exec busy1 ping -c 1 busy2"],
    },
    {
      text: {
        en: "Re-create busy1 after another container took its old address. busy2's line still says the old address: it now leads to busy3.",
        "zh-CN":
          "删掉 busy1，让另一个容器先拿到它原来的地址，再重新创建 busy1。busy2 里那一行还是旧地址：现在它指向了 busy3。",
        ru: "Пересоздайте busy1 после того, как его старый адрес занял другой контейнер. В строке у busy2 по-прежнему старый адрес: теперь он ведёт к busy3.",
      },
      commands: [
        "docker rm -f busy1",
        "docker run -itd --name busy3 busybox",
        "docker run -itd --name busy1 busybox",
        "docker exec busy2 cat /etc/hosts",
      ],
      goals: [
        {
          text: { en: "busy1 runs again", "zh-CN": "busy1 重新运行起来了", ru: "busy1 снова работает" },
          check: { container: "busy1", state: "running" },
        },
        {
          text: {
            en: "busy2's entry for busy1 is stale: it no longer leads to busy1",
            "zh-CN": "busy2 里 busy1 的条目过期了：它不再指向 busy1",
            ru: "Запись о busy1 у busy2 устарела: она больше не ведёт к busy1",
          },
          check: {
            all: [
              { resolve: { from: { container: "busy2" }, name: "busy1" } },
              { not: { resolve: { from: { container: "busy2" }, name: "busy1" }, toContainer: "busy1" } },
            ],
          },
        },
      ],
    },
  ],
};
