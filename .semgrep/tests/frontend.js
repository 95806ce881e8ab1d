// Examples for frontend.yml (semgrep --test): ruleid lines must match, ok lines must not.

function showLabel(option, item) {
  // ruleid: eoffice-js-html-from-strings
  option.innerHTML = item.label;
  // ruleid: eoffice-js-html-from-strings
  option.insertAdjacentHTML("beforeend", `<b>${item.postcode}</b>`);
  // ruleid: eoffice-js-html-from-strings
  document.write(item.label);
  // ruleid: eoffice-js-html-from-strings
  const nodes = new DOMParser().parseFromString(item.label, "text/html");
  // ok: eoffice-js-html-from-strings
  option.textContent = item.label;
  // ok: eoffice-js-html-from-strings
  option.setAttribute("aria-label", item.label);
  return nodes;
}

function remember(answers) {
  // ruleid: eoffice-js-browser-storage
  localStorage.setItem("answers", JSON.stringify(answers));
  // ruleid: eoffice-js-browser-storage
  window.sessionStorage.setItem("step", "2");
  // ruleid: eoffice-js-browser-storage
  document.cookie = "answers=" + JSON.stringify(answers);
  // ok: eoffice-js-browser-storage
  return new URLSearchParams({ q: "x" }).toString();
}

function swap(element) {
  // ruleid: eoffice-htmx-history
  htmx.ajax("GET", "/folder", { target: element, pushUrl: true });
  // ok: eoffice-htmx-history
  htmx.ajax("GET", "/folder", { target: element });
}
