// The key dialog: asked once when the API answers 401; the key stays in this tab only.

import { t } from "./i18n.js";

const $ = (id) => document.getElementById(id);

let pendingKey = null;

export function askForKey(rejected) {
  if (pendingKey) return pendingKey;
  const dialog = $("auth-dialog");
  const input = $("auth-key");
  $("auth-error").hidden = !rejected;
  $("auth-error").textContent = rejected ? t("auth.rejected") : "";
  input.value = "";
  pendingKey = new Promise((resolve) => {
    const finish = (key) => {
      dialog.close();
      $("auth-form").removeEventListener("submit", submit);
      $("auth-cancel").removeEventListener("click", cancel);
      dialog.removeEventListener("cancel", cancel);
      pendingKey = null;
      resolve(key);
    };
    const submit = (event) => {
      event.preventDefault();
      if (input.value.trim()) finish(input.value.trim());
    };
    const cancel = (event) => {
      event.preventDefault();
      finish(null);
    };
    $("auth-form").addEventListener("submit", submit);
    $("auth-cancel").addEventListener("click", cancel);
    dialog.addEventListener("cancel", cancel);
  });
  dialog.showModal();
  input.focus();
  return pendingKey;
}
