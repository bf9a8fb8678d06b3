import type { Lesson } from "../format";
import { DOCKER_NETWORK, DOCKER_NETWORK_EXPLAINED } from "../tutorials";

export const vethPairs: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "veth-pairs",
  kind: "lesson",
  title: { en: "docker0 and veth pairs", "zh-CN": "docker0 网桥与 veth pair", ru: "docker0 и пары veth" },
  summary: {
    en: "Find both ends of the virtual cable that joins a container to the docker0 bridge.",
    "zh-CN": "找到把容器接到 docker0 网桥上的那根虚拟网线的两端。",
    ru: "Найдите оба конца виртуального кабеля, который соединяет контейнер с мостом docker0.",
  },
  follows: [DOCKER_NETWORK, DOCKER_NETWORK_EXPLAINED],
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "When Docker starts it creates `docker0`, a Linux bridge: a software switch that forwards frames between the interfaces plugged into it. Start a container: Docker plugs it into docker0.",
        "zh-CN":
          "Docker 启动时会创建 `docker0`，它是一个 Linux 网桥，可以理解为一个软件交换机，在挂在它上面的网口之间转发数据帧。启动一个容器，Docker 会把它接到 docker0 上。",
        ru: "При запуске Docker создаёт `docker0` — мост Linux, то есть программный коммутатор, который пересылает кадры между подключёнными к нему интерфейсами. Запустите контейнер: Docker подключит его к docker0.",
      },
      commands: ["docker run -itd --name busy1 busybox"],
      goals: [
        {
          text: { en: "busy1 is running", "zh-CN": "busy1 正在运行", ru: "busy1 работает" },
          check: { container: "busy1", state: "running" },
        },
      ],
    },
    {
      text: {
        en: "Look inside busy1. Its `eth0@ifN` is one end of a veth pair: N is the interface number of the other end, which is on the host.",
        "zh-CN":
          "进入 busy1 看一看。它的 `eth0@ifN` 是一对 veth pair 的一端：N 是另一端网卡的编号，那一端在宿主机上。",
        ru: "Загляните внутрь busy1. Его `eth0@ifN` — один конец пары veth: N — номер интерфейса на другом конце, а тот конец находится на хосте.",
      },
      commands: ["docker exec busy1 ip addr"],
    },
    {
      text: {
        en: "On the host, `ip addr` shows `vethXXXXXXX@ifM`, where M is busy1's eth0, and `brctl show` lists that veth as a port of docker0. Two ends, one cable.",
        "zh-CN":
          "在宿主机上，`ip addr` 里能看到 `vethXXXXXXX@ifM`，M 就是 busy1 里 eth0 的编号；`brctl show` 显示这个 veth 挂在 docker0 上。两个端口，一根网线。",
        ru: "На хосте `ip addr` показывает `vethXXXXXXX@ifM`, где M — это eth0 контейнера busy1, а `brctl show` показывает этот veth как порт docker0. Два конца — один кабель.",
      },
      commands: ["ip addr", "brctl show"],
    },
    {
      text: {
        en: "Prove it is one cable: take the host end down (the veth whose `@if` number is busy1's eth0).",
        "zh-CN":
          "证明它们是同一根网线：把宿主机这一端关掉（就是 `@if` 后面的编号等于 busy1 里 eth0 编号的那个 veth）。",
        ru: "Докажите, что это один кабель: выключите конец на хосте (тот veth, у которого номер после `@if` совпадает с eth0 контейнера busy1).",
      },
      commands: ["ip link set {{peer:busy1:eth0}} down", "docker exec busy1 ping -c 1 -W 1 172.17.0.1"],
      goals: [
        {
          text: {
            en: "The host end of busy1's pair is down",
            "zh-CN": "busy1 那对 veth 在宿主机上的一端已关闭",
            ru: "Конец пары busy1 на хосте выключен",
          },
          check: { link: { in: { container: "busy1" }, peerOf: "eth0" }, up: false },
          hints: [
            {
              text: {
                en: "`ip addr` on the host: the veth whose @ifN is busy1's eth0 index.",
                "zh-CN": "在宿主机上执行 `ip addr`：找 @ifN 等于 busy1 里 eth0 编号的那个 veth。",
                ru: "`ip addr` на хосте: ищите veth, у которого @ifN равен номеру eth0 в busy1.",
              },
            },
          ],
        },
      ],
    },
    {
      text: {
        en: "The ping went nowhere: the cable is cut at the bridge. Bring it back up and ping docker0 again.",
        "zh-CN": "ping 不通了：网线在网桥这一端被断开了。把它重新启用，再 ping 一次 docker0。",
        ru: "Ping никуда не дошёл: кабель отключён со стороны моста. Включите его снова и ещё раз пропингуйте docker0.",
      },
      commands: ["ip link set {{peer:busy1:eth0}} up", "docker exec busy1 ping -c 1 172.17.0.1"],
      goals: [
        {
          text: {
            en: "busy1 reaches docker0 (172.17.0.1) again",
            "zh-CN": "busy1 又能访问 docker0（172.17.0.1）了",
            ru: "busy1 снова достаёт до docker0 (172.17.0.1)",
          },
          check: { reach: { from: { container: "busy1" }, to: "172.17.0.1" } },
        },
      ],
    },
  ],
};
