/** Tools that send packets: ping, nslookup, curl, wget, nc, telnet, tcpdump … */
import type { Handler, ProcessKind } from "../../types";
import { busyboxApplets } from "./busybox-applet";
import { curl } from "./curl";
import { getent } from "./getent";
import { httpd } from "./httpd";
import { listenerProcess } from "./listener";
import { nc } from "./nc";
import { nslookup } from "./nslookup";
import { ping, pingProcess } from "./ping";
import { ssh } from "./ssh";
import { tcpdump, tcpdumpProcess } from "./tcpdump";
import { telnet, telnetProcess } from "./telnet";
import { traceroute } from "./traceroute";
import { wget } from "./wget";

/** The applets busybox answers itself when called as `busybox NAME`. */
const applets: Record<string, Handler> = { ping, nslookup, wget, nc, telnet, traceroute, httpd };

export const netCommands: Record<string, Handler> = {
  ...applets,
  curl,
  getent,
  tcpdump,
  ssh,
  busybox: busyboxApplets(applets),
};

export const netProcesses: Record<string, ProcessKind> = {
  ping: pingProcess,
  listener: listenerProcess,
  telnet: telnetProcess,
  tcpdump: tcpdumpProcess,
};
