// Built-in review rules. Each rule gets { code, language, lines } and returns a list of
// { line, message } findings.
const byLine = (lines, re) => lines.flatMap((text, i) => (re.test(text) ? [{ line: i + 1, text }] : []));

export const builtinRules = [
  {
    id: "no-console-log",
    severity: "warning",
    languages: ["javascript", "typescript"],
    message: "Leftover console.log call",
    check: ({ lines }) => byLine(lines, /\bconsole\.log\(/),
  },
  {
    id: "no-hardcoded-secret",
    severity: "error",
    languages: ["*"],
    message: "Possible hard-coded secret",
    check: ({ lines }) => byLine(lines, /(api[_-]?key|secret|password)\s*[:=]\s*["'][^"']{8,}["']/i),
  },
  {
    id: "todo-without-ticket",
    severity: "info",
    languages: ["*"],
    message: "TODO without a ticket reference",
    check: ({ lines }) => byLine(lines, /\bTODO\b(?!.*[A-Z]+-\d+)/),
  },
  {
    id: "py-bare-except",
    severity: "warning",
    languages: ["python"],
    message: "Bare except swallows all errors",
    check: ({ lines }) => byLine(lines, /^\s*except\s*:/),
  },
  {
    id: "sql-string-concat",
    severity: "error",
    languages: ["*"],
    message: "SQL built by string concatenation",
    check: ({ lines }) => byLine(lines, /(SELECT|INSERT|UPDATE|DELETE)\b.*["'`]\s*\+\s*\w+/i),
  },
];
