import type { Goal, Lesson } from "../format";
import { DOCKER_NETWORK_EXPLAINED } from "../tutorials";

/** The goal of a port published to the LAN: the laptop's packet walks in to web (also a challenge's). */
export const webAnswersLaptop: Goal = {
  text: {
    en: "web answers the laptop on 192.168.0.102:8080",
    "zh-CN": "web 在 192.168.0.102:8080 上应答笔记本电脑",
    ru: "web отвечает ноутбуку на 192.168.0.102:8080",
  },
  check: { reach: { from: { machine: "laptop" }, to: "192.168.0.102", port: 8080 } },
};

export const inAndOut: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "in-and-out",
  kind: "lesson",
  title: {
    en: "Leaving and entering the host: NAT and published ports",
    "zh-CN": "进出宿主机：NAT 与端口映射",
    ru: "Выход с хоста и вход на него: NAT и опубликованные порты",
  },
  summary: {
    en: "Masquerade on the way out; -p, -P, 127.0.0.1 bindings, DNAT and docker-proxy on the way in.",
    "zh-CN": "出去时做地址伪装；进来时靠 -p、-P、绑定 127.0.0.1、DNAT 和 docker-proxy。",
    ru: "Наружу — маскарадинг; внутрь — -p, -P, привязка к 127.0.0.1, DNAT и docker-proxy.",
  },
  follows: [DOCKER_NETWORK_EXPLAINED],
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "A container reaches the internet: on the way out the host rewrites its source address to its own (MASQUERADE in POSTROUTING). Follow the SNAT on the graph.",
        "zh-CN":
          "容器可以访问外网：出去时宿主机把源地址换成自己的地址（POSTROUTING 里的 MASQUERADE）。在图上跟着 SNAT 看一遍。",
        ru: "Контейнер выходит в интернет: на выходе хост подменяет адрес отправителя своим (MASQUERADE в POSTROUTING). Проследите SNAT на графе.",
      },
      commands: [
        "docker run -itd --name busy1 busybox",
        "docker exec busy1 ping -c 1 8.8.8.8",
        "iptables -t nat -S POSTROUTING",
      ],
      goals: [
        {
          text: {
            en: "busy1 reaches 8.8.8.8",
            "zh-CN": "busy1 能访问 8.8.8.8",
            ru: "busy1 достаёт до 8.8.8.8",
          },
          check: { reach: { from: { container: "busy1" }, to: "8.8.8.8" } },
        },
      ],
    },
    {
      text: {
        en: "The way in is a published port: `-p 8080:80` adds a DNAT rule (host port 8080 → the container's 80) and a docker-proxy listening on 8080. Try it from the laptop.",
        "zh-CN":
          "进来要靠端口映射：`-p 8080:80` 会加一条 DNAT 规则（宿主机 8080 端口 → 容器的 80 端口），并启动一个监听 8080 的 docker-proxy。从笔记本电脑上试一试。",
        ru: "Путь внутрь — опубликованный порт: `-p 8080:80` добавляет правило DNAT (порт 8080 хоста → порт 80 контейнера) и docker-proxy, который слушает 8080. Попробуйте с ноутбука.",
      },
      commands: [
        "docker run -d --name web -p 8080:80 nginx",
        "iptables -t nat -S DOCKER",
        "ssh laptop",
        "curl -s 192.168.0.102:8080 | head -4",
        "exit",
      ],
      goals: [
        {
          text: {
            en: "web publishes its port 80 on 8080",
            "zh-CN": "web 把 80 端口映射到了 8080",
            ru: "web публикует свой порт 80 на 8080",
          },
          check: { container: "web", publishes: { port: 80, hostPort: 8080 } },
        },
        webAnswersLaptop,
      ],
    },
    {
      text: {
        en: "`-P` publishes every exposed port on a random high port; `docker port` tells which.",
        "zh-CN": "`-P` 把所有暴露（EXPOSE）的端口映射到随机的高端口；用 `docker port` 查看是哪个。",
        ru: "`-P` публикует каждый открытый (EXPOSE) порт на случайном высоком порту; какой именно — скажет `docker port`.",
      },
      commands: ["docker run -d --name web2 -P nginx", "docker port web2"],
      goals: [
        {
          text: {
            en: "web2 publishes its port 80",
            "zh-CN": "web2 映射了它的 80 端口",
            ru: "web2 публикует свой порт 80",
          },
          check: { container: "web2", publishes: { port: 80 } },
        },
      ],
    },
    {
      text: {
        en: "`-p 127.0.0.1:8081:80` binds the host's loopback only: the host reaches it, the laptop does not.",
        "zh-CN": "`-p 127.0.0.1:8081:80` 只绑定宿主机的回环地址：宿主机能访问，笔记本电脑访问不了。",
        ru: "`-p 127.0.0.1:8081:80` привязывает порт только к loopback хоста: хост до него достаёт, ноутбук — нет.",
      },
      commands: [
        "docker run -d --name web3 -p 127.0.0.1:8081:80 nginx",
        "curl -s -o /dev/null -w '%{http_code}\\n' localhost:8081",
      ],
      goals: [
        {
          text: {
            en: "web3 answers on the host's localhost:8081",
            "zh-CN": "web3 在宿主机的 localhost:8081 上应答",
            ru: "web3 отвечает на localhost:8081 хоста",
          },
          check: { reach: { from: { machine: "host1" }, to: "localhost", port: 8081 } },
        },
        {
          text: {
            en: "the laptop cannot reach 192.168.0.102:8081",
            "zh-CN": "笔记本电脑访问不了 192.168.0.102:8081",
            ru: "ноутбук не достаёт до 192.168.0.102:8081",
          },
          check: {
            all: [
              { container: "web3", state: "running" },
              { reach: { from: { machine: "laptop" }, to: "192.168.0.102", port: 8081 }, ok: false },
            ],
          },
        },
      ],
    },
  ],
};
