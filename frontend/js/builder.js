// Progressive enhancement of the form builder's pages (an ES module).
//
// Every page works without it: a key left empty is made by the server from the
// English text (eoffice/forms/builder/keys.py). With it:
//   - an input with data-eo-key-source="<id>" fills the key input <id> as the
//     person types (until they type a key of their own);
//   - a button with data-eo-confirm="<question>" asks before its form is sent.

const MAX_KEY = 40;

export function suggestKey(text) {
  const plain = text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const words = plain.match(/[a-z0-9]+/g) || [];
  return words.join("_").slice(0, MAX_KEY).replace(/_+$/, "").replace(/^[0-9_]+/, "");
}

function sourceText(source) {
  // A block select's value is "<key>:<version>": its key is the suggestion.
  return source.tagName === "SELECT" ? source.value.split(":")[0] : source.value;
}

function linkKey(source) {
  const target = document.getElementById(source.dataset.eoKeySource);
  if (!target) return;
  let automatic = target.value === "" || target.value === suggestKey(sourceText(source));
  target.addEventListener("input", () => {
    automatic = target.value === "";
  });
  const update = () => {
    if (automatic) target.value = suggestKey(sourceText(source));
  };
  source.addEventListener("input", update);
  source.addEventListener("change", update);
}

function askFirst(button) {
  const form = button.form;
  if (!form) return;
  form.addEventListener("submit", (event) => {
    // eslint-disable-next-line no-alert -- a plain, accessible confirmation
    if (!window.confirm(button.dataset.eoConfirm)) event.preventDefault();
  });
}

document.querySelectorAll("[data-eo-key-source]").forEach(linkKey);
document.querySelectorAll("button[data-eo-confirm]").forEach(askFirst);
