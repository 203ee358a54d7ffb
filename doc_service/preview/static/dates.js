// Dates written out in the page's language, never the browser's: 2025年3月7日 / 7 March 2025.

import { language } from "./i18n.js";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
  "September", "October", "November", "December"];

export function isoParts(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(text ?? ""));
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCMonth() === month - 1 && check.getUTCDate() === day ? { year, month, day } : null;
}

export function longDate(text, lang = language()) {
  const parts = isoParts(text);
  if (!parts) return "";
  const { year, month, day } = parts;
  return lang === "en" ? `${day} ${MONTHS[month - 1]} ${year}` : `${year}年${month}月${day}日`;
}

// A moment (ISO with time) as date and UTC time in the page's language.
export function longMoment(iso, lang = language()) {
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return "";
  const date = longDate(moment.toISOString().slice(0, 10), lang);
  const time = moment.toISOString().slice(11, 16);
  return `${date} ${time} UTC`;
}

export function clockTime(moment = new Date()) {
  return [moment.getHours(), moment.getMinutes(), moment.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
}
