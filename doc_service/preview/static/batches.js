// The night's batches: the newest ones with their status, counts and outputs, kept fresh while
// any of them still runs.

import { ApiError, apiFetch, apiJson, describeError, offeredFilename } from "./api.js";
import { longMoment } from "./dates.js";
import { t } from "./i18n.js";

const REFRESH_MS = 3000;
const RUNNING = new Set(["queued", "running"]);
const SHOWN = 20;
// what a batch's outputs are called in its links, and the file each one downloads as
const OUTPUTS = [
  { link: "archive", label: "batches.archive", file: (id) => `batch-${id}.zip` },
  { link: "print_pdf", label: "batches.printPdf", file: (id) => `batch-${id}.pdf` },
];

function cell(...children) {
  const td = document.createElement("td");
  td.append(...children);
  return td;
}

function countsText(counts) {
  const parts = [t("batches.issuedOf", { issued: counts.issued, total: counts.total })];
  for (const key of ["refused", "failed", "invalid", "cancelled"]) {
    if (counts[key]) parts.push(t(`batches.${key}`, { n: counts[key] }));
  }
  return parts.join(" · ");
}

export class BatchList {
  constructor({ $ }) {
    this.$ = $;
    this.batches = [];
    this.message = "";
    this.timer = null;
    $("batches-refresh").addEventListener("click", () => this.refresh());
  }

  async refresh() {
    window.clearTimeout(this.timer);
    try {
      const body = await apiJson(`/v1/batches?limit=${SHOWN}`);
      this.batches = body.batches;
      this.message = "";
    } catch (error) {
      this.batches = [];
      // a reviewer's key may see templates but not batches: say so, do not alarm
      this.message = error instanceof ApiError && error.status === 403 ? t("batches.forbidden") : describeError(error);
    }
    this.render();
    if (this.batches.some((batch) => RUNNING.has(batch.status))) {
      this.timer = window.setTimeout(() => this.refresh(), REFRESH_MS);
    }
  }

  render() {
    const status = this.message || (this.batches.length ? t("batches.shown", { n: this.batches.length }) : t("batches.none"));
    this.$("batches-status").textContent = status;
    this.$("batches-table").hidden = !this.batches.length;
    this.$("batches-rows").replaceChildren(...this.batches.map((batch) => this.row(batch)));
  }

  row(batch) {
    const tr = document.createElement("tr");
    tr.dataset.batch = batch.id;
    const id = document.createElement("code");
    id.textContent = batch.id.slice(0, 8);
    id.title = batch.id;
    const state = document.createElement("span");
    state.className = `batch-status batch-${batch.status}`;
    state.textContent = t(`batches.status.${batch.status}`);
    const bar = document.createElement("progress");
    bar.max = 1;
    bar.value = batch.progress;
    bar.setAttribute("aria-label", t("batches.progress"));
    const percent = document.createElement("span");
    percent.textContent = ` ${Math.round(batch.progress * 100)}%`;
    tr.append(
      cell(id),
      cell(state),
      cell(bar, percent),
      cell(countsText(batch.counts)),
      cell(longMoment(batch.timings.created_at)),
      cell(...this.outputButtons(batch)),
    );
    return tr;
  }

  outputButtons(batch) {
    const ready = OUTPUTS.filter((output) => batch.links[output.link]);
    if (!ready.length) {
      const none = document.createElement("span");
      none.className = "muted";
      none.textContent = batch.outputs.requested.length && RUNNING.has(batch.status) ? t("batches.building") : "—";
      return [none];
    }
    return ready.map((output) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "small";
      button.textContent = t(output.label);
      button.addEventListener("click", () => this.download(batch.links[output.link], output.file(batch.id), button));
      return button;
    });
  }

  async download(path, fallback, button) {
    button.disabled = true;
    try {
      const response = await apiFetch(path);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = offeredFilename(response, fallback);
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 30000);
    } catch (error) {
      this.$("batches-status").textContent = describeError(error);
    } finally {
      button.disabled = false;
    }
  }
}
