/**
 * Troubleshooting challenges: a lab with one fault that people really hit. The student sees the
 * symptom, investigates with real commands and fixes it; the goals check the state and walk a
 * fresh packet. The explanation tells the real-world story once it is solved.
 */
import type { Lesson } from "../format";
import { webAnswersLaptop } from "./l07-outside";

const challenge = (c: Omit<Lesson, "format" | "version" | "kind">): Lesson => ({
  format: "docker-network-lab/lesson",
  version: 1,
  kind: "challenge",
  ...c,
});

export const loopbackBind = challenge({
  id: "loopback-bind",
  title: {
    en: "Connection reset on a published port",
    "zh-CN": "映射的端口连接被重置",
    ru: "Сброс соединения на опубликованном порту",
  },
  summary: {
    en: "web is published on 8080, yet `curl localhost:8080` says the connection was reset.",
    "zh-CN": "web 映射到了 8080 端口，可是 `curl localhost:8080` 提示连接被重置。",
    ru: "web опубликован на 8080, но `curl localhost:8080` сообщает, что соединение сброшено.",
  },
  start: { commands: ["docker run -d --name web -p 8080:80 busybox httpd -f -p 127.0.0.1:80"] },
  steps: [
    {
      text: {
        en: "`curl localhost:8080` on the host: `Connection reset by peer`. Find out where the connection dies, and make web answer on port 8080, from the host and from the laptop.",
        "zh-CN":
          "在宿主机上 `curl localhost:8080`：`Connection reset by peer`。找出连接断在哪里，让 web 在 8080 端口上既能应答宿主机，也能应答笔记本电脑。",
        ru: "`curl localhost:8080` на хосте: `Connection reset by peer`. Выясните, где обрывается соединение, и сделайте так, чтобы web отвечал на порту 8080 и хосту, и ноутбуку.",
      },
      commands: ["curl localhost:8080", "docker port web", "docker exec web netstat -tln"],
      goals: [
        {
          text: {
            en: "web answers on localhost:8080 from the host",
            "zh-CN": "web 在宿主机的 localhost:8080 上应答",
            ru: "web отвечает хосту на localhost:8080",
          },
          check: { reach: { from: { machine: "host1" }, to: "localhost", port: 8080 } },
          hints: [
            {
              when: { container: "web", state: "running" },
              text: {
                en: "`docker exec web netstat -tln`: what address does httpd listen on inside the container?",
                "zh-CN": "`docker exec web netstat -tln`：容器里的 httpd 监听的是哪个地址？",
                ru: "`docker exec web netstat -tln`: на каком адресе httpd слушает внутри контейнера?",
              },
            },
          ],
        },
        webAnswersLaptop,
      ],
    },
  ],
  solution: ["docker rm -f web", "docker run -d --name web -p 8080:80 busybox httpd -f -p 80"],
  explanation: {
    en: "Inside its container an app bound to 127.0.0.1 listens on the container's own loopback, which no other namespace can reach. Docker forwards a published port to the container's eth0 address, where nobody listens: docker-proxy accepts the connection, fails to reach the app and resets it. Development servers (Flask, Vite, Rails, webpack) default to 127.0.0.1; in a container they must listen on 0.0.0.0.",
    "zh-CN":
      "容器里绑定 127.0.0.1 的程序，监听的是容器自己的回环地址，别的命名空间都访问不到。Docker 把映射的端口转发到容器 eth0 的地址上，那里却没人监听：docker-proxy 接受了连接，连不上程序，只好把连接重置。开发用的服务器（Flask、Vite、Rails、webpack）默认都监听 127.0.0.1；放进容器里就得改成 0.0.0.0。",
    ru: "Приложение, привязанное внутри контейнера к 127.0.0.1, слушает собственный loopback контейнера, до которого не достать ни из какого другого пространства имён. Docker перенаправляет опубликованный порт на адрес eth0 контейнера, где никто не слушает: docker-proxy принимает соединение, не может достучаться до приложения и сбрасывает его. Серверы для разработки (Flask, Vite, Rails, webpack) по умолчанию слушают 127.0.0.1; в контейнере они должны слушать 0.0.0.0.",
  },
});

