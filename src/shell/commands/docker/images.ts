/**
 * Images: `docker pull` (the lab's registry serves the catalogue and any other well-formed name as a
 * minimal image), `docker images` / `image ls`, and `docker rmi` / `image rm`.
 */
import { fullRef } from "../../../engine/docker/containers";
import type { DockerEra } from "../../../engine/docker/era";
import { DaemonError, NotFound } from "../../../engine/docker/errors";
import { deleteImage } from "../../../engine/docker/image-delete";
import {
  findSpec,
  imageId,
  imageSpec,
  isValidRef,
  layerIds,
  parseRef,
  pulledImage,
} from "../../../engine/docker/images";
import type { LocalImage } from "../../../engine/docker/types";
import { routeOutput } from "../../../engine/packet/route";
import { randInt } from "../../../engine/rng";
import { advanceClock } from "../../../engine/world";
import {
  type GoValue,
  goInt,
  goPtr,
  goSlice,
  goStr,
  goStringMap,
  goStrings,
  goStruct,
} from "../../format/go/value";
import { netnsOf } from "../../place";
import { nameservers, resolveHost } from "../net/resolver";
import { CliError, type DockerCommand, type DockerCtx, responseError } from "./cli";
import { bool, flag, list, str } from "./flags";
import { context, contextStruct, FORMAT_HELP, formatRows } from "./format";
import { filterImages } from "./image-filters";
import { pruneCommand, pruneReport } from "./prune";
import { humanDuration, sizeBytes } from "./units";

/** Where the daemon pulls from: Docker Hub's registry, found through the host's resolver. */
const REGISTRY = "registry-1.docker.io";

/**
 * Every pull starts by asking the registry, even for an image already here: the daemon looks its
 * name up as Go's resolver does (the host's nameservers). When that fails (an offline host: its DNS
 * server never answers) the pull fails with Go's wording of the lookup error.
 */
function contactRegistry(ctx: DockerCtx): void {
  const found = resolveHost(ctx, REGISTRY, ctx.world.clock);
  advanceClock(ctx.world, found.end);
  if (found.res.kind === "found") return;
  const server = nameservers(ctx)[0] ?? "127.0.0.1";
  const route = routeOutput(netnsOf(ctx), server);
  const local = `${route.kind === "unreachable" ? "0.0.0.0" : route.src}:${randInt(ctx.world.rng, 32768, 60999)}`;
  const reason =
    found.res.kind === "tempfail" ? `read udp ${local}->${server}:53: i/o timeout` : "no such host";
  throw new DaemonError(
    `Get "https://${REGISTRY}/v2/": dial tcp: lookup ${REGISTRY} on ${server}:53: ${reason}`,
  );
}

/** The pull as a terminal shows it once done: the layers, the digest and the status line. */
export function pullImage(ctx: DockerCtx, image: string, write: (line: string) => void): void {
  contactRegistry(ctx);
  const { repo, tag } = parseRef(image);
  const library = repo.includes("/") ? repo : `library/${repo}`;
  write(`${tag}: Pulling from ${library}`);
  for (const layer of layerIds(repo, tag)) {
    ctx.world.clock += randInt(ctx.world.rng, 300, 1200);
    write(`${layer.slice(0, 12)}: Pull complete`);
  }
  write(`Digest: sha256:${imageId(`${repo}@digest`, tag)}`);
  write(`Status: Downloaded newer image for ${repo}:${tag}`);
  ctx.host.daemon.images.push(pulledImage(image, ctx.world.clock));
}

const pull: DockerCommand = {
  top: "pull",
  common: 5,
  group: ["image", "pull"],
  use: "[OPTIONS] NAME[:TAG|@DIGEST]",
  summary: "Download an image from a registry",
  summary20: "Pull an image or a repository from a registry",
  aliases: "docker image pull, docker pull",
  flags: [
    flag("all-tags", "Download all tagged images in the repository", { short: "a" }),
    flag("disable-content-trust", "Skip image verification", { def: "true" }),
    flag("platform", "Set platform if server is multi-platform capable", { value: "string" }),
    flag("quiet", "Suppress verbose output", { short: "q" }),
  ],
  args: { exact: 1 },
  run(ctx, { flags, args }) {
    const image = args[0] ?? "";
    if (!isValidRef(image)) throw new CliError("invalid reference format", 1);
    const { repo, tag } = parseRef(image);
    const quiet = bool(flags, "quiet");
    const write = (line: string) => {
      if (!quiet) ctx.out.line(line);
    };
    if (!image.includes(":")) write("Using default tag: latest");
    const existing = ctx.host.daemon.images.find((i) => i.ref === fullRef(image));
    if (existing) {
      contactRegistry(ctx);
      write(`${tag}: Pulling from ${repo.includes("/") ? repo : `library/${repo}`}`);
      write(`Digest: sha256:${imageId(`${repo}@digest`, tag)}`);
      write(`Status: Image is up to date for ${repo}:${tag}`);
    } else pullImage(ctx, image, write);
    ctx.out.line(`docker.io/${repo.includes("/") ? repo : `library/${repo}`}:${tag}`);
    return 0;
  },
};

