/**
 * C's printf conversions as the C library does them (%d %i %o %u %x %X %c %s %e %E %f %F %g %G %%,
 * flags, width and precision), for the tools whose formats are C's: awk's printf and sprintf,
 * seq's numbers.
 */

/** %e: one digit, the fraction, and an exponent of at least two digits. */
function exponential(n: number, precision: number): string {
  const [mantissa, exp = "0"] = n.toExponential(precision).split("e");
  const e = Number(exp);
  return `${mantissa}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
}

/** %g: %e or %f, whichever is shorter for the precision, trailing zeros removed (unless #). */
function general(n: number, precision: number, alt: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (n === 0) return alt ? (0).toFixed(p - 1) : "0";
  const x = Math.floor(Math.log10(Math.abs(Number(n.toExponential(p - 1)))));
  let text = x < -4 || x >= p ? exponential(n, p - 1) : n.toFixed(Math.max(0, p - 1 - x));
  if (!alt && text.includes(".")) text = text.replace(/\.?0+(e|$)/, "$1");
  return text;
}

/** Widths and precisions beyond these are cut to them: the lab prints into a page, not a file of gigabytes. */
const MAX_WIDTH = 4096;
const MAX_PRECISION = 95;

/** One conversion of a number or a string. */
export function convert(
  conv: string,
  flags: string,
  widthAsked: number,
  precisionAsked: number | undefined,
  value: number | string,
): string {
  const width = Math.min(Math.max(0, widthAsked || 0), MAX_WIDTH);
  const precision =
    precisionAsked === undefined ? undefined : Math.min(Math.max(0, precisionAsked || 0), MAX_PRECISION);
  let text: string;
  let sign = "";
  const num = typeof value === "number" ? value : Number.parseFloat(value) || 0;
  // A number given to %s prints as awk's CONVFMT does (%.6g); C has no such case.
  const str =
    typeof value === "number" && !Number.isInteger(value) ? general(value, 6, false) : String(value);
  if (conv === "s") text = precision === undefined ? str : str.slice(0, precision);
  else if (conv === "c")
    text = typeof value === "number" ? String.fromCharCode(Math.trunc(value) & 0xff) : value.slice(0, 1);
  else {
    const negative = num < 0 || Object.is(num, -0);
    const abs = Math.abs(num);
    sign = negative ? "-" : flags.includes("+") ? "+" : flags.includes(" ") ? " " : "";
    if ("diouxX".includes(conv)) {
      const int = Math.trunc(abs);
      const unsigned = "ouxX".includes(conv);
      const base = conv === "o" ? 8 : "xX".includes(conv) ? 16 : 10;
      // An unsigned conversion of a negative number shows its two's complement.
      text =
        unsigned && negative && int > 0
          ? BigInt.asUintN(64, BigInt(-int)).toString(base)
          : int.toString(base);
      if (unsigned) sign = "";
      if (precision !== undefined) text = text.padStart(precision, "0");
      // `#`: octal starts with 0, hex (not zero) with 0x.
      if (flags.includes("#") && conv === "o" && !text.startsWith("0")) text = `0${text}`;
      if (flags.includes("#") && "xX".includes(conv) && int !== 0) text = `0x${text}`;
      if (conv === "X") text = text.toUpperCase();
    } else if ("eE".includes(conv)) text = exponential(abs, precision ?? 6);
    else if ("fF".includes(conv)) text = abs.toFixed(precision ?? 6);
    else text = general(abs, precision ?? 6, flags.includes("#"));
    if (!Number.isFinite(abs)) text = Number.isNaN(abs) ? "nan" : "inf";
    if ("EG".includes(conv) || conv === "F") text = text.toUpperCase();
    if (flags.includes("0") && !flags.includes("-") && (precision === undefined || !"diouxX".includes(conv)))
      text = text.padStart(Math.max(0, width - sign.length), "0");
  }
  text = sign + text;
  return flags.includes("-") ? text.padEnd(width) : text.padStart(width);
}

const SPEC = /%([-+ 0#]*)(\*|\d*)(?:\.(\*|\d*))?([diouxXcseEfFgG%])/g;

/** The whole format with its arguments (a missing one is empty or 0), `%%` a percent sign. */
export function cPrintf(format: string, args: readonly (number | string)[]): string {
  let next = 0;
  const take = () => args[next++];
  return format.replace(
    SPEC,
    (_all, flags: string, width: string, precision: string | undefined, conv: string) => {
      if (conv === "%") return "%";
      const w = width === "*" ? Number(take() ?? 0) : Number(width || 0);
      const p =
        precision === undefined
          ? undefined
          : precision === "*"
            ? Number(take() ?? 0)
            : Number(precision || 0);
      const value = take();
      const fallback = conv === "s" || conv === "c" ? "" : 0;
      return convert(conv, flags, w, p, value ?? fallback);
    },
  );
}