export const localhostIsContainer = challenge({
  id: "localhost-is-container",
  title: {
    en: '"localhost" inside a container',
    "zh-CN": "容器里的“localhost”",
    ru: "«localhost» внутри контейнера",
  },
  summary: {
    en: "client tries to reach the api at localhost:8080, as it would on a laptop, and is refused.",
    "zh-CN": "client 像在自己电脑上那样用 localhost:8080 访问 api，结果连接被拒绝。",
    ru: "client обращается к api по localhost:8080, как привык на ноутбуке, и получает отказ.",
  },
  start: { commands: ["docker run -d --name api -p 8080:80 nginx", "docker run -itd --name client busybox"] },
  steps: [
    {
      text: {
        en: "From client, `wget -qO- localhost:8080` is refused. Make client reach api by its name, on port 80.",
        "zh-CN": "在 client 里 `wget -qO- localhost:8080` 被拒绝。让 client 用名字访问 api 的 80 端口。",
        ru: "Из client `wget -qO- localhost:8080` получает отказ. Сделайте так, чтобы client доставал до api по имени, на порт 80.",
      },
      commands: ["docker exec client wget -qO- localhost:8080", "docker exec client ip addr"],
      goals: [
        {
          text: {
            en: "client reaches api by name on port 80",
            "zh-CN": "client 能用名字访问 api 的 80 端口",
            ru: "client достаёт до api по имени на порту 80",
          },
          check: { reach: { from: { container: "client" }, to: "api", port: 80 } },
          hints: [
            {
              when: { container: "client", network: "bridge" },
              text: {
                en: "localhost in client is client itself. And on the default bridge, names do not resolve: put both on a network of your own.",
                "zh-CN":
                  "client 里的 localhost 就是 client 自己。而且在默认网桥上名字无法解析：把它们都接到你自己创建的网络上。",
                ru: "localhost в client — это сам client. А в мосте по умолчанию имена не разрешаются: подключите обоих к своей собственной сети.",
              },
            },
          ],
        },
      ],
    },
  ],
  solution: [
    "docker network create appnet",
    "docker network connect appnet api",
    "docker network connect appnet client",
    "docker exec client wget -qO- api",
  ],
  explanation: {
    en: "Each container has its own network namespace, with its own loopback: localhost there is the container itself, never the host or a neighbour. Connection strings copied from a laptop (`localhost:5432`, `localhost:6379`) are the classic mistake; on a user-defined network use the other container's name.",
    "zh-CN":
      "每个容器都有自己的网络命名空间和自己的回环接口：在容器里，localhost 就是容器自己，既不是宿主机，也不是旁边的容器。从自己电脑上照搬过来的连接串（`localhost:5432`、`localhost:6379`）是最典型的错误；在自定义网络上要用对方容器的名字。",
    ru: "У каждого контейнера своё сетевое пространство имён со своим loopback: localhost там — это сам контейнер, а не хост и не сосед. Строки подключения, скопированные с ноутбука (`localhost:5432`, `localhost:6379`), — классическая ошибка; в пользовательской сети используйте имя другого контейнера.",
  },
});

export const namesOnDefaultBridge = challenge({
  id: "names-on-default-bridge",
  title: {
    en: "Ping by name on the default bridge",
    "zh-CN": "在默认网桥上按名字 ping",
    ru: "Ping по имени в мосте по умолчанию",
  },
  summary: {
    en: "`ping alpine4` from alpine3 says bad address.",
    "zh-CN": "在 alpine3 里 `ping alpine4` 提示 bad address。",
    ru: "`ping alpine4` из alpine3 выдаёт bad address.",
  },
  start: { commands: ["docker run -itd --name alpine3 alpine", "docker run -itd --name alpine4 alpine"] },
  steps: [
    {
      text: {
        en: "alpine3 cannot ping alpine4 by name. Make it work without typing an address.",
        "zh-CN": "alpine3 用名字 ping 不通 alpine4。不写 IP，让它通。",
        ru: "alpine3 не может пропинговать alpine4 по имени. Добейтесь этого, не вписывая адрес.",
      },
      commands: ["docker exec alpine3 ping -c 1 alpine4", "docker exec alpine3 cat /etc/resolv.conf"],
      goals: [
        {
          text: {
            en: "alpine3 reaches alpine4 by name",
            "zh-CN": "alpine3 能用名字访问 alpine4",
            ru: "alpine3 достаёт до alpine4 по имени",
          },
          check: { reach: { from: { container: "alpine3" }, to: "alpine4" } },
          hints: [
            {
              when: {
                all: [
                  { container: "alpine3", network: "bridge" },
                  { container: "alpine4", network: "bridge" },
                ],
              },
              text: {
                en: "alpine3 is on the default bridge, where names are not resolved.",
                "zh-CN": "alpine3 在默认网桥上，那里不解析容器名。",
                ru: "alpine3 находится в мосте по умолчанию, где имена не разрешаются.",
              },
            },
          ],
        },
      ],
    },
  ],
  solution: [
    "docker network create appnet",
    "docker network connect appnet alpine3",
    "docker network connect appnet alpine4",
    "docker exec alpine3 ping -c 1 alpine4",
  ],
  explanation: {
    en: "The default bridge predates Docker's embedded DNS and keeps the old behaviour: containers there get a copy of the host's resolv.conf and can only find each other by IP or by --link. Docker's documentation recommends user-defined bridges for exactly this reason.",
    "zh-CN":
      "默认网桥比 Docker 的内嵌 DNS 出现得早，一直保留着老的行为：上面的容器拿到的是宿主机 resolv.conf 的拷贝，彼此只能靠 IP 或 --link 找到对方。Docker 官方文档推荐使用自定义网桥，正是这个原因。",
    ru: "Мост по умолчанию появился раньше встроенного DNS и сохранил старое поведение: контейнеры в нём получают копию resolv.conf хоста и находят друг друга только по IP или через --link. Именно поэтому документация Docker рекомендует пользовательские мосты.",
  },
});

