/**
 * HTTP/1.1 as the lab's servers speak it: requests and responses as text, and what each server
 * answers: the image services (nginx, Apache httpd, Tomcat) with their pages and 404s, busybox
 * `httpd -h DIR` serving the files written in the container, and the internet's web sites.
 */

export interface HttpRequest {
  method: string;
  path: string;
  headers: [string, string][];
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** RFC 1123 date: "Mon, 23 Nov 2026 09:00:00 GMT". */
function httpDate(ms: number): string {
  const d = new Date(Math.floor(ms));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(
    d.getUTCHours(),
  )}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

export function requestText(r: HttpRequest): string {
  return `${r.method} ${r.path} HTTP/1.1\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join("")}\r\n`;
}

export function parseRequest(text: string): HttpRequest | undefined {
  // Servers take bare LF line ends too (a request typed into nc or telnet).
  const [first = "", ...rest] = text.split(/\r?\n/);
  const m = /^(\S+) (\S+) HTTP\/1\.[01]$/.exec(first);
  if (!m) return undefined;
  const headers: [string, string][] = [];
  for (const line of rest) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  return { method: m[1] ?? "GET", path: m[2] ?? "/", headers };
}

export function header(headers: [string, string][], name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** "HTTP/1.1 200 OK"; Tomcat 8.5 leaves the reason out but keeps the space. */
function statusLine(r: HttpResponse): string {
  return `HTTP/1.1 ${r.status} ${r.reason}`;
}

/** The response on the wire; HEAD gets the headers only. */
export function responseText(r: HttpResponse, head: boolean): string {
  const lines = [statusLine(r), ...r.headers.map(([k, v]) => `${k}: ${v}`)];
  return `${lines.join("\r\n")}\r\n\r\n${head ? "" : r.body}`;
}

export function parseResponse(text: string): HttpResponse | undefined {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) return undefined;
  const [first = "", ...rest] = text.slice(0, end).split("\r\n");
  const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(first);
  if (!m) return undefined;
  const headers: [string, string][] = rest.map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { status: Number(m[1]), reason: m[2] ?? "", headers, body: text.slice(end + 4) };
}

/** Bytes, as Content-Length counts them (UTF-8). */
function byteLength(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

function etag(modified: number, size: number): string {
  return `"${Math.floor(modified / 1000).toString(16)}-${size.toString(16)}"`;
}

/** The image's server families, told apart by the program the image runs. */
export type ServerFamily = "nginx" | "apache" | "tomcat" | "plain";

export interface ImagePage {
  family: ServerFamily;
  /** The Server header ("nginx/1.27.3", "Apache/2.4.62 (Unix)", "" for Tomcat). */
  server: string;
  contentType: string;
  body: string;
  /** When the page file was last changed (the image build). */
  modified: number;
}

function notFoundBody(page: ImagePage, path: string): string {
  switch (page.family) {
    case "nginx":
      return `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>${page.server}</center>\r\n</body>\r\n</html>\r\n`;
    case "apache":
      return '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
    case "tomcat":
      return `<!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><hr class="line" /><p><b>Type</b> Status Report</p><p><b>Message</b> ${path}</p><p><b>Description</b> The origin server did not find a current representation for the target resource or is not willing to disclose that one exists.</p><hr class="line" /><h3>Apache Tomcat/8.5.41</h3></body></html>`;
    default:
      return "404 Not Found\n";
  }
}

/** What an image's web server answers: its page at `/` (and /index.html), a 404 page elsewhere. */
export function serveImagePage(page: ImagePage, req: HttpRequest, now: number): HttpResponse {
  const date = httpDate(now);
  const found = req.path === "/" || req.path === "/index.html";
  const body = found ? page.body : notFoundBody(page, req.path);
  const size = byteLength(body);
  const status = found ? 200 : 404;
  const reason = found ? "OK" : "Not Found";
  switch (page.family) {
    case "nginx":
      return {
        status,
        reason,
        headers: [
          ["Server", page.server],
          ["Date", date],
          ["Content-Type", page.contentType],
          ["Content-Length", String(size)],
          ...(found
            ? ([
                ["Last-Modified", httpDate(page.modified)],
                ["Connection", "keep-alive"],
                ["ETag", etag(page.modified, size)],
                ["Accept-Ranges", "bytes"],
              ] as [string, string][])
            : ([["Connection", "keep-alive"]] as [string, string][])),
        ],
        body,
      };
    case "apache":
      return {
        status,
        reason,
        headers: [
          ["Date", date],
          ["Server", page.server],
          ...(found
            ? ([
                ["Last-Modified", httpDate(page.modified)],
                ["ETag", `"${size.toString(16)}-${Math.floor(page.modified).toString(16)}"`],
                ["Accept-Ranges", "bytes"],
              ] as [string, string][])
            : []),
          ["Content-Length", String(size)],
          ["Content-Type", found ? page.contentType : "text/html; charset=iso-8859-1"],
        ],
        body,
      };
    case "tomcat":
      // Tomcat 8.5 sends no reason phrase.
      return {
        status,
        reason: "",
        headers: [
          ["Content-Type", found ? page.contentType : "text/html;charset=utf-8"],
          ...(found ? [] : ([["Content-Language", "en"]] as [string, string][])),
          ["Content-Length", String(size)],
          ["Date", date],
        ],
        body,
      };
    default:
      return { status, reason, headers: [["Content-Length", String(size)]], body };
  }
}

const MIME: Record<string, string> = {
  html: "text/html",
  htm: "text/html",
  txt: "text/plain",
  css: "text/css",
  js: "application/javascript",
  json: "application/json",
};

/** busybox httpd: files under its home directory; a directory means its index.html. */
export function serveFiles(
  read: (path: string) => string | undefined,
  home: string,
  req: HttpRequest,
  now: number,
  modified: number,
): HttpResponse {
  const root = home.replace(/\/+$/, "");
  const path = req.path.split("?")[0] ?? "/";
  const file = `${root}${path.endsWith("/") ? `${path}index.html` : path}`;
  const date = httpDate(now);
  const body = read(file);
  if (body === undefined) {
    return {
      status: 404,
      reason: "Not Found",
      headers: [
        ["Date", date],
        ["Connection", "close"],
        ["Content-type", "text/html"],
      ],
      body: "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n",
    };
  }
  const ext = file.slice(file.lastIndexOf(".") + 1);
  const size = byteLength(body);
  const mime = MIME[ext];
  return {
    status: 200,
    reason: "OK",
    headers: [
      ["Date", date],
      ["Connection", "close"],
      ...(mime ? ([["Content-type", mime]] as [string, string][]) : []),
      ["Accept-Ranges", "bytes"],
      ["Last-Modified", httpDate(modified)],
      ["ETag", etag(modified, size)],
      ["Content-Length", String(size)],
    ],
    body,
  };
}

const EXAMPLE_PAGE = `<!doctype html>
<html>
<head>
    <title>Example Domain</title>

    <meta charset="utf-8" />
    <meta http-equiv="Content-type" content="text/html; charset=utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
</head>

<body>
<div>
    <h1>Example Domain</h1>
    <p>This domain is for use in illustrative examples in documents. You may use this
    domain in literature without prior coordination or asking for permission.</p>
    <p><a href="https://www.iana.org/domains/example">More information...</a></p>
</div>
</body>
</html>
`;

function moved(location: string): string {
  return `<HTML><HEAD><meta http-equiv="content-type" content="text/html;charset=utf-8">\n<TITLE>301 Moved</TITLE></HEAD><BODY>\n<H1>301 Moved</H1>\nThe document has moved\n<A HREF="${location}">here</A>.\r\n</BODY></HTML>\r\n`;
}

const SITE_PAGE = (name: string) =>
  `<!DOCTYPE html>\n<html>\n<head><title>${name}</title></head>\n<body>\n<h1>${name}</h1>\n<p>Served over plain HTTP inside the lab's internet.</p>\n</body>\n</html>\n`;

/** The internet's web servers, answering by the Host header as virtual hosts do. */
export function serveSite(site: string, req: HttpRequest, now: number): HttpResponse {
  const host = (header(req.headers, "Host") ?? site).replace(/:\d+$/, "").toLowerCase();
  const date = httpDate(now);
  if (host === "google.com") {
    const body = moved("http://www.google.com/");
    return {
      status: 301,
      reason: "Moved Permanently",
      headers: [
        ["Location", "http://www.google.com/"],
        ["Content-Type", "text/html; charset=UTF-8"],
        ["Date", date],
        ["Server", "gws"],
        ["Content-Length", String(byteLength(body))],
      ],
      body,
    };
  }
  const body = host === "example.com" || host === "www.example.com" ? EXAMPLE_PAGE : SITE_PAGE(host);
  if (req.path !== "/" && req.path !== "/index.html") {
    const missing = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n";
    return {
      status: 404,
      reason: "Not Found",
      headers: [
        ["Content-Type", "text/html"],
        ["Date", date],
        ["Content-Length", String(byteLength(missing))],
      ],
      body: missing,
    };
  }
  return {
    status: 200,
    reason: "OK",
    headers: [
      ["Content-Type", "text/html"],
      ["Date", date],
      ["Server", host.includes("google") ? "gws" : "ECAcc (lab)"],
      ["Content-Length", String(byteLength(body))],
    ],
    body,
  };
}
