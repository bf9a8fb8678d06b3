import type { Lesson } from "../format";
import { NETWORK_MODES_RU } from "../tutorials";

export const byHand: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "by-hand",
  kind: "lesson",
  title: {
    en: "A container's network, built by hand",
    "zh-CN": "手工搭建容器网络",
    ru: "Сеть контейнера своими руками",
  },
  summary: {
    en: "ip netns, a veth pair, brctl addif, an address and a default route: what Docker does for you.",
    "zh-CN": "ip netns、veth pair、brctl addif、IP 地址和默认路由：Docker 替你做的那些事。",
    ru: "ip netns, пара veth, brctl addif, адрес и маршрут по умолчанию: то, что Docker делает за вас.",
  },
  follows: [NETWORK_MODES_RU],
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "Make a network namespace, and a veth pair: a virtual cable with two ends, A and B.",
        "zh-CN": "创建一个网络命名空间和一对 veth pair：一根有两端（A 和 B）的虚拟网线。",
        ru: "Создайте сетевое пространство имён и пару veth — виртуальный кабель с двумя концами, A и B.",
      },
      commands: ["ip netns add red", "ip link add A type veth peer name B"],
      goals: [
        {
          text: {
            en: "the namespace red exists",
            "zh-CN": "命名空间 red 已存在",
            ru: "пространство имён red существует",
          },
          check: { netns: "red", exists: true },
        },
        {
          text: {
            en: "the veth end A is on the host",
            "zh-CN": "veth 的 A 端在宿主机上",
            ru: "конец veth A находится на хосте",
          },
          check: { link: { in: { machine: "host1" }, name: "A" } },
        },
      ],
    },
    {
      text: {
        en: "Plug A into docker0, as Docker plugs its vethXXX, and bring it up.",
        "zh-CN": "像 Docker 挂它的 vethXXX 那样，把 A 挂到 docker0 上，并启用它。",
        ru: "Подключите A к docker0, как Docker подключает свои vethXXX, и включите его.",
      },
      commands: ["brctl addif docker0 A", "ip link set A up"],
      goals: [
        {
          text: {
            en: "A is up and a port of docker0",
            "zh-CN": "A 已启用，并且是 docker0 的一个端口",
            ru: "A включён и является портом docker0",
          },
          check: { link: { in: { machine: "host1" }, name: "A" }, up: true, master: "docker0" },
        },
      ],
    },
    {
      text: {
        en: "Move B into red, name it eth0, bring it up, give it an address on docker0's subnet and a default route via docker0.",
        "zh-CN":
          "把 B 移进 red，改名为 eth0，启用它，给它配一个 docker0 网段里的 IP，再加一条经 docker0 的默认路由。",
        ru: "Переместите B в red, назовите его eth0, включите, дайте ему адрес из подсети docker0 и маршрут по умолчанию через docker0.",
      },
      commands: [
        "ip link set B netns red",
        "ip netns exec red ip link set dev B name eth0",
        "ip netns exec red ip link set eth0 up",
        "ip netns exec red ip addr add 172.17.0.10/16 dev eth0",
        "ip netns exec red ip route add default via 172.17.0.1",
      ],
      goals: [
        {
          text: {
            en: "red's eth0 is up with 172.17.0.10/16",
            "zh-CN": "red 里的 eth0 已启用，地址是 172.17.0.10/16",
            ru: "eth0 в red включён, адрес 172.17.0.10/16",
          },
          check: { link: { in: { netns: "red" }, name: "eth0" }, up: true, address: "172.17.0.10/16" },
        },
        {
          text: {
            en: "red has a default route via 172.17.0.1",
            "zh-CN": "red 有一条经 172.17.0.1 的默认路由",
            ru: "У red есть маршрут по умолчанию через 172.17.0.1",
          },
          check: { route: { in: { netns: "red" }, to: "default" }, via: "172.17.0.1" },
        },
      ],
    },
    {
      text: {
        en: "red now behaves like a container: a real one reaches it on docker0, and it reaches the internet through the host's NAT.",
        "zh-CN": "red 现在就像一个容器：真正的容器能通过 docker0 访问它，它也能经宿主机的 NAT 访问外网。",
        ru: "Теперь red ведёт себя как контейнер: настоящий контейнер достаёт до него через docker0, а он выходит в интернет через NAT хоста.",
      },
      commands: [
        "docker run -itd --name busy1 busybox",
        "docker exec busy1 ping -c 1 172.17.0.10",
        "ip netns exec red ping -c 1 8.8.8.8",
      ],
      goals: [
        {
          text: {
            en: "busy1 reaches 172.17.0.10",
            "zh-CN": "busy1 能访问 172.17.0.10",
            ru: "busy1 достаёт до 172.17.0.10",
          },
          check: { reach: { from: { container: "busy1" }, to: "172.17.0.10" } },
        },
        {
          text: { en: "red reaches 8.8.8.8", "zh-CN": "red 能访问 8.8.8.8", ru: "red достаёт до 8.8.8.8" },
          check: { reach: { from: { netns: "red" }, to: "8.8.8.8" } },
        },
      ],
    },
  ],
};