export const twoNetworks = challenge({
  id: "two-networks",
  title: {
    en: "Two networks that do not talk",
    "zh-CN": "两个不通的网络",
    ru: "Две сети, которые не разговаривают",
  },
  summary: {
    en: "web cannot reach db, neither by name nor by address.",
    "zh-CN": "web 访问不到 db，用名字不行，用 IP 也不行。",
    ru: "web не достаёт до db ни по имени, ни по адресу.",
  },
  start: {
    commands: [
      "docker network create frontend",
      "docker network create backend",
      "docker run -itd --name web --net frontend busybox",
      "docker run -itd --name db --net backend busybox",
    ],
  },
  steps: [
    {
      text: {
        en: "web must reach db by name. Find out what stands between them and fix it without re-creating them.",
        "zh-CN": "web 要能用名字访问 db。找出挡在它们之间的是什么，不重建容器就把它修好。",
        ru: "web должен доставать до db по имени. Выясните, что стоит между ними, и исправьте это, не пересоздавая контейнеры.",
      },
      commands: [
        "docker exec web ping -c 1 db",
        "docker network inspect backend",
        "iptables -S DOCKER-ISOLATION-STAGE-2",
      ],
      goals: [
        {
          text: {
            en: "web reaches db by name",
            "zh-CN": "web 能用名字访问 db",
            ru: "web достаёт до db по имени",
          },
          check: { reach: { from: { container: "web" }, to: "db" } },
          hints: [
            {
              when: { not: { container: "web", network: "backend" } },
              text: {
                en: "web and db are on different bridges; Docker isolates bridges from each other.",
                "zh-CN": "web 和 db 在不同的网桥上；Docker 会把网桥彼此隔离。",
                ru: "web и db на разных мостах; Docker изолирует мосты друг от друга.",
              },
            },
          ],
        },
      ],
    },
  ],
  solution: ["docker network connect backend web", "docker exec web ping -c 1 db"],
  explanation: {
    en: "Each user-defined network is its own bridge, and Docker's DOCKER-ISOLATION chains drop traffic between bridges on purpose. Compose files with several networks hit this when a service is left off one of them; `docker network connect` adds the missing interface.",
    "zh-CN":
      "每个自定义网络都是一个独立的网桥，Docker 的 DOCKER-ISOLATION 链故意丢弃网桥之间的流量。Compose 文件里有多个网络时，某个服务漏接了其中一个网络就会碰上这个问题；`docker network connect` 可以补上缺少的那块网卡。",
    ru: "Каждая пользовательская сеть — отдельный мост, и цепочки DOCKER-ISOLATION намеренно отбрасывают трафик между мостами. В Compose-файлах с несколькими сетями на это натыкаются, когда сервис забыли подключить к одной из них; `docker network connect` добавляет недостающий интерфейс.",
  },
});

