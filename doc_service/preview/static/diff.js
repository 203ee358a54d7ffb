// The side-by-side comparison of two template versions, one row per aligned sentence.

import { language, t } from "./i18n.js";

export function shortDigest(version) {
  return version ? version.slice(0, 12) : "";
}

export function versionLabel(entry) {
  const parts = [shortDigest(entry.version)];
  if (entry.current) parts.push(t("diff.current"));
  if (entry.first_used_at) {
    const date = new Date(entry.first_used_at);
    const shown = date.toLocaleString(language() === "en" ? "en-GB" : "zh-CN", { dateStyle: "medium", timeStyle: "short" });
    parts.push(t("diff.firstUsed", { date: shown }));
  } else if (!entry.current) {
    parts.push(t("diff.neverUsed"));
  }
  return parts.join(" · ");
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
