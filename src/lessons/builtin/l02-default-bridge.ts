import type { Lesson } from "../format";
import { DEFAULT_NETWORKS, DOCKER_NETWORK, NETWORK_MODES_RU } from "../tutorials";

export const defaultBridge: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "default-bridge",
  kind: "lesson",
  title: {
    en: "The default bridge: by IP yes, by name no",
    "zh-CN": "默认网桥：能用 IP 通，不能用名字通",
    ru: "Мост по умолчанию: по IP — да, по имени — нет",
  },
  summary: {
    en: "Containers on docker0 reach each other by address, not by name. Find out why.",
    "zh-CN": "docker0 上的容器之间能用 IP 互通，却不能用名字互通。找出原因。",
    ru: "Контейнеры на docker0 видят друг друга по адресу, но не по имени. Выясните почему.",
  },
  follows: [DOCKER_NETWORK, NETWORK_MODES_RU, DEFAULT_NETWORKS],
  era: 20,
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "Start two containers without `--network`: both land on the default bridge, docker0.",
        "zh-CN": "不加 `--network` 启动两个容器：它们都会接到默认网桥 docker0 上。",
        ru: "Запустите два контейнера без `--network`: оба попадут в мост по умолчанию, docker0.",
      },
      commands: ["docker run -itd --name busy1 busybox", "docker run -itd --name busy2 busybox"],
      goals: [
        {
          text: {
            en: "busy1 runs on the default bridge",
            "zh-CN": "busy1 在默认网桥上运行",
            ru: "busy1 работает в мосте по умолчанию",
          },
          check: { container: "busy1", network: "bridge" },
        },
        {
          text: {
            en: "busy2 runs on the default bridge",
            "zh-CN": "busy2 在默认网桥上运行",
            ru: "busy2 работает в мосте по умолчанию",
          },
          check: { container: "busy2", network: "bridge" },
        },
      ],
    },
    {
      text: {
        en: "Ping busy2 from busy1 by its address: the bridge forwards the frames, the ping gets its answers.",
        "zh-CN": "在 busy1 里用 IP 去 ping busy2：网桥转发数据帧，ping 能收到回应。",
        ru: "Пропингуйте busy2 из busy1 по адресу: мост пересылает кадры, и ping получает ответы.",
      },
      commands: ["docker exec busy1 ping -c 2 {{ip:busy2}}"],
    },
    {
      text: {
        en: "Now by name: `ping: bad address 'busy2'`. Read busy1's /etc/resolv.conf: it is a copy of the host's, with no `127.0.0.11`. The default bridge has no embedded DNS, so nobody knows the name busy2.",
        "zh-CN":
          "再用名字试试：`ping: bad address 'busy2'`。看看 busy1 的 /etc/resolv.conf：它是宿主机那份的拷贝，里面没有 `127.0.0.11`。默认网桥没有内嵌 DNS，所以没人认识 busy2 这个名字。",
        ru: "Теперь по имени: `ping: bad address 'busy2'`. Посмотрите /etc/resolv.conf в busy1: это копия файла хоста, без `127.0.0.11`. У моста по умолчанию нет встроенного DNS, поэтому имени busy2 никто не знает.",
      },
      commands: ["docker exec busy1 ping -c 1 busy2", "docker exec busy1 cat /etc/resolv.conf"],
    },
    {
      text: {
        en: "The old way around this is `--link` (next lesson); today's is a user-defined network, where names work (the lesson after).",
        "zh-CN": "老办法是用 `--link`（下一课）；现在的做法是自定义网络，在那里名字可以解析（再下一课）。",
        ru: "Старый обходной путь — `--link` (следующий урок); современный — пользовательская сеть, где имена работают (урок после него).",
      },
    },
  ],
};
