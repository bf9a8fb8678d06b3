/**
 * What the lab's own `help` command prints, in each language: what the lab is, commands to try in
 * the order the tutorials teach them, and the terminal's keys. The commands themselves stay as
 * they are typed; only the words around them change.
 */
import type { Language } from "./languages";

/** The tutorial the hand-built network follows, cited by its own title. */
const BY_HAND_TUTORIAL = "Подробное объяснение сетевого режима Docker и сетевой связи между контейнерами";

const en = `Docker Network Lab: a simulated Docker host (host1) on a home LAN, in your browser.
Type real commands; the graph above shows every namespace, bridge and veth pair, and
animates each packet your commands send. Nothing leaves this page.
The Lessons button above opens guided lessons and troubleshooting challenges.

Start here
  docker network ls                          the three networks a fresh daemon has
  docker run -itd --name busy1 busybox       a container on the default bridge (docker0)
  docker run -itd --name busy2 busybox
  docker exec busy1 ping -c 2 172.17.0.3     containers reach each other by IP ...
  docker exec busy1 ping -c 1 busy2          ... but not by name on the default bridge
  docker network create mynet                a user-defined bridge with an embedded DNS
  docker run -itd --name web --net mynet nginx
  docker run -it --rm --net mynet busybox sh   then: ping -c 1 web, nslookup web, exit
  docker run -d -p 8080:80 --name site nginx   publish a port, then: curl localhost:8080
  ssh laptop                                 a shell on the laptop next to host1 on the LAN:
                                             curl 192.168.0.102:8080 from there, then exit

Look inside
  ip addr, ip route, ip neigh, brctl show, bridge fdb, ifconfig
  iptables -t nat -L -n, iptables -S, ss -tlnp, conntrack -L
  docker inspect NAME, docker network inspect NAME, docker port NAME
  cat /etc/hosts, cat /etc/resolv.conf       inside a container (docker exec NAME cat ...)
  systemctl restart docker                   the daemon restarts: which containers come back, on which address

Build a container's network by hand, as the tutorial
"${BY_HAND_TUTORIAL}" does
  ip netns add red, ip link add A type veth peer name B, brctl addif docker0 A,
  ip link set B netns red, ip netns exec red ip addr add 172.17.0.10/16 dev B ...

Several hosts (lesson 11)
  lab host add                               host2 on the LAN, with its tab (or: Hosts menu)
  docker swarm init --advertise-addr 192.168.0.102   then docker swarm join ... on host2
  docker network create -d overlay --attachable ov   a network across the hosts (VXLAN)

Terminal
  Left/Right, Home/End (Ctrl+A/E), Ctrl+Left/Right word; Ctrl+U/K/W cut, Ctrl+Y paste back
  Up/Down history; Ctrl+R search it (again: older; Enter runs; Esc cancels)
  Tab completes commands, flags, containers, networks, images, files; Tab Tab lists
  Ctrl+C stops a command or drops the line; Ctrl+D leaves a container shell
  Ctrl+P Ctrl+Q detaches from a container (it keeps running); Ctrl+L clears
  Select to copy, Ctrl+V to paste (a pasted script runs line by line)
  Ctrl+= / Ctrl+- / Ctrl+0 text size
  Tabs: Alt+T new, Alt+W close, Alt+1..9 switch, double-click or F2 rename
  Alt+M switches Realtime / Step by step; Alt+S skips the packets' animation to its end
  Esc (or Shift+Tab) leaves the terminal; Tab then goes on to the rest of the page
  docker --help, docker run --help, docker network --help for the full usage.
`;

const zh = `Docker Network Lab：在浏览器里模拟一台 Docker 宿主机（host1），它连在一个家庭局域网上。
在这里输入真实的命令；上方的图会画出每一个命名空间、网桥和 veth pair，
并把命令发出的每一个数据包一跳一跳地动画演示出来。所有内容都不会离开本页面。
点上方的“课程”按钮，可以打开循序渐进的课程和排错挑战。

从这里开始
  docker network ls                          刚启动的 Docker 自带的三个网络
  docker run -itd --name busy1 busybox       在默认网桥（docker0）上启动一个容器
  docker run -itd --name busy2 busybox
  docker exec busy1 ping -c 2 172.17.0.3     容器之间可以用 IP 互相 ping 通……
  docker exec busy1 ping -c 1 busy2          ……但在默认网桥上用容器名 ping 不通
  docker network create mynet                自定义的 bridge 网络，自带内嵌 DNS
  docker run -itd --name web --net mynet nginx
  docker run -it --rm --net mynet busybox sh   然后输入：ping -c 1 web、nslookup web、exit
  docker run -d -p 8080:80 --name site nginx   端口映射，然后：curl localhost:8080
  ssh laptop                                 登录到局域网里 host1 旁边的笔记本电脑：
                                             在那里执行 curl 192.168.0.102:8080，再 exit

查看内部
  ip addr、ip route、ip neigh、brctl show、bridge fdb、ifconfig
  iptables -t nat -L -n、iptables -S、ss -tlnp、conntrack -L
  docker inspect 名字、docker network inspect 名字、docker port 名字
  cat /etc/hosts、cat /etc/resolv.conf       在容器里查看（docker exec 容器名 cat ...）
  systemctl restart docker                   重启守护进程：看哪些容器会回来、换成了哪个地址

手工搭建容器网络，参照教程
《${BY_HAND_TUTORIAL}》
  ip netns add red, ip link add A type veth peer name B, brctl addif docker0 A,
  ip link set B netns red, ip netns exec red ip addr add 172.17.0.10/16 dev B ...

多台宿主机（第 11 课）
  lab host add                               局域网上多一台 host2（或用“宿主机”菜单）
  docker swarm init --advertise-addr 192.168.0.102   再到 host2 上 docker swarm join ...
  docker network create -d overlay --attachable ov   一个跨主机的网络（VXLAN）

终端操作
  Left/Right、Home/End（Ctrl+A/E）移动光标，Ctrl+Left/Right 按单词移动；
  Ctrl+U/K/W 剪切，Ctrl+Y 粘贴回来
  Up/Down 翻历史命令；Ctrl+R 搜索历史（再按一次：更早的；Enter 执行；Esc 取消）
  Tab 补全命令、参数、容器、网络、镜像和文件；连按两次 Tab 列出所有候选
  Ctrl+C 中止命令或放弃当前这一行；Ctrl+D 退出容器里的 shell
  Ctrl+P Ctrl+Q 脱离容器（容器继续运行）；Ctrl+L 清屏
  选中即复制，Ctrl+V 粘贴（粘贴的脚本会逐行执行）
  Ctrl+= / Ctrl+- / Ctrl+0 调整字号
  标签页：Alt+T 新建，Alt+W 关闭，Alt+1..9 切换，双击或按 F2 重命名
  Alt+M 在“实时”和“逐步”两种模式间切换；Alt+S 让数据包动画直接跳到结尾
  按 Esc（或 Shift+Tab）离开终端，再按 Tab 就能继续浏览页面上的其他部分
  完整用法请看 docker --help、docker run --help、docker network --help。
`;

