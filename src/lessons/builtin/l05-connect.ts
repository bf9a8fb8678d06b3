import type { Lesson } from "../format";
import { DOCKER_NETWORK, DOCKER_NETWORK_EXPLAINED, NETWORK_MODES_RU } from "../tutorials";

export const connectNetworks: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "connect-networks",
  kind: "lesson",
  title: {
    en: "Connecting and disconnecting networks",
    "zh-CN": "连接与断开网络",
    ru: "Подключение и отключение сетей",
  },
  summary: {
    en: "Two bridges are isolated; one container can sit on both.",
    "zh-CN": "两个网桥互相隔离；一个容器可以同时接在两个网络上。",
    ru: "Два моста изолированы друг от друга; один контейнер может быть подключён к обоим.",
  },
  follows: [DOCKER_NETWORK_EXPLAINED, NETWORK_MODES_RU, DOCKER_NETWORK],
  era: 20,
  start: {
    commands: [
      "docker network create net1",
      "docker network create net2",
      "docker run -itd --name web --net net1 busybox",
      "docker run -itd --name box --net net2 busybox",
    ],
  },
  steps: [
    {
      text: {
        en: "web is on net1, box on net2. box cannot reach web even by address: Docker's DOCKER-ISOLATION chains drop traffic from one bridge to another. Watch the ping die on the graph, and read the rule.",
        "zh-CN":
          "web 在 net1 上，box 在 net2 上。box 连用 IP 都访问不到 web：Docker 的 DOCKER-ISOLATION 链会丢弃从一个网桥去另一个网桥的流量。在图上看 ping 被丢弃的地方，再读一读那条规则。",
        ru: "web в сети net1, box в net2. box не достаёт до web даже по адресу: цепочки DOCKER-ISOLATION отбрасывают трафик из одного моста в другой. Посмотрите на графе, где гибнет ping, и прочитайте правило.",
      },
      commands: ["docker exec box ping -c 1 -W 1 {{ip:web}}", "iptables -S DOCKER-ISOLATION-STAGE-2"],
    },
    {
      text: {
        en: "Connect box to net1 as well: it gets a second interface, eth1, on net1's bridge.",
        "zh-CN": "把 box 也连到 net1：它会多出第二块网卡 eth1，接在 net1 的网桥上。",
        ru: "Подключите box ещё и к net1: у него появится второй интерфейс, eth1, на мосту net1.",
      },
      commands: ["docker network connect net1 box", "docker exec box ip addr"],
      goals: [
        {
          text: { en: "box is on net1", "zh-CN": "box 已连到 net1", ru: "box подключён к net1" },
          check: { container: "box", network: "net1" },
        },
        {
          text: {
            en: "box reaches web by name",
            "zh-CN": "box 能用名字访问 web",
            ru: "box достаёт до web по имени",
          },
          check: { reach: { from: { container: "box" }, to: "web" } },
        },
      ],
    },
    {
      text: {
        en: "Disconnect box from net2: its eth0 there goes away.",
        "zh-CN": "把 box 从 net2 断开：它在那个网络上的 eth0 就没了。",
        ru: "Отключите box от net2: его eth0 в этой сети исчезнет.",
      },
      commands: ["docker network disconnect net2 box", "docker exec box ip addr"],
      goals: [
        {
          text: { en: "box has left net2", "zh-CN": "box 已离开 net2", ru: "box покинул net2" },
          check: { not: { container: "box", network: "net2" } },
        },
        {
          text: { en: "box still runs", "zh-CN": "box 仍在运行", ru: "box по-прежнему работает" },
          check: { container: "box", state: "running" },
        },
      ],
    },
    {
      text: {
        en: "A network with endpoints cannot be removed, and the predefined ones never. net2 is empty now: remove it, then try `bridge`.",
        "zh-CN":
          "还有端点（endpoint）的网络不能删除，预定义的网络永远不能删。net2 现在空了：删掉它，再试试删 `bridge`。",
        ru: "Сеть с конечными точками удалить нельзя, а предопределённые — никогда. net2 теперь пуста: удалите её, потом попробуйте `bridge`.",
      },
      commands: ["docker network rm net2", "docker network rm bridge"],
      goals: [
        {
          text: { en: "net2 is gone", "zh-CN": "net2 已删除", ru: "net2 удалена" },
          check: { network: "net2", exists: false },
        },
      ],
    },
  ],
};
