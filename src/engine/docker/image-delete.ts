/**
 * `docker rmi` in the daemon (daemon/images/image_delete.go): a name untags, and deletes the image
 * once no tag is left; an ID deletes the image with all its tags. Containers using the image stop
 * either: a running one always ("cannot be forced"), a stopped one unless forced, and a name that is
 * the image's only tag while any container uses it unless forced.
 */
import { fullRef } from "./containers";
import { DaemonError, NotFound } from "./errors";
import type { Host } from "./host";
import { isValidRef, layerIds, parseRef } from "./images";
import { isRunning } from "./lookup";
import type { LocalImage } from "./types";

function conflict(id: string, hard: boolean, message: string): DaemonError {
  const force = hard ? "cannot be forced" : "must be forced";
  return new DaemonError(`conflict: unable to delete ${id.slice(0, 12)} (${force}) - ${message}`, 409);
}

/** checkImageDeleteConflict: running containers always, other tags and stopped containers unless forced. */
function deleteConflict(
  host: Host,
  image: LocalImage,
  soft: boolean,
  tagsCount: boolean,
): DaemonError | undefined {
  const users = host.daemon.containers.filter((c) => c.imageId === image.id);
  const running = users.find(isRunning);
  if (running)
    return conflict(image.id, true, `image is being used by running container ${running.id.slice(0, 12)}`);
  if (!soft) return undefined;
  if (tagsCount && host.daemon.images.some((i) => i.id === image.id))
    return conflict(image.id, false, "image is referenced in multiple repositories");
  const stopped = users[0];
  if (stopped)
    return conflict(image.id, false, `image is being used by stopped container ${stopped.id.slice(0, 12)}`);
  return undefined;
}

/** Removes the image itself: its remaining tags, then the image and its layers. */
function deleteAll(host: Host, image: LocalImage, records: string[]): void {
  for (const tagged of host.daemon.images.filter((i) => i.id === image.id))
    records.push(`Untagged: ${tagged.ref}`);
  host.daemon.images = host.daemon.images.filter((i) => i.id !== image.id);
  const { repo, tag } = parseRef(image.ref);
  records.push(`Deleted: sha256:${image.id}`, ...layerIds(repo, tag).map((l) => `Deleted: sha256:${l}`));
}

/** The daemon's words for an image it does not have: a name is normalised (`nosuch` → `nosuch:latest`). */
export function noSuchImage(ref: string): NotFound {
  return new NotFound(`No such image: ${/^sha256:/.test(ref) || !isValidRef(ref) ? ref : fullRef(ref)}`);
}

/** The records the API returns ("Untagged: busybox:latest", "Deleted: sha256:…"), or the refusal. */
export function deleteImage(host: Host, ref: string, force: boolean): string[] {
  const images = host.daemon.images;
  const hex = ref.replace(/^sha256:/, "");
  const byName = images.find((i) => i.ref === fullRef(ref));
  const byId = /^[0-9a-f]+$/.test(hex) ? images.find((i) => i.id.startsWith(hex)) : undefined;
  const image = byName ?? byId;
  if (!image) throw noSuchImage(ref);
  const tags = images.filter((i) => i.id === image.id);
  const records: string[] = [];
  if (byName) {
    const user = host.daemon.containers.find((c) => c.imageId === image.id);
    if (!force && tags.length === 1 && user) {
      throw new DaemonError(
        `conflict: unable to remove repository reference "${ref}" (must force) - container ${user.id.slice(0, 12)} is using its referenced image ${image.id.slice(0, 12)}`,
        409,
      );
    }
    host.daemon.images = images.filter((i) => i !== image);
    records.push(`Untagged: ${image.ref}`);
    if (tags.length > 1) return records;
    // The last tag is gone: the image goes too, unless a container holds it (then it stays, untagged, quietly).
    if (deleteConflict(host, image, !force, false)) return records;
    deleteAll(host, image, records);
    return records;
  }
  // By ID: tags within one repository go with it; tags in several repositories must be forced.
  const oneRepository = new Set(tags.map((t) => parseRef(t.ref).repo)).size <= 1;
  const refused = deleteConflict(host, image, !force, !oneRepository);
  if (refused) throw refused;
  deleteAll(host, image, records);
  return records;
}