/** Sizes as docker images shows them (go-units HumanSizeWithPrecision, 3 significant digits). */
function imageSize(image: LocalImage): string {
  return imageSpec(image.of ?? image.ref).size;
}

/** When an image was built: the catalogue's age before it was pulled. */
function imageCreated(image: LocalImage): number {
  const spec = findSpec(image.of ?? image.ref);
  return image.created - (spec ? spec.ageDays * 86400000 : 0);
}

/**
 * The API's image summary, as {{.}} prints the context's unexported `i`: API 1.45 sends -1 for the
 * counts it did not compute and no VirtualSize (client 20.10's type had no Descriptor or Manifests).
 */
function imageSummary(image: LocalImage, created: number, era: DockerEra): GoValue {
  const { id, ref } = image;
  const bytes = goInt(sizeBytes(imageSize(image)), "int64");
  return goStruct("image.Summary", [
    ["Containers", goInt(-1, "int64")],
    ["Created", goInt(Math.floor(created / 1000), "int64")],
    ["ID", goStr(`sha256:${id}`)],
    ["Labels", goStringMap(null)],
    ["ParentID", goStr("")],
    ...(era === 26
      ? ([
          ["Descriptor", goPtr("*v1.Descriptor", null)],
          ["Manifests", goSlice("[]image.ManifestSummary", null)],
        ] as [string, GoValue][])
      : []),
    ["RepoDigests", goStrings(null)],
    ["RepoTags", goStrings([ref])],
    ["SharedSize", goInt(-1, "int64")],
    ["Size", bytes],
    ["VirtualSize", era === 26 ? goInt(0, "int64") : bytes],
  ]);
}

const images: DockerCommand = {
  top: "images",
  common: 7,
  group: ["image", "ls", "list"],
  use: "[OPTIONS] [REPOSITORY[:TAG]]",
  summary: "List images",
  aliases: "docker image ls, docker image list, docker images",
  flags: [
    flag("all", "Show all images (default hides intermediate images)", { short: "a" }),
    flag("digests", "Show digests"),
    flag("filter", "Filter output based on conditions provided", { short: "f", value: "filter" }),
    flag("format", FORMAT_HELP, { value: "string" }),
    flag("no-trunc", "Don't truncate output"),
    flag("quiet", "Only show image IDs", { short: "q" }),
    flag("tree", "List multi-platform images as a tree (EXPERIMENTAL)", { hidden: true }),
  ],
  args: { max: 1 },
  run(ctx, { flags, args }) {
    const wanted = args[0];
    const rows = filterImages(
      ctx.host.daemon.images,
      list(flags, "filter"),
      imageCreated,
      ctx.host.daemon.era,
    )
      .filter((i) => !wanted || i.ref === fullRef(wanted) || parseRef(i.ref).repo === wanted)
      .sort((a, b) => b.created - a.created || (a.ref < b.ref ? -1 : 1));
    const noTrunc = bool(flags, "no-trunc");
    const id = (full: string) => (noTrunc ? `sha256:${full}` : full.slice(0, 12));
    if (bool(flags, "quiet")) {
      for (const r of rows) ctx.out.line(id(r.id));
      return 0;
    }
    const era = ctx.host.daemon.era;
    const contexts = rows.map((r) => {
      const { repo, tag } = parseRef(r.ref);
      const created = imageCreated(r);
      const printed = contextStruct(
        "formatter.imageContext",
        !noTrunc,
        ["i", imageSummary(r, created, era)],
        [
          { name: "repo", v: goStr(repo) },
          { name: "tag", v: goStr(tag) },
          { name: "digest", v: goStr("<none>") },
        ],
      );
      const fields = {
        Repository: repo,
        Tag: tag,
        ID: id(r.id),
        CreatedSince: `${humanDuration(ctx.world.clock - created)} ago`,
        CreatedAt: new Date(created)
          .toISOString()
          .replace("T", " ")
          .replace(/\.\d+Z$/, " +0000 UTC"),
        Size: imageSize(r),
        Digest: "<none>",
        Containers: "N/A",
        SharedSize: "N/A",
        UniqueSize: "N/A",
        VirtualSize: imageSize(r),
      };
      return context("*formatter.imageContext", fields, undefined, printed);
    });
    const format =
      str(flags, "format") ?? "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
    const headers = {
      Repository: "REPOSITORY",
      Tag: "TAG",
      ID: "IMAGE ID",
      CreatedSince: "CREATED",
      CreatedAt: "CREATED AT",
      Size: "SIZE",
      Digest: "DIGEST",
      Containers: "CONTAINERS",
      SharedSize: "SHARED SIZE",
      UniqueSize: "UNIQUE SIZE",
      VirtualSize: "VIRTUAL SIZE",
    };
    ctx.out.write(formatRows(format, "*formatter.imageContext", contexts, headers, ctx.host.daemon.era));
    return 0;
  },
};

