// A JSON parse failure told in the page's language, with where it is, not the browser's words.

import { t } from "./i18n.js";

// The parser's complaint in the page's language: where, not the browser's English wording.
function errorOffset(text, message) {
  const at = /position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (/end of JSON/i.test(message)) return text.length;
  // V8: Unexpected token '}', ..."ue_date": }" is not valid JSON — find the quoted excerpt
  const token = /Unexpected token '?(.)'?/.exec(message)?.[1];
  const excerpt = /"(?:\.\.\.)?([\s\S]*?)(?:\.\.\.)?" is not valid JSON/.exec(message)?.[1];
  const start = excerpt ? text.indexOf(excerpt) : -1;
  return start < 0 ? null : start + Math.max(0, token ? excerpt.indexOf(token) : 0);
}

export function jsonProblem(text, error) {
  const offset = errorOffset(text, error?.message || "");
  if (offset === null) return t("json.invalidPlain");
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return t("json.invalidAt", { line, column });
}
