/** Tools that send packets: ping, nslookup, curl, wget, nc, telnet, tcpdump … */
import type { Handler, ProcessKind } from "../../types";

export const netCommands: Record<string, Handler> = {};

export const netProcesses: Record<string, ProcessKind> = {};
