import { describe, expect, it } from "vitest";
import { renderTemplate } from "./template";
import { durationString, formatTime, timeFromRfc3339, timeJson, timeRaw, timeString } from "./time";
import { goStruct } from "./value";

// The Go playground's clock, whose layouts' results Go's documentation shows.
const PLAYGROUND = timeFromRfc3339("2009-11-10T23:00:00Z");
const PRECISE = timeFromRfc3339("2026-12-08T02:30:23.897008807Z");

describe("time.Time.Format", () => {
  it.each([
    ["Mon Jan _2 15:04:05 2006", "Tue Nov 10 23:00:00 2009"],
    ["Mon, 02 Jan 2006 15:04:05 MST", "Tue, 10 Nov 2009 23:00:00 UTC"],
    ["02 Jan 06 15:04 -0700", "10 Nov 09 23:00 +0000"],
    ["2006-01-02T15:04:05Z07:00", "2009-11-10T23:00:00Z"],
    ["3:04PM", "11:00PM"],
    ["Jan _2 15:04:05.000000", "Nov 10 23:00:00.000000"],
    ["Monday January 2 pm -07:00 -07 Z0700", "Tuesday November 10 pm +00:00 +00 Z"],
    ["002 __2 _2006 1/2/06 3 4 5", "314 314 _2009 11/10/09 11 0 0"],
    ["2006-01-02 15:04:05.999", "2009-11-10 23:00:00"],
  ])("%s", (layout, want) => {
    expect(formatTime(PLAYGROUND, layout)).toBe(want);
  });

  it("prints fractions as .000 keeps them and .999 trims them; a run followed by a digit is no fraction", () => {
    // ".00001": the dot and zeros stay text, and "01" is the month.
    expect(formatTime(PRECISE, "05.000 05.999999999 05,9 .00001")).toBe("23.897 23.897008807 23,8 .00012");
    expect(formatTime(timeFromRfc3339("2026-01-01T00:00:00.5Z"), ".999999 .000")).toBe(".5 .500");
  });

  it("has String(), MarshalJSON's text and the raw {wall ext loc} fmt shows under an unexported field", () => {
    expect(timeString(PRECISE)).toBe("2026-12-08 02:30:23.897008807 +0000 UTC");
    expect(timeJson(PRECISE)).toBe("2026-12-08T02:30:23.897008807Z");
    expect(timeRaw(PRECISE)).toBe("{897008807 63932293823 <nil>}");
    const zero = timeFromRfc3339("0001-01-01T00:00:00Z");
    expect(timeString(zero)).toBe("0001-01-01 00:00:00 +0000 UTC");
    expect(timeRaw(zero)).toBe("{0 0 <nil>}");
  });
});

describe("time.Duration.String", () => {
  it.each([
    [0, "0s"],
    [999, "999ns"],
    [1000, "1µs"],
    [1500000, "1.5ms"],
    [100e6, "100ms"],
    [1.5e9, "1.5s"],
    [90e9, "1m30s"],
    [3.6e12, "1h0m0s"],
    [-2e9, "-2s"],
  ])("%d ns", (ns, want) => {
    expect(durationString(ns)).toBe(want);
  });
});

describe("time methods in a template", () => {
  const dot = goStruct("network.Inspect", [["Created", PLAYGROUND]]);
  const run = (src: string) => renderTemplate(src, dot);

  it("calls them with text/template's argument checks", () => {
    expect(
      run("{{.Created.Year}} {{.Created.Month}} {{printf `%d` .Created.Month}} {{.Created.Weekday}}"),
    ).toBe("2009 November 11 Tuesday");
    expect(
      run("{{.Created.YearDay}} {{.Created.IsZero}} {{.Created.Unix}} {{printf `%T` .Created.Unix}}"),
    ).toBe("314 false 1257894000 int64");
    expect(run("{{(.Created.Add 3600000000000).Sub .Created}} {{.Created.Before (.Created.Add 1)}}")).toBe(
      "1h0m0s true",
    );
    expect(run("{{printf `%s` .Created.MarshalJSON}} {{len .Created.MarshalText}}")).toBe(
      '"2009-11-10T23:00:00Z" 20',
    );
    expect(() => run("{{.Created.Format}}")).toThrow("wrong number of args for Format: want 1 got 0");
    expect(() => run("{{.Created.Format 1}}")).toThrow("expected string; found 1");
    expect(() => run('{{.Created.Add "x"}}')).toThrow('expected integer; found "x"');
    expect(() => run("{{.Created.Sub 5}}")).toThrow("can't handle 5 for arg of type time.Time");
    expect(() => run("{{.Created.Zone}}")).toThrow("can't evaluate field Zone in type time.Time");
  });

  it("prints a time inside a struct with String(), and its raw fields under an unexported one", () => {
    expect(run("{{.}}")).toBe("{2009-11-10 23:00:00 +0000 UTC}");
    const hidden = goStruct("ctx", [["n", dot]]);
    expect(renderTemplate("{{.}}", hidden)).toBe("{{{0 63393490800 <nil>}}}");
  });
});
