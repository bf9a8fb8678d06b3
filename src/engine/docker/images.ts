/**
 * The image catalogue: what each image runs by default, which ports it exposes, which service listens
 * inside it, its userland and the programs it installs beyond that userland's (which programs a
 * userland has is said by each command: shell/types.ts `Command.where`). Images not listed here
 * still run: they are pulled on first use and behave as a minimal Debian image.
 */

/** Which userland a container's shell has: it decides prompts, error wording and command formats. */
export type Flavor = "busybox" | "debian";

interface Service {
  proto: "tcp" | "udp";
  port: number;
  /** The program name `ss -tlnp` and `netstat -tlnp` show. */
  program: string;
  /** What an HTTP GET / returns, when the service speaks HTTP. */
  http?: { server: string; contentType: string; body: string };
}

export interface ImageSpec {
  repo: string;
  tag: string;
  flavor: Flavor;
  /** The login shell `docker exec -it X sh|bash` finds; a debian flavour has both. */
  shells: string[];
  entrypoint: string[] | null;
  cmd: string[];
  workdir: string;
  env: string[];
  exposed: string[];
  services: Service[];
  /** Programs the image installs beyond its userland's (curl and apt in nginx, apk in alpine). */
  programs: string[];
  size: string;
  /** Days before the lab's epoch the image was built, for `docker images`. */
  ageDays: number;
}

const NGINX_PAGE = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

const TOMCAT_PAGE = `<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="UTF-8" />
        <title>Apache Tomcat/8.5.41</title>
    </head>
    <body>
        <h1>If you're seeing this, you've successfully installed Tomcat. Congratulations!</h1>
    </body>
</html>
`;

/** What an image has unless its entry says otherwise: no entrypoint, `/`, Debian's PATH, no services. */
const base = {
  tag: "latest",
  entrypoint: null,
  workdir: "/",
  env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
  exposed: [],
  services: [],
  programs: [],
};

/** The two userlands and the shells `docker exec` finds in them. */
const busybox = { ...base, flavor: "busybox", shells: ["sh", "ash"] } satisfies Partial<ImageSpec>;
const debian = { ...base, flavor: "debian", shells: ["bash", "sh"] } satisfies Partial<ImageSpec>;

/** Tomcat on Debian serving its welcome page on 8080: the official image and the tutorial's tomcat8-jdk8. */
const TOMCAT = {
  ...debian,
  workdir: "/usr/local/tomcat",
  cmd: ["catalina.sh", "run"],
  exposed: ["8080/tcp"],
  services: [
    {
      proto: "tcp",
      port: 8080,
      program: "java",
      http: { server: "", contentType: "text/html;charset=UTF-8", body: TOMCAT_PAGE },
    },
  ],
  programs: ["apt", "apt-get", "curl", "wget"],
} satisfies Partial<ImageSpec>;

const CATALOGUE: ImageSpec[] = [
  {
    ...busybox,
    repo: "busybox",
    cmd: ["sh"],
    // The recorded daemon's busybox was imported from a rootfs: it has no ENV (PATH comes from the runtime).
    env: [],
    size: "4.28MB",
    ageDays: 400,
  },
  {
    ...busybox,
    repo: "alpine",
    // Recorded as the same busybox rootfs re-tagged: `sh`, no ENV.
    cmd: ["sh"],
    env: [],
    programs: ["apk"],
    size: "7.8MB",
    ageDays: 90,
  },
  {
    ...debian,
    repo: "ubuntu",
    cmd: ["/bin/bash"],
    programs: ["apt", "apt-get"],
    size: "78.1MB",
    ageDays: 30,
  },
  { ...debian, repo: "debian", cmd: ["bash"], programs: ["apt", "apt-get"], size: "117MB", ageDays: 30 },
  {
    ...debian,
    repo: "nginx",
    entrypoint: ["/docker-entrypoint.sh"],
    cmd: ["nginx", "-g", "daemon off;"],
    exposed: ["80/tcp"],
    services: [
      {
        proto: "tcp",
        port: 80,
        program: "nginx",
        http: { server: "nginx/1.27.3", contentType: "text/html", body: NGINX_PAGE },
      },
    ],
    programs: ["curl", "apt", "apt-get", "nginx"],
    size: "192MB",
    ageDays: 20,
  },
  {
    ...debian,
    repo: "httpd",
    workdir: "/usr/local/apache2",
    cmd: ["httpd-foreground"],
    exposed: ["80/tcp"],
    services: [
      {
        proto: "tcp",
        port: 80,
        program: "httpd",
        http: {
          server: "Apache/2.4.62 (Unix)",
          contentType: "text/html",
          body: "<html><body><h1>It works!</h1></body></html>\n",
        },
      },
    ],
    programs: ["apt", "apt-get", "httpd"],
    size: "148MB",
    ageDays: 25,
  },
  {
    ...debian,
    repo: "redis",
    workdir: "/data",
    entrypoint: ["docker-entrypoint.sh"],
    cmd: ["redis-server"],
    exposed: ["6379/tcp"],
    services: [{ proto: "tcp", port: 6379, program: "redis-server" }],
    programs: ["apt", "apt-get", "redis-cli"],
    size: "117MB",
    ageDays: 15,
  },
  { ...TOMCAT, repo: "tomcat", size: "468MB", ageDays: 40 },
  {
    ...TOMCAT,
    repo: "billygoo/tomcat8-jdk8",
    programs: [...TOMCAT.programs, "ip", "ping", "ifconfig", "route", "netstat", "arp"],
    size: "523MB",
    ageDays: 1600,
  },
  {
    ...busybox,
    repo: "registry",
    entrypoint: ["/entrypoint.sh"],
    cmd: ["/etc/docker/registry/config.yml"],
    exposed: ["5000/tcp"],
    services: [{ proto: "tcp", port: 5000, program: "registry" }],
    size: "24.1MB",
    ageDays: 300,
  },
];

