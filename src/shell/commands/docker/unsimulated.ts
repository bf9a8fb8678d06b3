/**
 * Commands of the real client (28) that the lab does not simulate (building and shipping images,
 * copying files, statistics): `docker --help` lists them, and running one says it is not simulated.
 */
import type { ListedCommand } from "./cli";

export const listed: ListedCommand[] = [
  { top: "build", group: ["image", "build"], summary: "Build an image from a Dockerfile", common: 4 },
  {
    top: "push",
    group: ["image", "push"],
    summary: "Upload an image to a registry",
    common: 6,
    summary20: "Push an image or a repository to a registry",
  },
  {
    top: "login",
    summary: "Authenticate to a registry",
    common: 8,
    summary20: "Log in to a Docker registry",
  },
  {
    top: "logout",
    summary: "Log out from a registry",
    common: 9,
    summary20: "Log out from a Docker registry",
  },
  {
    top: "search",
    summary: "Search Docker Hub for images",
    common: 10,
    summary20: "Search the Docker Hub for images",
  },
  { top: "commit", group: ["container", "commit"], summary: "Create a new image from a container's changes" },
  {
    top: "cp",
    group: ["container", "cp"],
    summary: "Copy files/folders between a container and the local filesystem",
  },
  {
    top: "diff",
    group: ["container", "diff"],
    summary: "Inspect changes to files or directories on a container's filesystem",
  },
  { top: "events", group: ["system", "events"], summary: "Get real time events from the server" },
  {
    top: "export",
    group: ["container", "export"],
    summary: "Export a container's filesystem as a tar archive",
  },
  { top: "history", group: ["image", "history"], summary: "Show the history of an image" },
  {
    top: "import",
    group: ["image", "import"],
    summary: "Import the contents from a tarball to create a filesystem image",
  },
  { top: "load", group: ["image", "load"], summary: "Load an image from a tar archive or STDIN" },
  {
    top: "save",
    group: ["image", "save"],
    summary: "Save one or more images to a tar archive (streamed to STDOUT by default)",
  },
  {
    top: "stats",
    group: ["container", "stats"],
    summary: "Display a live stream of container(s) resource usage statistics",
  },
  { group: ["system", "df"], summary: "Show docker disk usage" },
];
