import { archiveError } from "../errors";

/**
 * SuperOffice's OData `$filter` dialect as the archive providers accept it (D-ODATA, D-FILT and the
 * operator list in each archive operation's description): comparisons `col op value`, operators with
 * a parenthesised list (`oneOf (1,2)`, `between ('a','b')`), unary operators (`date beforeToday`),
 * the functions startswith/endswith/substringof, `and`/`or`/`not` and parentheses. String literals use
 * single quotes with '' for an apostrophe.
 */

export type Literal = string | number | boolean | null;

export type FilterExpr =
  | { kind: "and" | "or"; left: FilterExpr; right: FilterExpr }
  | { kind: "not"; expr: FilterExpr }
  | { kind: "cmp"; column: string; op: string; args: Literal[] }
  | { kind: "func"; name: "startswith" | "endswith" | "substringof"; column: string; value: string };

type Token =
  | { t: "ident"; v: string; at: number }
  | { t: "string"; v: string; at: number }
  | { t: "number"; v: number; at: number }
  | { t: "punct"; v: "(" | ")" | "," | "="; at: number };

/** Operators that take no operand. */
export const UNARY_OPERATORS = new Set([
  "beforetoday", "today", "aftertoday", "lastweek", "thisweek", "nextweek", "lastmonth", "thismonth", "nextmonth",
  "lastquarter", "thisquarter", "nextquarter", "thishalf", "thisyear", "currentassociate",
]);
/** Operators that take a parenthesised list of operands. */
const LIST_OPERATORS = new Set([
  "oneof", "notoneof", "in", "between", "datebetween", "associateisoneof", "associateisnotoneof",
]);
const BINARY_OPERATORS = new Set([
  "eq", "ne", "lt", "gt", "le", "ge", "=", "equals", "unequals", "greater", "less", "is", "isnot",
  "begins", "notbegins", "contains", "notcontains", "before", "after", "date", "set", "beforeorequal",
]);

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === "(" || ch === ")" || ch === "," || ch === "=") { tokens.push({ t: "punct", v: ch, at: i }); i++; continue; }
    if (ch === "'") {
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= input.length) throw archiveError(`Unterminated string literal at position ${i} in $filter`);
        const c = input[j] as string;
        if (c === "'") {
          if (input[j + 1] === "'") { value += "'"; j += 2; continue; }
          break;
        }
        value += c;
        j++;
      }
      tokens.push({ t: "string", v: value, at: i });
      i = j + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?/.exec(input.slice(i));
    if (num && (ch !== "-" || /\d/.test(input[i + 1] ?? ""))) {
      tokens.push({ t: "number", v: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_/:.-]*/.exec(input.slice(i));
    if (ident) {
      tokens.push({ t: "ident", v: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    throw archiveError(`Unexpected character '${ch}' at position ${i} in $filter`);
  }
  return tokens;
}

export function parseFilter(input: string): FilterExpr {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => {
    const tok = tokens[pos];
    throw archiveError(`Invalid $filter: ${what} at ${tok ? `position ${tok.at}` : "end of input"}`);
  };
  const isWord = (tok: Token | undefined, word: string) => tok?.t === "ident" && tok.v.toLowerCase() === word;
  const expectPunct = (v: string) => {
    const tok = peek();
    if (tok?.t !== "punct" || tok.v !== v) fail(`expected '${v}'`);
    pos++;
  };
  const literal = (): Literal => {
    const tok = peek();
    if (!tok) return fail("expected a value");
    pos++;
    if (tok.t === "string" || tok.t === "number") return tok.v;
    if (tok.t === "ident") {
      const w = tok.v.toLowerCase();
      if (w === "true") return true;
      if (w === "false") return false;
      if (w === "null") return null;
    }
    pos--;
    return fail("expected a value");
  };

  const primary = (): FilterExpr => {
    const tok = peek();
    if (tok?.t === "punct" && tok.v === "(") {
      pos++;
      const inner = orExpr();
      expectPunct(")");
      return inner;
    }
    if (isWord(tok, "not")) {
      pos++;
      return { kind: "not", expr: primary() };
    }
    if (tok?.t !== "ident") return fail("expected a column name");
    pos++;
    const lower = tok.v.toLowerCase();
    const next = peek();
    if ((lower === "startswith" || lower === "endswith" || lower === "substringof") && next?.t === "punct" && next.v === "(") {
      pos++;
      let column: string;
      let value: Literal;
      if (lower === "substringof") {
        value = literal();
        expectPunct(",");
        const col = peek();
        if (col?.t !== "ident") return fail("expected a column name");
        pos++;
        column = col.v;
      } else {
        const col = peek();
        if (col?.t !== "ident") return fail("expected a column name");
        pos++;
        column = col.v;
        expectPunct(",");
        value = literal();
      }
      expectPunct(")");
      if (typeof value !== "string") return fail(`${lower} needs a string`);
      return { kind: "func", name: lower, column, value };
    }
    const opTok = peek();
    if (!opTok || (opTok.t !== "ident" && !(opTok.t === "punct" && opTok.v === "="))) return fail(`expected an operator after ${tok.v}`);
    pos++;
    const op = String(opTok.v).toLowerCase();
    if (UNARY_OPERATORS.has(op)) return { kind: "cmp", column: tok.v, op, args: [] };
    if (LIST_OPERATORS.has(op)) {
      expectPunct("(");
      const args: Literal[] = [literal()];
      while (peek()?.t === "punct" && (peek() as Token).v === ",") {
        pos++;
        args.push(literal());
      }
      expectPunct(")");
      if ((op === "between" || op === "datebetween") && args.length !== 2) fail(`${op} needs two values`);
      return { kind: "cmp", column: tok.v, op, args };
    }
    if (BINARY_OPERATORS.has(op)) return { kind: "cmp", column: tok.v, op: op === "=" ? "eq" : op, args: [literal()] };
    return fail(`unknown operator '${String(opTok.v)}'`);
  };
  const andExpr = (): FilterExpr => {
    let left = primary();
    while (isWord(peek(), "and")) {
      pos++;
      left = { kind: "and", left, right: primary() };
    }
    return left;
  };
  const orExpr = (): FilterExpr => {
    let left = andExpr();
    while (isWord(peek(), "or")) {
      pos++;
      left = { kind: "or", left, right: andExpr() };
    }
    return left;
  };
  if (tokens.length === 0) return fail("empty expression");
  const expr = orExpr();
  if (pos < tokens.length) fail("unexpected input");
  return expr;
}

/** Every column name a filter refers to. */
export function filterColumns(expr: FilterExpr): string[] {
  switch (expr.kind) {
    case "and":
    case "or":
      return [...filterColumns(expr.left), ...filterColumns(expr.right)];
    case "not":
      return filterColumns(expr.expr);
    case "cmp":
    case "func":
      return [expr.column];
  }
}
