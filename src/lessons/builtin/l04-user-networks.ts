import type { Lesson } from "../format";
import { DOCKER_NETWORK, DOCKER_NETWORK_EXPLAINED, NETWORK_MODES_RU } from "../tutorials";

export const userNetworks: Lesson = {
  format: "docker-network-lab/lesson",
  version: 1,
  id: "user-networks",
  kind: "lesson",
  title: {
    en: "User-defined bridges and the embedded DNS",
    "zh-CN": "自定义网桥与内嵌 DNS",
    ru: "Пользовательские мосты и встроенный DNS",
  },
  summary: {
    en: "On a network you create, names, IDs and aliases resolve through 127.0.0.11.",
    "zh-CN": "在自己创建的网络里，容器名、容器 ID 和别名都通过 127.0.0.11 解析。",
    ru: "В сети, которую вы создали сами, имена, ID и псевдонимы разрешаются через 127.0.0.11.",
  },
  follows: [DOCKER_NETWORK, NETWORK_MODES_RU, DOCKER_NETWORK_EXPLAINED],
  era: 20,
  start: { commands: [] },
  steps: [
    {
      text: {
        en: "Create a network (a bridge by default) and start two containers on it.",
        "zh-CN": "创建一个网络（默认是 bridge 类型），在上面启动两个容器。",
        ru: "Создайте сеть (по умолчанию это мост) и запустите в ней два контейнера.",
      },
      commands: [
        "docker network create mynet",
        "docker run -itd --name busy1 --net mynet busybox",
        "docker run -itd --name busy2 --net mynet busybox",
      ],
      goals: [
        {
          text: {
            en: "busy1 finds busy2 by name",
            "zh-CN": "busy1 能用名字找到 busy2",
            ru: "busy1 находит busy2 по имени",
          },
          check: { resolve: { from: { container: "busy1" }, name: "busy2" }, toContainer: "busy2" },
        },
      ],
    },
    {
      text: {
        en: "busy1's resolv.conf now says `nameserver 127.0.0.11`: the DNS server built into dockerd, inside the container's namespace. Ask it.",
        "zh-CN":
          "现在 busy1 的 resolv.conf 写的是 `nameserver 127.0.0.11`：这是 dockerd 内嵌的 DNS 服务器，就在容器的命名空间里。问问它。",
        ru: "Теперь в resolv.conf у busy1 написано `nameserver 127.0.0.11`: это DNS-сервер, встроенный в dockerd, внутри пространства имён контейнера. Спросите его.",
      },
      commands: ["docker exec busy1 cat /etc/resolv.conf", "docker exec busy1 nslookup busy2"],
    },
    {
      text: {
        en: "An alias is one more name for a container on that network.",
        "zh-CN": "别名（alias）是容器在这个网络里的另一个名字。",
        ru: "Псевдоним — ещё одно имя контейнера в этой сети.",
      },
      commands: [
        "docker run -itd --name db1 --net mynet --network-alias db busybox",
        "docker exec busy1 ping -c 1 db",
      ],
      goals: [
        {
          text: {
            en: "busy1 finds db1 under the name db",
            "zh-CN": "busy1 用名字 db 能找到 db1",
            ru: "busy1 находит db1 по имени db",
          },
          check: { resolve: { from: { container: "busy1" }, name: "db" }, toContainer: "db1" },
        },
      ],
    },
    {
      text: {
        en: "Names the embedded DNS does not know it forwards to the host's resolvers: the internet still resolves.",
        "zh-CN": "内嵌 DNS 不认识的名字，会转发给宿主机配置的 DNS 服务器：外网域名照样能解析。",
        ru: "Имена, которых встроенный DNS не знает, он пересылает DNS-серверам хоста: интернет по-прежнему разрешается.",
      },
      commands: ["docker exec busy1 nslookup example.com"],
    },
  ],
};
