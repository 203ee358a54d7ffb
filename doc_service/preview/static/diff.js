// The side-by-side comparison of two template versions, one row per aligned sentence.

import { longMoment } from "./dates.js";
import { t } from "./i18n.js";

export function shortDigest(version) {
  return version ? version.slice(0, 12) : "";
}

// A version as a reviewer names it: when it was used, what it changed, then its digest.
export function versionLabel(entry, first, withHistory = false) {
  const parts = [];
  if (entry.current) parts.push(withHistory && !entry.live ? t("diff.working") : t("diff.current"));
  if (entry.live) parts.push(t("diff.live"));
  if (entry.committed_at && !entry.current) {
    parts.push(t("diff.committed", { date: longMoment(entry.committed_at) }));
    if (entry.subject) parts.push(`“${entry.subject.length > 24 ? `${entry.subject.slice(0, 24)}…` : entry.subject}”`);
  }
  if (entry.first_used_at) parts.push(t("diff.firstUsed", { date: longMoment(entry.first_used_at) }));
  else if (!entry.current && !entry.committed_at) parts.push(t("diff.neverUsed"));
  if (first) parts.push(t("diff.firstChange", { text: first.length > 28 ? `${first.slice(0, 28)}…` : first }));
  parts.push(shortDigest(entry.version).slice(0, 8));
  return parts.join(" · ");
}

// The first sentence the two versions print differently.
export function firstChange(rows) {
  const row = rows.find((entry) => entry.op !== "equal");
  return row ? (row.base ?? row.head ?? "") : "";
}

function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"]/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[char]);
}

// Save the comparison as a standalone HTML report a reviewer can attach to a change request.
export function exportReport(result, title) {
  const rows = result.rows
    .filter((row) => row.op !== "equal")
    .map((row) => `<tr class="${row.op}"><td>${escapeHtml(row.base)}</td><td>${escapeHtml(row.head)}</td></tr>`)
    .join("\n");
  const html = `<!DOCTYPE html><html lang="${result.locale}"><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px/1.6 sans-serif;margin:24px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:6px;vertical-align:top}.replace td:first-child,.delete td:first-child{background:#fff1f0}.replace td:last-child,.insert td:last-child{background:#effaf1}</style>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t("diff.base"))}: ${escapeHtml(versionLabel(result.base))} (${result.base.version})<br>
${escapeHtml(t("diff.head"))}: ${escapeHtml(versionLabel(result.head))} (${result.head.version})</p>
<p>${escapeHtml(result.identical ? t("diff.identical") : summarise(result.stats))}</p>
<table><thead><tr><th>${escapeHtml(t("diff.base"))}</th><th>${escapeHtml(t("diff.head"))}</th></tr></thead><tbody>
${rows}
</tbody></table></html>`;
  const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = `${title.replace(/\s+/g, "-")}-${result.base.version.slice(0, 8)}-${result.head.version.slice(0, 8)}.html`;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30000);
}

function cell(side, row) {
  const td = document.createElement("td");
  td.className = `side side-${side}`;
  const text = row[side];
  if (text === null || text === undefined) {
    td.classList.add("blank");
    return td;
  }
  const segments = row[`${side}_segments`];
  if (!segments) {
    td.textContent = text;
    return td;
  }
  for (const segment of segments) {
    if (segment.op === "equal") td.append(segment.text);
    else {
      const mark = document.createElement(segment.op === "delete" ? "del" : "ins");
      mark.textContent = segment.text;
      td.append(mark);
    }
  }
  return td;
}

function collapsedRow(count) {
  const tr = document.createElement("tr");
  tr.className = "collapsed";
  const td = document.createElement("td");
  td.colSpan = 2;
  td.textContent = t("diff.unchanged", { n: count });
  tr.append(td);
  return tr;
}

// Fill the table body; with onlyChanges, runs of unchanged sentences fold into one line.
export function renderDiff(tbody, rows, { onlyChanges }) {
  const fragment = document.createDocumentFragment();
  let folded = 0;
  rows.forEach((row, index) => {
    const near = (offset) => rows[index + offset] && rows[index + offset].op !== "equal";
    const context = near(-1) || near(1);
    if (onlyChanges && row.op === "equal" && !context) {
      folded += 1;
      return;
    }
    if (folded) fragment.append(collapsedRow(folded));
    folded = 0;
    const tr = document.createElement("tr");
    tr.className = `op-${row.op}`;
    tr.dataset.op = row.op;
    tr.append(cell("base", row), cell("head", row));
    fragment.append(tr);
  });
  if (folded) fragment.append(collapsedRow(folded));
  tbody.replaceChildren(fragment);
}

export function summarise(stats) {
  return t("diff.summary", {
    changed: stats.replace ?? 0,
    deleted: stats.delete ?? 0,
    inserted: stats.insert ?? 0,
    equal: stats.equal ?? 0,
  });
}
