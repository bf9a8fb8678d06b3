/** The tutorials the lessons follow, each cited by its own title (or, untitled, by its first heading). */
import type { Tutorial } from "./format";

/** docker0 and veth pairs, --link, the three networks, user networks and names. */
export const DOCKER_NETWORK: Tutorial = { title: "Docker网络", language: "zh-CN" };
/** Namespaces and cgroups, none/host/bridge, user-defined networks, joined containers, NAT and port mapping. */
export const DOCKER_NETWORK_EXPLAINED: Tutorial = { title: "Docker网络详解", language: "zh-CN" };
/** CNM, the network modes, a container's network built by hand with ip netns and veth, user networks. */
export const NETWORK_MODES_RU: Tutorial = {
  title: "Подробное объяснение сетевого режима Docker и сетевой связи между контейнерами",
  language: "ru",
};
/** The default networks, addresses that move, tomcat on host/none/container modes, the legacy link. */
export const DEFAULT_NETWORKS: Tutorial = { title: "docker不启动, 默认网络情况", language: "zh-CN" };
/** Docker's default networks and, for several hosts, overlays over a key-value store (--cluster-store). */
export const DEFAULT_NETWORKS_KV: Tutorial = {
  title: "使用 Docker 网络功能可以帮助我们在建设 web 应用时保证一致和安全性",
  language: "zh-CN",
};