export const internalNetwork = challenge({
  id: "internal-network",
  title: { en: "No way out", "zh-CN": "出不去", ru: "Выхода нет" },
  summary: {
    en: "worker cannot reach example.com: `Network is unreachable`.",
    "zh-CN": "worker 访问不了 example.com：`Network is unreachable`。",
    ru: "worker не достаёт до example.com: `Network is unreachable`.",
  },
  start: {
    commands: [
      "docker network create --internal private",
      "docker run -itd --name worker --net private busybox",
    ],
  },
  steps: [
    {
      text: {
        en: "worker must reach example.com while staying on private. Look at its routes and at the network.",
        "zh-CN": "worker 要能访问 example.com，同时还要留在 private 网络上。看看它的路由和这个网络。",
        ru: "worker должен доставать до example.com, оставаясь в сети private. Посмотрите на его маршруты и на саму сеть.",
      },
      commands: [
        "docker exec worker ping -c 1 example.com",
        "docker exec worker ip route",
        "docker network inspect private",
      ],
      goals: [
        {
          text: {
            en: "worker reaches example.com",
            "zh-CN": "worker 能访问 example.com",
            ru: "worker достаёт до example.com",
          },
          check: { reach: { from: { container: "worker" }, to: "example.com" } },
          hints: [
            {
              when: { network: "private", internal: true },
              text: {
                en: "private was created with --internal: no default route, no NAT.",
                "zh-CN": "private 创建时带了 --internal：没有默认路由，也没有 NAT。",
                ru: "private создана с --internal: ни маршрута по умолчанию, ни NAT.",
              },
            },
          ],
        },
        {
          text: {
            en: "worker is still on private",
            "zh-CN": "worker 仍在 private 上",
            ru: "worker по-прежнему в private",
          },
          check: { container: "worker", network: "private" },
        },
      ],
    },
  ],
  solution: [
    "docker network create public",
    "docker network connect public worker",
    "docker exec worker ping -c 1 example.com",
  ],
  explanation: {
    en: "`--internal` networks get no gateway route and no masquerade rule: by design, nothing on them reaches outside. It is how databases are fenced off; a container that needs both attaches a second, ordinary network for its way out.",
    "zh-CN":
      "`--internal` 网络没有网关路由，也没有地址伪装规则：按设计，接在上面的东西都出不去。数据库通常就这样被隔离起来；既要隔离又要上网的容器，再接一个普通网络作为出口。",
    ru: "У сетей `--internal` нет маршрута через шлюз и нет правила маскарадинга: так задумано, из них никто не выходит наружу. Так отгораживают базы данных; контейнеру, которому нужно и то и другое, подключают вторую, обычную сеть для выхода.",
  },
});

export const portWrongWay = challenge({
  id: "port-wrong-way",
  title: { en: "-p the wrong way round", "zh-CN": "-p 写反了", ru: "-p задом наперёд" },
  summary: {
    en: "Tomcat listens on 8080; `curl localhost:8080` gets a reset.",
    "zh-CN": "Tomcat 监听 8080；`curl localhost:8080` 却被重置。",
    ru: "Tomcat слушает 8080; `curl localhost:8080` получает сброс.",
  },
  start: { commands: ["docker run -d --name tomcat81 -p 8080:80 billygoo/tomcat8-jdk8"] },
  steps: [
    {
      text: {
        en: "Tomcat should answer on the host's port 8080. Read the mapping and fix it.",
        "zh-CN": "Tomcat 应该在宿主机的 8080 端口上应答。读一读端口映射，把它改对。",
        ru: "Tomcat должен отвечать на порту 8080 хоста. Прочитайте отображение портов и исправьте его.",
      },
      commands: ["curl -s localhost:8080", "docker port tomcat81", "docker exec tomcat81 ss -tln"],
      goals: [
        {
          text: {
            en: "Tomcat answers on localhost:8080",
            "zh-CN": "Tomcat 在 localhost:8080 上应答",
            ru: "Tomcat отвечает на localhost:8080",
          },
          check: { reach: { from: { machine: "host1" }, to: "localhost", port: 8080 } },
          hints: [
            {
              when: { container: "tomcat81", publishes: { port: 80 } },
              text: {
                en: "-p HOST:CONTAINER: 8080:80 sends the host's 8080 to the container's 80, where nothing listens.",
                "zh-CN": "-p 宿主机端口:容器端口：8080:80 把宿主机的 8080 转到容器的 80，而那里没人监听。",
                ru: "-p ХОСТ:КОНТЕЙНЕР: 8080:80 отправляет порт 8080 хоста на порт 80 контейнера, где никто не слушает.",
              },
            },
          ],
        },
      ],
    },
  ],
  solution: ["docker rm -f tomcat81", "docker run -d --name tomcat81 -p 8080:8080 billygoo/tomcat8-jdk8"],
  explanation: {
    en: "`-p` reads host port first, container port second. Swapped, Docker happily forwards to a port nobody listens on, and the error shows up far from its cause, as a reset or a refusal.",
    "zh-CN":
      "`-p` 先写宿主机端口，后写容器端口。写反了，Docker 照样把流量转发到一个没人监听的端口，报错的地方离原因很远，表现为连接被重置或被拒绝。",
    ru: "`-p` читается так: сначала порт хоста, потом порт контейнера. Если их перепутать, Docker спокойно перенаправит трафик на порт, который никто не слушает, и ошибка проявится далеко от причины — сбросом или отказом.",
  },
});

