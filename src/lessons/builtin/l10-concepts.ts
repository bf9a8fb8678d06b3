import type { Lesson } from "../format";
import { DEFAULT_NETWORKS, DOCKER_NETWORK_EXPLAINED, NETWORK_MODES_RU } from "../tutorials";

export const concepts: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "namespaces-and-cnm",
  kind: "lesson",
  title: {
    en: "Namespaces, cgroups and the CNM",
    "zh-CN": "命名空间、CGroup 与 CNM",
    ru: "Пространства имён, cgroups и CNM",
  },
  summary: {
    en: "What isolates a container, and libnetwork's words for what the graph shows.",
    "zh-CN": "是什么把容器隔离开的，以及 libnetwork 怎么称呼图上的各个部分。",
    ru: "Что изолирует контейнер, и как libnetwork называет то, что показывает граф.",
  },
  follows: [DOCKER_NETWORK_EXPLAINED, NETWORK_MODES_RU, DEFAULT_NETWORKS],
  start: { commands: [] },
  graph: { labels: "cnm" },
  steps: [
    {
      text: {
        en: "A container is a process. Namespaces decide what it sees (mount, UTS, IPC, PID, network, user); cgroups under /sys/fs/cgroup decide how much CPU, memory and I/O it may use. This lab shows the network namespace: each green box on the graph is one.",
        "zh-CN":
          "容器就是一个进程。Namespace 决定它能看到什么（Mount、UTS、IPC、PID、Network、User）；/sys/fs/cgroup 下的 CGroup 决定它能用多少 CPU、内存和 IO。这个实验室展示的是网络命名空间：图上每个绿色方框就是一个。",
        ru: "Контейнер — это процесс. Пространства имён решают, что он видит (mount, UTS, IPC, PID, сеть, пользователи); cgroups в /sys/fs/cgroup решают, сколько процессора, памяти и ввода-вывода ему можно. Эта лаборатория показывает сетевое пространство имён: каждый зелёный блок на графе — одно такое пространство.",
      },
      commands: ["docker run -itd --name busy1 busybox", "docker inspect -f '{{.State.Pid}}' busy1"],
      goals: [
        {
          text: { en: "busy1 is running", "zh-CN": "busy1 正在运行", ru: "busy1 работает" },
          check: { container: "busy1", state: "running" },
        },
      ],
    },
    {
      text: {
        en: "Enter busy1's network namespace from the host by its process ID, as `nsenter` does: you see busy1's interfaces, not the host's.",
        "zh-CN":
          "在宿主机上用 `nsenter` 按进程号进入 busy1 的网络命名空间：看到的是 busy1 的网卡，而不是宿主机的。",
        ru: "Войдите с хоста в сетевое пространство имён busy1 по PID его процесса, как это делает `nsenter`: вы увидите интерфейсы busy1, а не хоста.",
      },
      commands: ["nsenter -t {{pid:busy1}} -n ip addr"],
    },
    {
      text: {
        en: "Docker's Container Network Model (libnetwork) has three words. A sandbox is the container's network namespace (`docker inspect` calls it SandboxKey). An endpoint joins a sandbox to a network: here a veth pair. A network is what endpoints join: here a bridge. Join a second network: one sandbox, two endpoints.",
        "zh-CN":
          "Docker 的容器网络模型 CNM（libnetwork）有三个词。Sandbox 是容器的网络命名空间（`docker inspect` 里叫 SandboxKey）。Endpoint 把 sandbox 接到网络上：这里就是一对 veth pair。Network 是 endpoint 接入的网络：这里就是一个网桥。再加入一个网络：一个 sandbox，两个 endpoint。",
        ru: "Сетевая модель контейнеров Docker, CNM (libnetwork), знает три слова. Sandbox — сетевое пространство имён контейнера (`docker inspect` называет его SandboxKey). Endpoint соединяет sandbox с сетью: здесь это пара veth. Network — то, к чему подключаются endpoint'ы: здесь это мост. Подключите вторую сеть: один sandbox, два endpoint'а.",
      },
      commands: [
        "docker network create backend",
        "docker network connect backend busy1",
        "docker inspect -f '{{.NetworkSettings.SandboxKey}}' busy1",
      ],
      goals: [
        {
          text: {
            en: "busy1 is on backend",
            "zh-CN": "busy1 已连到 backend",
            ru: "busy1 подключён к backend",
          },
          check: { container: "busy1", network: "backend" },
        },
        {
          text: {
            en: "busy1's sandbox has a second endpoint, eth1",
            "zh-CN": "busy1 的 sandbox 多了第二个 endpoint：eth1",
            ru: "В sandbox контейнера busy1 появился второй endpoint, eth1",
          },
          check: { link: { in: { container: "busy1" }, name: "eth1" } },
        },
      ],
    },
    {
      text: {
        en: "`ip netns` lists the names under /var/run/netns. Link busy1's namespace there by its process, and `ip netns exec` works on it.",
        "zh-CN":
          "`ip netns` 列出的是 /var/run/netns 下的名字。按进程号把 busy1 的命名空间链接到那里，`ip netns exec` 就能用在它上面了。",
        ru: "`ip netns` показывает имена из /var/run/netns. Сошлитесь там на пространство имён busy1 через его процесс — и `ip netns exec` заработает с ним.",
      },
      commands: [
        "mkdir -p /var/run/netns",
        "ln -s /proc/{{pid:busy1}}/ns/net /var/run/netns/busy1",
        "ip netns list",
        "ip netns exec busy1 ip addr",
      ],
      goals: [
        {
          text: { en: "ip netns knows busy1", "zh-CN": "ip netns 能看到 busy1", ru: "ip netns знает busy1" },
          check: { netns: "busy1", exists: true },
        },
      ],
    },
  ],
};
