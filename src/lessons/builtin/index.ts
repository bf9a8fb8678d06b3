/** The lessons and challenges the lab ships, in the order of the curriculum. */
import type { Lesson } from "../format";
import {
  dockerUserDrop,
  iccDisabled,
  internalNetwork,
  ipForwardOff,
  localhostIsContainer,
  loopbackBind,
  namesOnDefaultBridge,
  overlappingSubnet,
  portWrongWay,
  twoNetworks,
} from "./challenges";
import { vethPairs } from "./l01-veth";
import { defaultBridge } from "./l02-default-bridge";
import { legacyLink } from "./l03-link";
import { userNetworks } from "./l04-user-networks";
import { connectNetworks } from "./l05-connect";
import { networkModes } from "./l06-modes";
import { inAndOut } from "./l07-outside";
import { movingAddresses } from "./l08-addresses";
import { byHand } from "./l09-by-hand";
import { concepts } from "./l10-concepts";
import { acrossHosts } from "./l11-across-hosts";

export const LESSONS: Lesson[] = [
  vethPairs,
  defaultBridge,
  legacyLink,
  userNetworks,
  connectNetworks,
  networkModes,
  inAndOut,
  movingAddresses,
  byHand,
  concepts,
  acrossHosts,
];

export const CHALLENGES: Lesson[] = [
  loopbackBind,
  localhostIsContainer,
  namesOnDefaultBridge,
  twoNetworks,
  internalNetwork,
  portWrongWay,
  overlappingSubnet,
  iccDisabled,
  dockerUserDrop,
  ipForwardOff,
];
