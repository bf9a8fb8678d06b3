/** awk's syntax tree: expressions, statements, rules and functions, as the parser builds them. */

/** Where getline reads: the main input, a file (`< file`) or a command's output (`cmd |`). */
export type GetlineSource = "main" | "file" | "cmd";

export type Expr =
  | { k: "num"; v: number }
  | { k: "str"; v: string }
  | { k: "re"; re: RegExp }
  | { k: "var"; name: string }
  | { k: "field"; e: Expr }
  | { k: "index"; name: string; i: Expr[] }
  | { k: "assign"; op: string; to: Expr; e: Expr }
  | { k: "incdec"; op: string; prefix: boolean; to: Expr }
  | { k: "bin"; op: string; a: Expr; b: Expr }
  | { k: "not"; e: Expr }
  | { k: "neg"; e: Expr }
  | { k: "cond"; c: Expr; a: Expr; b: Expr }
  | { k: "match"; neg: boolean; a: Expr; re: Expr }
  | { k: "call"; name: string; args: Expr[] }
  | { k: "user"; name: string; args: Expr[] }
  | { k: "in"; keys: Expr[]; name: string }
  | { k: "getline"; from: GetlineSource; into?: Expr; source?: Expr }
  | { k: "list"; items: Expr[] }
  | { k: "group"; e: Expr };

/** Where print and printf write: stdout, or a file (`>`, `>>`) or a command (`|`) named by an expression. */
export interface Destination {
  mode: ">" | ">>" | "|";
  e: Expr;
}

export type Stmt =
  | { k: "print"; args: Expr[]; printf: boolean; to?: Destination }
  | { k: "expr"; e: Expr }
  | { k: "if"; c: Expr; then: Stmt; else?: Stmt }
  | { k: "while"; c: Expr; body: Stmt }
  | { k: "do"; body: Stmt; c: Expr }
  | { k: "for"; init?: Stmt; c?: Expr; step?: Stmt; body: Stmt }
  | { k: "forin"; key: Expr; name: string; body: Stmt }
  | { k: "block"; body: Stmt[] }
  | { k: "delete"; name: string; i?: Expr[] }
  | { k: "return"; e?: Expr }
  | { k: "next" }
  | { k: "nextfile" }
  | { k: "exit"; e?: Expr }
  | { k: "break" }
  | { k: "continue" };

export interface Rule {
  begin?: boolean;
  end?: boolean;
  pattern?: Expr;
  to?: Expr;
  inRange?: boolean;
  action?: Stmt[];
}

export interface AwkFunction {
  params: string[];
  body: Stmt[];
}

export interface Program {
  rules: Rule[];
  functions: Map<string, AwkFunction>;
}
