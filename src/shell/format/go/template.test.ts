import { describe, expect, it } from "vitest";
import { sprintf } from "./fmt";
import { toJson } from "./json";
import { renderTemplate } from "./template";
import { TemplateError } from "./template-parse";
import {
  fromJson,
  goBool,
  goInt,
  goMap,
  goNil,
  goPtr,
  goStr,
  goStringMap,
  goStrings,
  goStruct,
} from "./value";

const ipamConfig = goStruct("network.IPAMConfig", [
  ["Subnet", goStr("172.17.0.0/16"), { omitempty: true }],
  ["IPRange", goStr(""), { omitempty: true }],
  ["Gateway", goStr("172.17.0.1"), { omitempty: true }],
  ["AuxAddress", goStringMap(null), { json: "AuxiliaryAddresses", omitempty: true }],
]);
const net = goStruct("network.Inspect", [
  ["Name", goStr("net4")],
  ["Internal", goBool(false)],
  [
    "IPAM",
    goStruct("network.IPAM", [
      ["Driver", goStr("default")],
      ["Options", goStringMap(null)],
      ["Config", { k: "slice", type: "[]network.IPAMConfig", items: [ipamConfig] }],
    ]),
  ],
  ["Labels", goStringMap({ a: "b" })],
  ["Endpoint", goPtr("*network.EndpointSettings", null)],
  ["Ids", goStrings(["x", "y"])],
  ["Count", goInt(3)],
]);

describe("Go templates as docker --format runs them", () => {
  it("prints fields with fmt's %v forms", () => {
    expect(renderTemplate("{{.IPAM.Config}}", net)).toBe("[{172.17.0.0/16  172.17.0.1 map[]}]");
    expect(renderTemplate("{{.Name}} {{.Internal}} {{.Labels}}", net)).toBe("net4 false map[a:b]");
    expect(renderTemplate("{{.Endpoint}}|{{.Ids}}|{{.Count}}", net)).toBe("<nil>|[x y]|3");
  });

  it("encodes json with field order and omitempty, without HTML escaping", () => {
    expect(renderTemplate("{{json .IPAM}}", net)).toBe(
      '{"Driver":"default","Options":null,"Config":[{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"}]}',
    );
    expect(toJson(goStr("a<b"))).toBe('"a\\u003cb"');
    expect(renderTemplate("{{json .}}", goStr("a<b"))).toBe('"a<b"');
  });

  it("indents json the way json.Indent does", () => {
    const v = goStruct("x", [
      ["A", goStrings([])],
      ["B", goMap("m", [])],
      ["C", goStrings(["p"])],
    ]);
    expect(toJson(v, { indent: "    " })).toBe(
      '{\n    "A": [],\n    "B": {},\n    "C": [\n        "p"\n    ]\n}',
    );
  });

  it("ranges over maps in key order and slices with variables", () => {
    const m = goMap("map[string]string", [
      ["b", goStr("2")],
      ["a", goStr("1")],
    ]);
    expect(renderTemplate("{{range $k, $v := .}}{{$k}}={{$v}};{{end}}", m)).toBe("a=1;b=2;");
    expect(renderTemplate("{{range .Ids}}[{{.}}]{{else}}none{{end}}", net)).toBe("[x][y]");
    expect(renderTemplate("{{range .Labels}}{{.}}{{end}}", net)).toBe("b");
    expect(renderTemplate("{{range $i, $e := .Ids}}{{if $i}},{{end}}{{$e}}{{end}}", net)).toBe("x,y");
  });

  it("supports if/else if/else and trim markers", () => {
    const t = "{{if eq .Count 1}}one{{else if eq .Count 3}}three{{else}}many{{end}}";
    expect(renderTemplate(t, net)).toBe("three");
    expect(renderTemplate("a  {{- .Name -}}  b", net)).toBe("anet4b");
    expect(renderTemplate("{{with .Endpoint}}x{{else}}none{{end}}", net)).toBe("none");
  });

  it("has index, len, printf, join, split, upper, lower, title, pad, truncate", () => {
    expect(renderTemplate('{{index .Labels "a"}} {{len .Ids}} {{index .Ids 1}}', net)).toBe("b 2 y");
    expect(renderTemplate('{{printf "%s-%5d|%-4s|" .Name .Count "x"}}', net)).toBe("net4-    3|x   |");
    expect(renderTemplate('{{join .Ids ","}} {{split "a:b" ":"}} {{upper .Name}}', net)).toBe(
      "x,y [a b] NET4",
    );
    expect(
      renderTemplate('{{lower "AbC"}} {{title "hello world"}} [{{pad "x" 1 2}}] {{truncate .Name 2}}', net),
    ).toBe("abc Hello World [ x  ] ne");
    expect(renderTemplate('{{.Name | printf "%q"}}', net)).toBe('"net4"');
  });

  it("fails the way text/template does", () => {
    expect(() => renderTemplate("{{.Nope}}", net)).toThrow(
      'template: :1:2: executing "" at <.Nope>: can\'t evaluate field Nope in type network.Inspect',
    );
    expect(() => renderTemplate("{{.Name", net)).toThrow("template: :1: unclosed action");
    expect(() => renderTemplate("{{foo .}}", net)).toThrow('template: :1: function "foo" not defined');
    expect(() => renderTemplate("{{if .Name}}x", net)).toThrow("template: :1: unexpected EOF");
    expect(() => renderTemplate("{{.Endpoint.MacAddress}}", net)).toThrow(TemplateError);
    const raw = fromJson({ A: { B: 1 } });
    expect(renderTemplate("{{.A.B}}", raw)).toBe("1");
    expect(() => renderTemplate("{{.A.C}}", raw, { missingKeyError: true })).toThrow(
      'template: :1:2: executing "" at <.A.C>: map has no entry for key "C"',
    );
    expect(renderTemplate("{{.A.C}}", raw)).toBe("<no value>");
  });

  it("formats printf verbs like fmt", () => {
    expect(sprintf("%v %d %t %x %%", [goStr("a"), goInt(10), goBool(true), goInt(255)])).toBe(
      "a 10 true ff %",
    );
    expect(sprintf("%s", [])).toBe("%!s(MISSING)");
    expect(sprintf("x", [goInt(1)])).toBe("x%!(EXTRA int=1)");
    expect(renderTemplate('{{print 1 2 "a" 3}}', goNil)).toBe("1 2a3");
  });
});