/** Splits "repo[:tag]" the way Docker does (a colon after the last slash starts the tag). */
export function parseRef(ref: string): { repo: string; tag: string } {
  const slash = ref.lastIndexOf("/");
  const colon = ref.lastIndexOf(":");
  if (colon > slash) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref, tag: "latest" };
}

/** Docker's reference grammar, reduced to what a user types: lower-case path components and a tag. */
const REFERENCE =
  /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?$/;

export function isValidRef(ref: string): boolean {
  return REFERENCE.test(ref);
}

export function findSpec(ref: string): ImageSpec | undefined {
  const { repo } = parseRef(ref);
  const name = repo.replace(/^(docker\.io\/)?(library\/)?/, "");
  // Any tag of a catalogued repository behaves like the one described (nginx:1.25 is still nginx).
  return CATALOGUE.find((i) => i.repo === name);
}

/** What an image reference runs as: its catalogue entry, or the generic userland. */
export function imageSpec(ref: string): ImageSpec {
  return findSpec(ref) ?? genericSpec(ref);
}

/** An image nobody catalogued: a minimal Linux userland with a shell, so that any name can be run. */
function genericSpec(ref: string): ImageSpec {
  const { repo, tag } = parseRef(ref);
  return {
    ...debian,
    repo,
    tag,
    cmd: ["/bin/sh"],
    size: "72.8MB",
    ageDays: 60,
  };
}

/** Layers of the images the tutorials pull (as their registries serve them); a catalogued image has one, anything else three. */
const LAYERS: Record<string, number> = {
  nginx: 7,
  httpd: 5,
  redis: 6,
  tomcat: 9,
  "billygoo/tomcat8-jdk8": 8,
  registry: 5,
};

/** The image's layer IDs (64 hex), bottom first: what a pull downloads and a delete removes. */
export function layerIds(repo: string, tag: string): string[] {
  const count = LAYERS[repo] ?? (findSpec(repo) ? 1 : 3);
  return Array.from({ length: count }, (_, i) => imageId(`${repo}@layer${i}`, tag));
}

/** An image as a pull leaves it in a daemon's store (the lab's registry serves every name). */
export function pulledImage(ref: string, now: number): { ref: string; id: string; created: number } {
  const { repo, tag } = parseRef(ref);
  return { ref: `${repo}:${tag}`, id: imageId(repo, tag), created: now };
}

/** The image's stable 64-hex ID, derived from its name so that every lab agrees on it. */
export function imageId(repo: string, tag: string): string {
  let h1 = 0x811c9dc5;
  let out = "";
  const text = `${repo}:${tag}`;
  while (out.length < 64) {
    for (let i = 0; i < text.length; i++) h1 = Math.imul(h1 ^ text.charCodeAt(i), 0x01000193) >>> 0;
    h1 = Math.imul(h1 ^ out.length, 0x01000193) >>> 0;
    out += h1.toString(16).padStart(8, "0");
  }
  return out;
}

/** The catalogue entry of a container's image, through a name `docker tag` gave it. */
export function containerSpec(c: { image: string; imageOf?: string }): ImageSpec {
  return imageSpec(c.imageOf ?? c.image);
}
