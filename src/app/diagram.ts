/**
 * The diagram as an image for slides and homework: the whole graph as it is drawn now (theme,
 * highlights, the packet on screen), without the controls around it, as PNG (twice the screen's
 * resolution) or SVG. html-to-image does the drawing; it is loaded only when asked for.
 */
import { diagramSource } from "../graph/diagram-source";
import { t } from "../i18n";
import { useNotices } from "../store/notices";
import { download, stamp } from "../store/share";

/** Parts of React Flow that are controls, not the diagram. */
const CHROME = [
  "react-flow__controls",
  "react-flow__minimap",
  "react-flow__panel",
  "react-flow__attribution",
];

const frames = (n: number) =>
  new Promise<void>((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(n);
  });

/** A data: URL's contents (not through fetch: the page's policy allows no connections to data:). */
function bytesOf(url: string): BlobPart {
  const comma = url.indexOf(",");
  const head = url.slice(0, comma);
  const body = url.slice(comma + 1);
  if (!head.endsWith(";base64")) return decodeURIComponent(body);
  return Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
}

export async function exportDiagram(format: "png" | "svg"): Promise<void> {
  const source = diagramSource();
  if (!source) {
    useNotices.getState().push({ tone: "error", text: t("keep.noDiagram") });
    return;
  }
  const { toPng, toSvg } = await import("html-to-image");
  const back = source.showAll();
  try {
    // The nodes that were out of view are drawn in the next frames.
    await frames(3);
    const options = {
      backgroundColor: getComputedStyle(source.element).backgroundColor,
      pixelRatio: format === "png" ? 2 : 1,
      filter: (node: HTMLElement) => !CHROME.some((c) => node.classList?.contains(c)),
    };
    const url =
      format === "png" ? await toPng(source.element, options) : await toSvg(source.element, options);
    download(
      `docker-network-lab-${stamp()}.${format}`,
      format === "png" ? "image/png" : "image/svg+xml",
      bytesOf(url),
    );
  } finally {
    back();
  }
}