export const overlappingSubnet = challenge({
  id: "overlapping-subnet",
  title: {
    en: "A network that overlaps the LAN",
    "zh-CN": "和局域网重叠的网络",
    ru: "Сеть, которая накладывается на LAN",
  },
  summary: {
    en: "box cannot reach the internet since a network was created with 192.168.0.0/24.",
    "zh-CN": "自从创建了一个 192.168.0.0/24 的网络，box 就上不了外网了。",
    ru: "С тех пор как создали сеть 192.168.0.0/24, box не выходит в интернет.",
  },
  start: {
    commands: [
      "docker network create --subnet 192.168.0.0/24 lan",
      "docker run -itd --name box --net lan busybox",
    ],
  },
  steps: [
    {
      text: {
        en: "box must reach 8.8.8.8 again. Compare the host's routes with the LAN it is on.",
        "zh-CN": "让 box 重新能访问 8.8.8.8。对比一下宿主机的路由和它所在的局域网。",
        ru: "box должен снова доставать до 8.8.8.8. Сравните маршруты хоста с локальной сетью, в которой он стоит.",
      },
      commands: ["docker exec box ping -c 1 -W 1 8.8.8.8", "ip route", "docker network inspect lan"],
      goals: [
        {
          text: { en: "box reaches 8.8.8.8", "zh-CN": "box 能访问 8.8.8.8", ru: "box достаёт до 8.8.8.8" },
          check: { reach: { from: { container: "box" }, to: "8.8.8.8" } },
          hints: [
            {
              when: { network: "lan", subnet: "192.168.0.0/24" },
              text: {
                en: "lan's subnet is the LAN's own: its bridge even took the router's address, 192.168.0.1.",
                "zh-CN": "lan 的子网就是局域网本身的网段：它的网桥甚至占用了路由器的地址 192.168.0.1。",
                ru: "Подсеть lan совпадает с самой локальной сетью: её мост даже занял адрес маршрутизатора, 192.168.0.1.",
              },
            },
          ],
        },
        {
          text: {
            en: "box is not on 192.168.0.0/24",
            "zh-CN": "box 不在 192.168.0.0/24 上",
            ru: "box не в 192.168.0.0/24",
          },
          check: { not: { network: "lan", subnet: "192.168.0.0/24" } },
        },
      ],
    },
  ],
  solution: [
    "docker rm -f box",
    "docker network rm lan",
    "docker network create --subnet 10.10.0.0/24 lan",
    "docker run -itd --name box --net lan busybox",
  ],
  explanation: {
    en: "Docker checks a new subnet against its own networks, not against the host's routes. A bridge on the LAN's subnet adds a second route to it and, with the default gateway address, claims the router's own address: replies meant for the LAN go into the bridge. Corporate VPNs and home routers on 172.17–31.x.x are the usual victims; pick subnets (or `default-address-pools` in daemon.json) away from them.",
    "zh-CN":
      "Docker 只检查新子网会不会和它自己的网络冲突，不检查宿主机的路由。网桥用了局域网的网段，就多出一条通往这个网段的路由，而且默认网关地址还占用了路由器自己的地址：本该发往局域网的回包都进了网桥。公司 VPN 和用 172.17–31.x.x 的家用路由器最常中招；选子网（或 daemon.json 里的 `default-address-pools`）时要避开它们。",
    ru: "Docker сверяет новую подсеть со своими сетями, но не с маршрутами хоста. Мост в подсети LAN добавляет второй маршрут в неё, а с адресом шлюза по умолчанию присваивает себе адрес самого маршрутизатора: ответы, предназначенные для LAN, уходят в мост. Обычные жертвы — корпоративные VPN и домашние маршрутизаторы на 172.17–31.x.x; выбирайте подсети (или `default-address-pools` в daemon.json) подальше от них.",
  },
});

