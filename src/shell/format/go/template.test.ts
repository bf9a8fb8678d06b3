import { describe, expect, it } from "vitest";
import { sprintf } from "./fmt";
import { toJson } from "./json";
import { renderTemplate } from "./template";
import { TemplateError } from "./template-parse";
import {
  fromJson,
  type GoValue,
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
      'template: :1:4: executing "" at <.A.C>: map has no entry for key "C"',
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

  it("calls a context's methods with text/template's argument checks", () => {
    const row: GoValue = {
      k: "object",
      type: "*formatter.ContainerContext",
      fields: { Names: goStr("web") },
      methods: { Label: { params: ["string"], call: ([k]) => goStr(k?.k === "string" ? `<${k.v}>` : "") } },
      exported: { Header: { k: "invalid" } },
      unexported: ["c"],
    };
    expect(renderTemplate('{{.Label "app"}} {{.Names}} {{.Header}}', row)).toBe("<app> web <no value>");
    expect(renderTemplate("{{.Names | .Label}}", row)).toBe("<web>");
    const fails = (src: string) => () => renderTemplate(src, row);
    expect(fails("{{.Label}}")).toThrow("at <.Label>: wrong number of args for Label: want 1 got 0");
    expect(fails('{{.Names "x"}}')).toThrow("wrong number of args for Names: want 0 got 1");
    expect(fails("{{.Label 1}}")).toThrow('template: :1:9: executing "" at <1>: expected string; found 1');
    expect(fails('{{"a" | .Label "b"}}')).toThrow("wrong number of args for Label: want 1 got 2");
    expect(fails("{{.c}}")).toThrow("c is an unexported field of struct type *formatter.ContainerContext");
    expect(fails("{{.Names.Foo}}")).toThrow(
      ':1:8: executing "" at <.Names.Foo>: can\'t evaluate field Foo in type string',
    );
  });

  it("promotes an embedded struct's fields and inlines them in JSON", () => {
    const base = goStruct("container.ContainerJSONBase", [
      ["Id", goStr("abc")],
      ["SizeRw", goPtr("*int64", null), { omitempty: true }],
    ]);
    const v = goStruct("container.InspectResponse", [
      ["ContainerJSONBase", goPtr("*container.ContainerJSONBase", base), { embedded: true }],
      ["Mounts", goStrings([])],
    ]);
    expect(
      renderTemplate('{{.Id}} {{.ContainerJSONBase.Id}} {{.SizeRw}} {{printf "%T" .ContainerJSONBase}}', v),
    ).toBe("abc abc <nil> *container.ContainerJSONBase");
    expect(toJson(v)).toBe('{"Id":"abc","Mounts":[]}');
  });

  it("gives a missing map key no value, through further fields too", () => {
    const m = goStruct("x", [["Labels", goStringMap({ a: "b" })]]);
    expect(renderTemplate('{{.Labels.nope}}|{{.Labels.nope.deeper}}|{{index .Labels "nope"}}|', m)).toBe(
      "<no value>|<no value>||",
    );
  });

  it("compares as Go does and refuses what it refuses", () => {
    expect(
      renderTemplate('{{eq .Count 3}} {{lt "a" "b"}} {{eq .Count 1 2 3}} {{eq .Labels.zz "x"}}', net),
    ).toBe("true true true false");
    expect(() => renderTemplate("{{le 1.5 2}}", net)).toThrow(
      "at <le 1.5 2>: error calling le: incompatible types for comparison",
    );
    expect(() => renderTemplate("{{lt true false}}", net)).toThrow(
      "error calling lt: invalid type for comparison",
    );
    expect(() => renderTemplate('{{index "ab" 2}}', net)).toThrow(
      "error calling index: reflect: string index out of range",
    );
    expect(() => renderTemplate('{{index "ab" 3}}', net)).toThrow(
      "error calling index: index out of range: 3",
    );
    expect(renderTemplate('{{js "a<b\\"c"}}', net)).toBe('a\\u003Cb\\"c');
  });

  it("refuses at parse time what Go's parser refuses", () => {
    expect(() => renderTemplate("{{break}}", net)).toThrow("template: :1: {{break}} outside {{range}}");
    expect(() => renderTemplate('{{"abc}}', net)).toThrow("template: :1: unterminated quoted string");
    expect(() => renderTemplate("{{$x}}", net)).toThrow('template: :1: undefined variable "$x"');
    expect(() => renderTemplate("{{if 1}}{{$x := 1}}{{end}}{{$x}}", net)).toThrow('undefined variable "$x"');
    expect(() => renderTemplate("{{range .Ids}}{{else}}{{else}}{{end}}", net)).toThrow(
      "template: :1: expected end; found {{else}}",
    );
    expect(renderTemplate("{{.Name |}}", net)).toBe("net4");
  });

  it("names its template in errors when it has a name", () => {
    expect(() =>
      renderTemplate(
        "{{.Server.Foo}}",
        goStruct("system.versionInfo", [["Server", goPtr("*types.Version", goStruct("types.Version", []))]]),
        { name: "version" },
      ),
    ).toThrow(
      'template: version:1:9: executing "version" at <.Server.Foo>: can\'t evaluate field Foo in type *types.Version',
    );
  });

  it("defines templates and calls them with their own dot and $", () => {
    expect(renderTemplate('{{define "n"}}[{{.Name}}]{{end}}{{template "n" .}}{{template "n"}}', net)).toBe(
      "[net4][<no value>]",
    );
    expect(renderTemplate('{{block "b" .Name}}<{{.}}>{{end}}', net)).toBe("<net4>");
    expect(() => renderTemplate('{{template "nosuch"}}', net)).toThrow(
      'template: :1:11: executing "" at <{{template "nosuch"}}>: template "nosuch" not defined',
    );
    expect(() => renderTemplate('{{define "x"}}{{.Nope}}{{end}}{{template "x" .}}', net)).toThrow(
      'template: :1:16: executing "x" at <.Nope>',
    );
    expect(() => renderTemplate('{{define "x"}}a{{end}}{{define "x"}}b{{end}}', net)).toThrow(
      'template: :1: template: multiple definition of template "x"',
    );
    expect(() => renderTemplate('{{define "r"}}{{template "r"}}{{end}}{{template "r"}}', net)).toThrow(
      "exceeded maximum template depth (100000)",
    );
  });

  it("reads the raw fallback's numbers as json.Number, a string type", () => {
    const raw = fromJson({ Pid: 0 });
    expect(renderTemplate('{{printf "%T %v %d" .Pid .Pid .Pid}} {{json .Pid}}', raw)).toBe(
      "json.Number 0 %!d(json.Number=0) 0",
    );
    expect(() => renderTemplate("{{eq .Pid 0}}", raw)).toThrow(
      "error calling eq: incompatible types for comparison",
    );
    expect(renderTemplate('{{printf "%T" .}}', goInt(0, "int64"))).toBe("int64");
  });

  it("lexes as Go's lexer does", () => {
    expect(() => renderTemplate("{{end}", net)).toThrow("template: :1: bad character U+007D '}'");
    expect(() => renderTemplate("{{-.Name}}", net)).toThrow('template: :1: bad number syntax: "-.N"');
    expect(() => renderTemplate("{{.Name", net)).toThrow("template: :1: unclosed action");
  });
});
