import type { Lesson } from "../format";
import { DEFAULT_NETWORKS_KV, NETWORK_MODES_RU } from "../tutorials";

export const acrossHosts: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "across-hosts",
  kind: "lesson",
  title: {
    en: "Across hosts (swarm, overlay, VXLAN)",
    "zh-CN": "跨主机通信（swarm、overlay、VXLAN）",
    ru: "Между хостами (swarm, overlay, VXLAN)",
  },
  summary: {
    en: "Two Docker hosts on one LAN, a swarm, an overlay network across them, and a ping wrapped in VXLAN on the way.",
    "zh-CN":
      "同一局域网上的两台 Docker 宿主机、一个 swarm 集群、一个跨主机的 overlay 网络，以及一路被 VXLAN 封装的 ping。",
    ru: "Два Docker-хоста в одной локальной сети, swarm, overlay-сеть поверх них и ping, который по дороге заворачивается в VXLAN.",
  },
  follows: [NETWORK_MODES_RU, DEFAULT_NETWORKS_KV],
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "A network across hosts needs a second host. Add one with the toolbar's Hosts menu, or type the lab's own command `lab host add`: host2 comes up at 192.168.0.101 on the same LAN, with its own docker0 and a terminal tab.",
        "zh-CN":
          "跨主机的网络首先需要第二台宿主机。用工具栏的“宿主机”菜单添加一台，或者输入实验环境自带的命令 `lab host add`：host2 会以 192.168.0.101 出现在同一个局域网上，有自己的 docker0 和自己的终端标签页。",
        ru: "Для сети между хостами нужен второй хост. Добавьте его меню «Хосты» на панели инструментов или собственной командой лаборатории `lab host add`: host2 появится в той же локальной сети с адресом 192.168.0.101, со своим docker0 и своей вкладкой терминала.",
      },
      commands: ["lab host add"],
      goals: [
        {
          text: {
            en: "host2 runs a Docker daemon",
            "zh-CN": "host2 上运行着 Docker 守护进程",
            ru: "на host2 работает демон Docker",
          },
          check: { network: "bridge", machine: "host2" },
        },
      ],
    },
    {
      text: {
        en: "The 2016 tutorials give overlays a key-value store: every dockerd started with `--cluster-store=consul://…` and `--cluster-advertise=eth0:2376` (Consul, etcd or ZooKeeper). That is history: Docker 23 removed those flags (try `dockerd --cluster-store=consul://192.168.0.200:8500` to see engine 26 refuse it), and overlays now live in swarm mode, whose managers keep the state in their own Raft store. Make host1 a manager.",
        "zh-CN":
          "2016 年前后的教程要先给 overlay 准备一个 key-value 存储：每个 dockerd 都要带上 `--cluster-store=consul://…` 和 `--cluster-advertise=eth0:2376` 启动（Consul、etcd 或 ZooKeeper）。这已经是历史了：Docker 23 删掉了这些参数（输入 `dockerd --cluster-store=consul://192.168.0.200:8500`，看看 26 版引擎怎么拒绝它），现在的 overlay 网络依托 swarm 模式，由管理节点用自带的 Raft 存储保存状态。先把 host1 变成管理节点。",
        ru: "Учебники 2016 года дают overlay-сетям хранилище «ключ — значение»: каждый dockerd запускался с `--cluster-store=consul://…` и `--cluster-advertise=eth0:2376` (Consul, etcd или ZooKeeper). Это история: в Docker 23 эти флаги убрали (наберите `dockerd --cluster-store=consul://192.168.0.200:8500` и посмотрите, как движок 26 его отвергнет), а overlay-сети теперь живут в режиме swarm, где менеджеры хранят состояние в собственном хранилище Raft. Сделайте host1 менеджером.",
      },
      commands: ["docker swarm init --advertise-addr 192.168.0.102", "docker network ls"],
      goals: [
        {
          text: {
            en: "host1 is a swarm manager with the ingress overlay",
            "zh-CN": "host1 是 swarm 管理节点，并有了 ingress overlay 网络",
            ru: "host1 — менеджер swarm, у него есть overlay-сеть ingress",
          },
          check: { network: "ingress", driver: "overlay" },
        },
      ],
    },
    {
      text: {
        en: "In host2's tab, join the swarm with the worker token that `swarm init` printed (`docker swarm join-token worker` on host1 prints it again). host2 gets ingress and docker_gwbridge too.",
        "zh-CN":
          "在 host2 的标签页里，用 `swarm init` 打印出的 worker 令牌加入集群（在 host1 上执行 `docker swarm join-token worker` 可以再看一次）。host2 也会有 ingress 和 docker_gwbridge。",
        ru: "Во вкладке host2 присоединитесь к swarm с токеном рабочего узла, который напечатал `swarm init` (на host1 его снова покажет `docker swarm join-token worker`). У host2 тоже появятся ingress и docker_gwbridge.",
      },
      on: "host2",
      commands: ["docker swarm join --token {{token:worker}} 192.168.0.102:2377", "docker network ls"],
      goals: [
        {
          text: { en: "host2 is in the swarm", "zh-CN": "host2 已加入集群", ru: "host2 в swarm" },
          check: {
            all: [
              { network: "ingress", machine: "host2", driver: "overlay" },
              { network: "docker_gwbridge", machine: "host2" },
            ],
          },
        },
      ],
    },
    {
      text: {
        en: "On the manager, create an overlay that plain containers may join (`--attachable`), and start c1 on it. Docker builds a namespace for the network with a bridge br0 and a vxlan device carrying the network's VNI, and gives c1 a second interface, eth1 on docker_gwbridge, for the way out.",
        "zh-CN":
          "在管理节点上创建一个允许普通容器加入的 overlay 网络（`--attachable`），并在上面启动 c1。Docker 会为这个网络建一个命名空间，里面有网桥 br0 和带着该网络 VNI 的 vxlan 设备；c1 还会多一块网卡 eth1，接在 docker_gwbridge 上，用来访问外网。",
        ru: "На менеджере создайте overlay-сеть, к которой можно подключать обычные контейнеры (`--attachable`), и запустите в ней c1. Docker строит для сети пространство имён с мостом br0 и устройством vxlan с VNI этой сети, а c1 получает второй интерфейс, eth1 в docker_gwbridge, для выхода наружу.",
      },
      commands: [
        "docker network create -d overlay --attachable ov",
        "docker run -dit --name c1 --network ov busybox",
        "docker exec c1 ip addr",
      ],
      goals: [
        {
          text: { en: "c1 runs on ov", "zh-CN": "c1 运行在 ov 上", ru: "c1 работает в сети ov" },
          check: { container: "c1", network: "ov", state: "running" },
        },
      ],
    },
    {
      text: {
        en: "In host2's tab, start c2 on the same overlay: its address comes from the same subnet as c1's, one network across two hosts. Then ping c1 by name from c2 and watch the graph: the embedded DNS answers across hosts, then host2's vxlan device wraps the frame in outer Ethernet, IPv4 from 192.168.0.101 to 192.168.0.102, UDP to port 4789 and a VXLAN header with the VNI; the token travels the tunnel above the hosts and host1 unwraps it. Click the token to see both layers; the outer packet is 50 bytes longer.",
        "zh-CN":
          "在 host2 的标签页里，把 c2 也启动在这个 overlay 网络上：它的地址和 c1 来自同一个子网，一个网络横跨两台主机。然后在 c2 里按名字 ping c1，并看着图：内嵌 DNS 跨主机给出答案；随后 host2 上的 vxlan 设备把数据帧封装起来，外面加上以太网头、从 192.168.0.101 到 192.168.0.102 的 IPv4 头、目的端口 4789 的 UDP 头和带 VNI 的 VXLAN 头；数据包沿着主机上方的隧道过去，由 host1 解封装。点一下数据包可以看到内外两层；外层包比原来多 50 字节。",
        ru: "Во вкладке host2 запустите c2 в той же overlay-сети: его адрес из той же подсети, что и у c1, — одна сеть на два хоста. Затем пропингуйте c1 по имени из c2 и следите за графом: встроенный DNS отвечает через хосты, затем устройство vxlan на host2 заворачивает кадр во внешние заголовки — Ethernet, IPv4 от 192.168.0.101 к 192.168.0.102, UDP на порт 4789 и заголовок VXLAN с VNI; пакет идёт по туннелю над хостами, и host1 его разворачивает. Щёлкните по пакету, чтобы увидеть оба слоя; внешний пакет на 50 байт длиннее.",
      },
      on: "host2",
      commands: [
        "docker run -dit --name c2 --network ov busybox",
        "docker network inspect ov",
        "docker exec c2 ping -c 2 c1",
      ],
      goals: [
        {
          text: {
            en: "c2 runs on ov, on host2",
            "zh-CN": "c2 在 host2 上运行于 ov",
            ru: "c2 работает в ov на host2",
          },
          check: { container: "c2", machine: "host2", network: "ov", state: "running" },
        },
        {
          text: {
            en: "c1 and c2 reach each other by name across the hosts",
            "zh-CN": "c1 和 c2 能跨主机按名字互相访问",
            ru: "c1 и c2 достают друг до друга по имени через хосты",
          },
          check: { reach: { from: { container: "c1" }, to: "c2" } },
        },
      ],
    },
    {
      text: {
        en: "Those 50 bytes come out of every packet: the overlay's MTU is 1450, not 1500. A full-size packet that may not be fragmented does not fit: inside the overlay, `ping -M do -s 1472` is refused while `-s 1422` (1450 bytes in all) gets through, a classic trap for large replies. Look at c1's MTU, and at the outer packets on the host's wire with `tcpdump -i eth0 udp port 4789` (Ctrl+C stops it).",
        "zh-CN":
          "这 50 字节要从每个包里让出来：overlay 网络的 MTU 是 1450，而不是 1500。不允许分片的满长度数据包放不进去：在 overlay 网络里，`ping -M do -s 1472` 会被拒绝，而 `-s 1422`（总长 1450 字节）能通过，这是大响应包常见的坑。看看 c1 的 MTU，再用 `tcpdump -i eth0 udp port 4789` 看看宿主机网线上的外层包（按 Ctrl+C 停止）。",
        ru: "Эти 50 байт отнимаются у каждого пакета: MTU overlay-сети — 1450, а не 1500. Полноразмерный пакет, который нельзя фрагментировать, не помещается: внутри overlay-сети `ping -M do -s 1472` получает отказ, а `-s 1422` (всего 1450 байт) проходит — классическая ловушка для больших ответов. Посмотрите MTU у c1, а внешние пакеты на проводе хоста — командой `tcpdump -i eth0 udp port 4789` (Ctrl+C её остановит).",
      },
      commands: ["docker exec c1 ip link show eth0"],
    },
  ],
};
