import type { Lesson } from "../format";
import { DEFAULT_NETWORKS, DOCKER_NETWORK_EXPLAINED, NETWORK_MODES_RU } from "../tutorials";

export const networkModes: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "network-modes",
  kind: "lesson",
  title: {
    en: "Network modes: host, none, container:",
    "zh-CN": "网络模式：host、none、container:",
    ru: "Сетевые режимы: host, none, container:",
  },
  summary: {
    en: "Share the host's stack, have none at all, or share another container's.",
    "zh-CN": "和宿主机共用网络栈、完全没有网络，或者和另一个容器共用。",
    ru: "Общий с хостом сетевой стек, никакого стека или общий с другим контейнером.",
  },
  follows: [DOCKER_NETWORK_EXPLAINED, NETWORK_MODES_RU, DEFAULT_NETWORKS],
  era: 20,
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "`--network host`: no namespace of its own, the container uses the host's interfaces and ports. The `-p` is discarded with a warning: nginx simply listens on the host's port 80.",
        "zh-CN":
          "`--network host`：容器没有自己的网络命名空间，直接用宿主机的网卡和端口。`-p` 会被忽略并给出警告：nginx 直接监听宿主机的 80 端口。",
        ru: "`--network host`: своего пространства имён нет, контейнер использует интерфейсы и порты хоста. `-p` отбрасывается с предупреждением: nginx просто слушает порт 80 хоста.",
      },
      commands: ["docker run -d -p 8083:80 --network host --name web nginx", "ss -tlnp"],
      goals: [
        {
          text: {
            en: "web runs in host mode",
            "zh-CN": "web 以 host 模式运行",
            ru: "web работает в режиме host",
          },
          check: { container: "web", mode: "host", state: "running" },
        },
        {
          text: {
            en: "nginx answers on the host's port 80",
            "zh-CN": "nginx 在宿主机的 80 端口上应答",
            ru: "nginx отвечает на порту 80 хоста",
          },
          check: { reach: { from: { machine: "host1" }, to: "127.0.0.1", port: 80 } },
        },
      ],
    },
    {
      text: {
        en: "`--network none`: a namespace with only `lo`. No way in, no way out.",
        "zh-CN": "`--network none`：命名空间里只有 `lo`。进不来，也出不去。",
        ru: "`--network none`: пространство имён только с `lo`. Ни войти, ни выйти.",
      },
      commands: ["docker run -itd --network none --name lonely busybox", "docker exec lonely ip addr"],
      goals: [
        {
          text: {
            en: "lonely runs with no network",
            "zh-CN": "lonely 在没有网络的情况下运行",
            ru: "lonely работает без сети",
          },
          check: { container: "lonely", mode: "none", state: "running" },
        },
        {
          text: {
            en: "lonely has no route anywhere",
            "zh-CN": "lonely 没有任何路由",
            ru: "У lonely нет маршрута никуда",
          },
          check: { reach: { from: { container: "lonely" }, to: "8.8.8.8" }, ok: false, failure: "no-route" },
        },
      ],
    },
    {
      text: {
        en: "`--network container:alpine1`: alpine2 joins alpine1's namespace. Same eth0, same address, 127.0.0.1 shared.",
        "zh-CN":
          "`--network container:alpine1`：alpine2 加入 alpine1 的命名空间。同一个 eth0、同一个 IP，连 127.0.0.1 都是共用的。",
        ru: "`--network container:alpine1`: alpine2 входит в пространство имён alpine1. Тот же eth0, тот же адрес, общий 127.0.0.1.",
      },
      commands: [
        "docker run -itd --name alpine1 alpine",
        "docker run -itd --network container:alpine1 --name alpine2 alpine",
        "docker exec alpine2 ip addr",
      ],
      goals: [
        {
          text: {
            en: "alpine2 shares alpine1's namespace",
            "zh-CN": "alpine2 与 alpine1 共用命名空间",
            ru: "alpine2 делит пространство имён с alpine1",
          },
          check: { container: "alpine2", mode: "container", state: "running" },
        },
        {
          text: { en: "alpine2 sees an eth0", "zh-CN": "alpine2 里能看到 eth0", ru: "alpine2 видит eth0" },
          check: { link: { in: { container: "alpine2" }, name: "eth0" } },
        },
      ],
    },
    {
      text: {
        en: "Stop alpine1: alpine2 keeps running, with `lo` alone.",
        "zh-CN": "停掉 alpine1：alpine2 还在运行，但只剩下 `lo`。",
        ru: "Остановите alpine1: alpine2 продолжает работать, но только с `lo`.",
      },
      commands: ["docker stop alpine1", "docker exec alpine2 ip addr"],
      goals: [
        {
          text: {
            en: "alpine2 has lost eth0",
            "zh-CN": "alpine2 的 eth0 不见了",
            ru: "alpine2 потерял eth0",
          },
          check: { link: { in: { container: "alpine2" }, name: "eth0" }, exists: false },
        },
      ],
    },
    {
      text: {
        en: "Starting alpine1 again does not give it back: alpine2 must be restarted to join the new namespace.",
        "zh-CN": "重新启动 alpine1 也不会把 eth0 还回来：alpine2 必须重启，才能加入新的命名空间。",
        ru: "Повторный запуск alpine1 его не вернёт: alpine2 нужно перезапустить, чтобы он вошёл в новое пространство имён.",
      },
      commands: ["docker start alpine1", "docker exec alpine2 ip addr", "docker restart alpine2"],
      goals: [
        {
          text: {
            en: "alpine2 has an eth0 again",
            "zh-CN": "alpine2 又有 eth0 了",
            ru: "У alpine2 снова есть eth0",
          },
          check: { link: { in: { container: "alpine2" }, name: "eth0" } },
        },
      ],
    },
  ],
};