export const iccDisabled = challenge({
  id: "icc-disabled",
  title: {
    en: "Neighbours that cannot talk",
    "zh-CN": "说不上话的邻居",
    ru: "Соседи, которые не разговаривают",
  },
  summary: {
    en: "c1 and c2 share a network, yet c1's ping to c2 gets no answer.",
    "zh-CN": "c1 和 c2 在同一个网络上，可是 c1 ping c2 没有回应。",
    ru: "c1 и c2 в одной сети, но ping от c1 к c2 остаётся без ответа.",
  },
  start: {
    commands: [
      "docker network create -o com.docker.network.bridge.enable_icc=false quiet",
      "docker run -itd --name c1 --net quiet busybox",
      "docker run -itd --name c2 --net quiet busybox",
    ],
  },
  steps: [
    {
      text: {
        en: "The name resolves, the ping dies. Find the option and give c1 a way to reach c2.",
        "zh-CN": "名字能解析，ping 却不通。找到那个选项，让 c1 能访问 c2。",
        ru: "Имя разрешается, а ping пропадает. Найдите опцию и дайте c1 способ достучаться до c2.",
      },
      commands: ["docker exec c1 ping -c 1 -W 1 c2", "docker network inspect quiet", "iptables -S DOCKER"],
      goals: [
        {
          text: {
            en: "c1 reaches c2 by name",
            "zh-CN": "c1 能用名字访问 c2",
            ru: "c1 достаёт до c2 по имени",
          },
          check: { reach: { from: { container: "c1" }, to: "c2" } },
          hints: [
            {
              when: { network: "quiet", options: { "com.docker.network.bridge.enable_icc": "false" } },
              text: {
                en: "quiet has enable_icc=false: Docker drops traffic between its containers.",
                "zh-CN": "quiet 设置了 enable_icc=false：Docker 会丢弃它上面容器之间的流量。",
                ru: "У quiet стоит enable_icc=false: Docker отбрасывает трафик между её контейнерами.",
              },
            },
          ],
        },
      ],
    },
  ],
  solution: [
    "docker rm -f c1 c2",
    "docker network rm quiet",
    "docker network create quiet",
    "docker run -itd --name c1 --net quiet busybox",
    "docker run -itd --name c2 --net quiet busybox",
    "docker exec c1 ping -c 1 c2",
  ],
  explanation: {
    en: "`com.docker.network.bridge.enable_icc=false` (or the daemon's `--icc=false`) adds a DROP rule for traffic from a bridge back into itself: containers still reach the outside and published ports, not each other. It is a hardening option that surprises whoever did not set it.",
    "zh-CN":
      "`com.docker.network.bridge.enable_icc=false`（或守护进程的 `--icc=false`）会加一条 DROP 规则，丢弃从网桥回到同一网桥的流量：容器仍然能访问外网和映射的端口，但彼此之间不通。这是一个安全加固选项，常常让没设置它的人摸不着头脑。",
    ru: "`com.docker.network.bridge.enable_icc=false` (или `--icc=false` у демона) добавляет правило DROP для трафика из моста обратно в тот же мост: контейнеры по-прежнему выходят наружу и к опубликованным портам, но не друг к другу. Это опция усиления защиты, которая удивляет всех, кто её не ставил.",
  },
});

