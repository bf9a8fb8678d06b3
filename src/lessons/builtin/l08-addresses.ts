import type { Lesson } from "../format";
import { DEFAULT_NETWORKS, DOCKER_NETWORK_EXPLAINED } from "../tutorials";

export const movingAddresses: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "moving-addresses",
  kind: "lesson",
  title: { en: "Addresses are not stable", "zh-CN": "容器的 IP 是会变的", ru: "Адреса непостоянны" },
  summary: {
    en: "Stop, start, re-create: watch addresses move, and see why names matter.",
    "zh-CN": "停止、启动、重建：看 IP 怎么变，明白为什么要用名字。",
    ru: "Остановка, запуск, пересоздание: посмотрите, как меняются адреса, и поймите, зачем нужны имена.",
  },
  follows: [DEFAULT_NETWORKS, DOCKER_NETWORK_EXPLAINED],
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "Start u1 and u2 and read u2's address.",
        "zh-CN": "启动 u1 和 u2，查看 u2 的 IP。",
        ru: "Запустите u1 и u2 и посмотрите адрес u2.",
      },
      commands: [
        "docker run -itd --name u1 busybox",
        "docker run -itd --name u2 busybox",
        "docker inspect -f '{{.NetworkSettings.IPAddress}}' u2",
      ],
      goals: [
        {
          text: { en: "u2 has 172.17.0.3", "zh-CN": "u2 的 IP 是 172.17.0.3", ru: "У u2 адрес 172.17.0.3" },
          check: { container: "u2", address: "172.17.0.3" },
        },
      ],
    },
    {
      text: {
        en: "Stop u2: its address goes back to the pool. Start u3: it gets u2's old address.",
        "zh-CN": "停掉 u2：它的 IP 回到地址池里。启动 u3：u3 拿到了 u2 原来的 IP。",
        ru: "Остановите u2: его адрес возвращается в пул. Запустите u3: он получает старый адрес u2.",
      },
      commands: [
        "docker stop u2",
        "docker run -itd --name u3 busybox",
        "docker inspect -f '{{.NetworkSettings.IPAddress}}' u3",
      ],
      goals: [
        {
          text: { en: "u2 is stopped", "zh-CN": "u2 已停止", ru: "u2 остановлен" },
          check: { container: "u2", state: "stopped" },
        },
        {
          text: {
            en: "u3 has 172.17.0.3, u2's old address",
            "zh-CN": "u3 拿到了 u2 原来的 IP：172.17.0.3",
            ru: "У u3 адрес 172.17.0.3 — старый адрес u2",
          },
          check: { container: "u3", address: "172.17.0.3" },
        },
      ],
    },
    {
      text: {
        en: "Start u2 again: it comes back with another address. Whoever wrote down 172.17.0.3 for u2 now talks to u3.",
        "zh-CN": "再启动 u2：它换了一个 IP。谁要是记下了 u2 是 172.17.0.3，现在连上的其实是 u3。",
        ru: "Запустите u2 снова: он вернётся с другим адресом. Кто записал для u2 адрес 172.17.0.3, теперь говорит с u3.",
      },
      commands: ["docker start u2", "docker inspect -f '{{.NetworkSettings.IPAddress}}' u2"],
      goals: [
        {
          text: {
            en: "u2 runs with 172.17.0.4",
            "zh-CN": "u2 以 172.17.0.4 运行",
            ru: "u2 работает с адресом 172.17.0.4",
          },
          check: { container: "u2", address: "172.17.0.4" },
        },
      ],
    },
    {
      text: {
        en: "Names follow the container. On a user network, u1 finds u2 wherever it is.",
        "zh-CN": "名字跟着容器走。在自定义网络上，不管 u2 的 IP 变成什么，u1 都能找到它。",
        ru: "Имя следует за контейнером. В пользовательской сети u1 найдёт u2, где бы тот ни был.",
      },
      commands: [
        "docker network create appnet",
        "docker network connect appnet u1",
        "docker network connect appnet u2",
        "docker exec u1 ping -c 1 u2",
      ],
      goals: [
        {
          text: { en: "u1 finds u2 by name", "zh-CN": "u1 能用名字找到 u2", ru: "u1 находит u2 по имени" },
          check: { resolve: { from: { container: "u1" }, name: "u2" }, toContainer: "u2" },
        },
      ],
    },
    {
      text: {
        en: "A daemon restart moves addresses too. Give u4 a restart policy and restart dockerd: every container is stopped, and only u4 comes back, on the lowest free address.",
        "zh-CN":
          "重启守护进程也会让 IP 变化。给 u4 加上重启策略，然后重启 dockerd：所有容器都被停掉，只有 u4 回来，拿到最小的空闲 IP。",
        ru: "Перезапуск демона тоже двигает адреса. Дайте u4 политику перезапуска и перезапустите dockerd: все контейнеры остановятся, вернётся только u4 — с наименьшим свободным адресом.",
      },
      commands: [
        "docker run -itd --name u4 --restart always busybox",
        "systemctl restart docker",
        "docker ps -a",
        "docker inspect -f '{{.NetworkSettings.IPAddress}}' u4",
      ],
      goals: [
        {
          text: {
            en: "u1 was stopped by the restart",
            "zh-CN": "u1 被重启停掉了",
            ru: "u1 остановлен перезапуском",
          },
          check: { container: "u1", state: "stopped" },
        },
        {
          text: {
            en: "u4 is back with 172.17.0.2",
            "zh-CN": "u4 回来了，IP 是 172.17.0.2",
            ru: "u4 вернулся с адресом 172.17.0.2",
          },
          check: { container: "u4", address: "172.17.0.2" },
        },
      ],
    },
  ],
};