const ru = `Docker Network Lab: модель Docker-хоста (host1) в домашней локальной сети, прямо в браузере.
Вводите настоящие команды: граф сверху показывает каждое пространство имён, мост и пару veth
и шаг за шагом анимирует каждый пакет ваших команд. Ничто не покидает эту страницу.
Кнопка «Уроки» наверху открывает пошаговые уроки и задачи на поиск неисправностей.

С чего начать
  docker network ls                          три сети, которые есть у свежего демона
  docker run -itd --name busy1 busybox       контейнер в мосте по умолчанию (docker0)
  docker run -itd --name busy2 busybox
  docker exec busy1 ping -c 2 172.17.0.3     контейнеры достают друг друга по IP ...
  docker exec busy1 ping -c 1 busy2          ... но не по имени в мосте по умолчанию
  docker network create mynet                пользовательский мост со встроенным DNS
  docker run -itd --name web --net mynet nginx
  docker run -it --rm --net mynet busybox sh   затем: ping -c 1 web, nslookup web, exit
  docker run -d -p 8080:80 --name site nginx   публикация порта, затем: curl localhost:8080
  ssh laptop                                 оболочка на ноутбуке рядом с host1 в LAN:
                                             оттуда curl 192.168.0.102:8080, затем exit

Заглянуть внутрь
  ip addr, ip route, ip neigh, brctl show, bridge fdb, ifconfig
  iptables -t nat -L -n, iptables -S, ss -tlnp, conntrack -L
  docker inspect ИМЯ, docker network inspect ИМЯ, docker port ИМЯ
  cat /etc/hosts, cat /etc/resolv.conf       внутри контейнера (docker exec ИМЯ cat ...)
  systemctl restart docker                   перезапуск демона: какие контейнеры вернутся и с каким адресом

Сеть контейнера своими руками, как в статье
«${BY_HAND_TUTORIAL}»
  ip netns add red, ip link add A type veth peer name B, brctl addif docker0 A,
  ip link set B netns red, ip netns exec red ip addr add 172.17.0.10/16 dev B ...

Несколько хостов (урок 11)
  lab host add                               host2 в локальной сети (или меню «Хосты»)
  docker swarm init --advertise-addr 192.168.0.102   затем docker swarm join ... на host2
  docker network create -d overlay --attachable ov   сеть поверх хостов (VXLAN)

Терминал
  Left/Right, Home/End (Ctrl+A/E), Ctrl+Left/Right по словам;
  Ctrl+U/K/W вырезать, Ctrl+Y вставить обратно
  Up/Down история; Ctrl+R поиск по ней (ещё раз: раньше; Enter выполнить; Esc отмена)
  Tab дополняет команды, флаги, контейнеры, сети, образы, файлы; Tab Tab показывает варианты
  Ctrl+C прерывает команду или сбрасывает строку; Ctrl+D выходит из оболочки контейнера
  Ctrl+P Ctrl+Q отключается от контейнера (он продолжает работать); Ctrl+L очищает экран
  Выделение копирует, Ctrl+V вставляет (вставленный скрипт выполняется построчно)
  Ctrl+= / Ctrl+- / Ctrl+0 размер текста
  Вкладки: Alt+T новая, Alt+W закрыть, Alt+1..9 выбрать; F2 (двойной щелчок) — переименовать
  Alt+M — режим «Реальное время» или «По шагам»; Alt+S — сразу к концу анимации пакетов
  Esc (или Shift+Tab) — выйти из терминала; дальше Tab ведёт по остальной странице
  Полная справка: docker --help, docker run --help, docker network --help.
`;

const TEXTS: Record<Language, string> = { en, "zh-CN": zh, ru };

/** `help`'s text in a language. */
export function helpText(language: Language): string {
  return TEXTS[language];
}