const rmi: DockerCommand = {
  top: "rmi",
  group: ["image", "rm", "rmi", "remove"],
  use: "[OPTIONS] IMAGE [IMAGE...]",
  summary: "Remove one or more images",
  aliases: "docker image rm, docker image remove, docker rmi",
  flags: [
    flag("force", "Force removal of the image", { short: "f" }),
    flag("no-prune", "Do not delete untagged parents"),
    flag(
      "platform",
      'Remove only the given platform variant. Formatted as "os[/arch[/variant]]" (e.g., "linux/amd64")',
      { value: "strings" },
    ),
  ],
  args: { min: 1 },
  run(ctx, { flags, args }) {
    const force = bool(flags, "force");
    const errors: string[] = [];
    let fatal = false;
    for (const ref of args) {
      try {
        for (const record of deleteImage(ctx.host, ref, force)) ctx.out.line(record);
      } catch (error) {
        if (!(error instanceof DaemonError)) throw error;
        if (!(error instanceof NotFound)) fatal = true;
        errors.push(responseError(ctx, error, { object: "image", name: ref }));
      }
    }
    if (errors.length === 0) return 0;
    ctx.out.error(errors.join("\n"));
    // Forced, an image that is not there is no failure (the errors are still shown).
    return force && !fatal ? 0 : 1;
  },
};

/**
 * Removes dangling images (the lab's images always have a tag, so none), or with -a every image no
 * container uses; the daemon's records, lower-cased as the prune report prints them.
 */
export function pruneImages(ctx: DockerCtx, all: boolean): string[] {
  if (!all) return [];
  const used = new Set(ctx.host.daemon.containers.map((c) => c.imageId));
  const unused = ctx.host.daemon.images.filter((i) => !used.has(i.id));
  return unused
    .flatMap((i) => deleteImage(ctx.host, i.ref, false))
    .map((r) => r.replace(/^\w/, (c) => c.toLowerCase()));
}

const ALL_IMAGES = flag("all", "Remove all unused images, not just dangling ones", { short: "a" });

const prune = pruneCommand(
  "image",
  "Remove unused images",
  (flags) =>
    bool(flags, "all")
      ? "This will remove all images without at least one container associated to them."
      : "This will remove all dangling images.",
  (ctx, flags) => pruneReport(ctx, [["Deleted Images", pruneImages(ctx, bool(flags, "all"))]]),
  [ALL_IMAGES],
);

/**
 * `docker tag`: another name for a local image (the client checks the new name first). The tag
 * shares the image's ID; a container made from it is that image's.
 */
const tag: DockerCommand = {
  top: "tag",
  group: ["image", "tag"],
  use: "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
  summary: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
  aliases: "docker image tag, docker tag",
  flags: [],
  args: { exact: 2 },
  run(ctx, { args }) {
    const [source = "", target = ""] = args;
    if (!isValidRef(target)) {
      const lower = target.toLowerCase();
      const why =
        lower !== target && isValidRef(lower)
          ? `invalid reference format: repository name (library/${target}) must be lowercase`
          : "invalid reference format";
      throw new CliError(`Error parsing reference: "${target}" is not a valid repository/tag: ${why}`);
    }
    const hex = source.replace(/^sha256:/, "");
    const image =
      ctx.host.daemon.images.find((i) => i.ref === fullRef(source)) ??
      (/^[0-9a-f]+$/.test(hex) ? ctx.host.daemon.images.find((i) => i.id.startsWith(hex)) : undefined);
    if (!image) throw new NotFound(`No such image: ${fullRef(source)}`);
    const ref = fullRef(target);
    const others = ctx.host.daemon.images.filter((i) => i.ref !== ref);
    ctx.host.daemon.images = [
      ...others,
      { ref, id: image.id, created: image.created, of: image.of ?? image.ref },
    ];
    return 0;
  },
};

export const subcommands: DockerCommand[] = [pull, images, rmi, tag, prune];