export const dockerUserDrop = challenge({
  id: "docker-user-drop",
  title: {
    en: "A firewall rule in DOCKER-USER",
    "zh-CN": "DOCKER-USER 里的一条防火墙规则",
    ru: "Правило межсетевого экрана в DOCKER-USER",
  },
  summary: {
    en: "web is published on 8080; the laptop's curl hangs.",
    "zh-CN": "web 映射到了 8080；笔记本电脑上的 curl 却一直卡着。",
    ru: "web опубликован на 8080; curl с ноутбука зависает.",
  },
  start: {
    commands: [
      "docker run -d --name web -p 8080:80 nginx",
      "iptables -I DOCKER-USER -p tcp --dport 80 -j DROP",
    ],
  },
  steps: [
    {
      text: {
        en: "The laptop must reach web on 192.168.0.102:8080. Follow the SYN on the graph to where it dies.",
        "zh-CN": "笔记本电脑要能通过 192.168.0.102:8080 访问 web。在图上跟着 SYN 包，看它死在哪里。",
        ru: "Ноутбук должен доставать до web на 192.168.0.102:8080. Проследите SYN на графе до места, где он гибнет.",
      },
      commands: ["ssh laptop", "curl -m 3 192.168.0.102:8080", "exit", "iptables -S DOCKER-USER"],
      goals: [
        webAnswersLaptop,
        {
          text: {
            en: "web still publishes 80 on 8080",
            "zh-CN": "web 仍把 80 映射在 8080 上",
            ru: "web по-прежнему публикует 80 на 8080",
          },
          check: { container: "web", publishes: { port: 80, hostPort: 8080 } },
        },
      ],
    },
  ],
  solution: ["iptables -D DOCKER-USER -p tcp --dport 80 -j DROP"],
  explanation: {
    en: "Docker jumps to DOCKER-USER before its own rules so that admins can filter container traffic there, and it never touches that chain. The rule sees the packet after DNAT, so `--dport 80` matched the container port, not 8080. A rule left from an old hardening script silently eats traffic to every published port it matches.",
    "zh-CN":
      "Docker 在自己的规则之前先跳到 DOCKER-USER，好让管理员在那里过滤容器流量，而且 Docker 从不改动这条链。规则看到的是 DNAT 之后的包，所以 `--dport 80` 匹配的是容器端口，而不是 8080。旧的安全加固脚本留下的一条规则，会悄悄吞掉所有匹配的映射端口的流量。",
    ru: "Docker переходит в DOCKER-USER раньше своих правил, чтобы администратор мог фильтровать там трафик контейнеров, и сам эту цепочку никогда не трогает. Правило видит пакет уже после DNAT, поэтому `--dport 80` совпал с портом контейнера, а не с 8080. Правило, оставшееся от старого скрипта защиты, молча съедает трафик ко всем опубликованным портам, которые под него подходят.",
  },
});

export const ipForwardOff = challenge({
  id: "ip-forward-off",
  title: {
    en: "Containers cut off from the internet",
    "zh-CN": "容器上不了外网",
    ru: "Контейнеры отрезаны от интернета",
  },
  summary: {
    en: "box cannot reach 8.8.8.8, though the host can.",
    "zh-CN": "宿主机能访问 8.8.8.8，box 却不能。",
    ru: "box не достаёт до 8.8.8.8, хотя хост достаёт.",
  },
  start: { commands: ["docker run -itd --name box busybox", "sysctl -w net.ipv4.ip_forward=0"] },
  steps: [
    {
      text: {
        en: "The host pings 8.8.8.8, box does not. Follow the packet to the host and find what stops it there.",
        "zh-CN": "宿主机能 ping 通 8.8.8.8，box 不能。跟着数据包走到宿主机，找出是什么把它挡住了。",
        ru: "Хост пингует 8.8.8.8, а box нет. Проследите пакет до хоста и найдите, что его там останавливает.",
      },
      commands: ["docker exec box ping -c 1 -W 1 8.8.8.8", "ping -c 1 8.8.8.8", "sysctl net.ipv4.ip_forward"],
      goals: [
        {
          text: { en: "box reaches 8.8.8.8", "zh-CN": "box 能访问 8.8.8.8", ru: "box достаёт до 8.8.8.8" },
          check: { reach: { from: { container: "box" }, to: "8.8.8.8" } },
        },
      ],
    },
  ],
  solution: ["sysctl -w net.ipv4.ip_forward=1"],
  explanation: {
    en: "Containers reach the outside through the host, which must route between docker0 and eth0: `net.ipv4.ip_forward=1`. Docker sets it at start; a hardening script, a sysctl.conf or a network manager that resets it afterwards cuts every container off while the host itself is fine.",
    "zh-CN":
      "容器是通过宿主机出去的，宿主机要在 docker0 和 eth0 之间做路由转发：`net.ipv4.ip_forward=1`。Docker 启动时会把它打开；之后要是被安全加固脚本、sysctl.conf 或网络管理工具改回去，所有容器都会断网，而宿主机本身一切正常。",
    ru: "Контейнеры выходят наружу через хост, который должен маршрутизировать между docker0 и eth0: `net.ipv4.ip_forward=1`. Docker включает это при запуске; скрипт защиты, sysctl.conf или сетевой менеджер, которые потом сбрасывают значение, отрезают все контейнеры, хотя сам хост работает нормально.",
  },
});
