// Live conditions of eoffice forms (an ES module; needs json-logic.js loaded first),
// and the suggestions of city addresses (at the end of this file).
//
// The server renders every field in a wrapper:
//   <div data-eo-path="vehicles.0.plate" data-eo-kind="text"
//        data-eo-show-if='{JSON Logic}' data-eo-disable-if='{JSON Logic}'>
// Rules are already written for their item (no "*" left). This file reads the
// answers from the fields, then shows, hides and disables wrappers and updates
// computed values, repeating until nothing changes, exactly as the server does
// (eoffice/forms/state.py). The server stays the authority: it evaluates the
// same rules again on submit, so the page works without JavaScript.

const MAX_ROUNDS = 20;
const CONTAINERS = new Set(["page", "section", "group", "block", "postal_address", "help", "file"]);
const logic = window.jsonLogic;

function parseRule(text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    return null;
  }
}

function holds(rule, data) {
  try {
    return logic.truthy(logic.apply(rule, data));
  } catch (error) {
    return false; // a rule that fails counts as false, as on the server
  }
}

function parseNumber(text) {
  let value = text.trim().replace(/\s/g, "");
  if (value.includes(",") && !value.includes(".")) value = value.replace(",", ".");
  if (value === "" || Number.isNaN(Number(value))) return undefined;
  return Number(value);
}

function valueOf(wrapper) {
  const kind = wrapper.dataset.eoKind;
  const path = wrapper.dataset.eoPath;
  const named = (name) => [...wrapper.querySelectorAll("[name]")].filter((el) => el.name === name);
  if (kind === "checkboxes") {
    const chosen = named(path).filter((el) => el.checked).map((el) => el.value);
    return chosen.length ? chosen : undefined;
  }
  if (kind === "radio" || kind === "yes_no") {
    const checked = named(path).find((el) => el.checked);
    if (!checked) return undefined;
    if (kind === "yes_no") return checked.value === "yes";
    return checked.value;
  }
  if (kind === "date") {
    const part = (name) => (named(`${path}-${name}`)[0] || { value: "" }).value.trim();
    const [year, month, day] = [part("year"), part("month"), part("day")];
    if (!year && !month && !day) return undefined;
    return `${year.padStart(4, "0")}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  }
  if (kind === "computed") return undefined; // computed below, in document order
  const field = named(path)[0];
  if (!field || field.value.trim() === "") return undefined;
  return kind === "number" ? parseNumber(field.value) : field.value.trim();
}

function setAt(data, path, value) {
  const parts = path.split(".");
  let node = data;
  parts.slice(0, -1).forEach((part, index) => {
    const nextIsIndex = /^\d+$/.test(parts[index + 1]);
    // Own properties only: a key such as "constructor" must not reach Object.prototype.
    if (!Object.prototype.hasOwnProperty.call(node, part)) {
      Object.defineProperty(node, part, {
        value: nextIsIndex ? [] : {}, writable: true, enumerable: true, configurable: true,
      });
    }
    node = node[part];
  });
  Object.defineProperty(node, parts[parts.length - 1], {
    value, writable: true, enumerable: true, configurable: true,
  });
}

function isOff(wrapper, root) {
  for (let el = wrapper; el && el !== root; el = el.parentElement) {
    if (el.hidden || el.hasAttribute("data-eo-disabled")) return true;
  }
  return false;
}

function collect(root, wrappers) {
  const data = {};
  for (const wrapper of wrappers) {
    const kind = wrapper.dataset.eoKind;
    if (CONTAINERS.has(kind) || isOff(wrapper, root)) continue;
    const output = wrapper.querySelector("output[data-eo-expression]");
    let value = valueOf(wrapper);
    if (output) {
      value = computed(output, data);
      output.textContent = value === undefined || value === null ? "" : String(value);
    }
    if (value !== undefined && value !== null) setAt(data, wrapper.dataset.eoPath, value);
  }
  return data;
}

function computed(output, data) {
  const rule = parseRule(output.dataset.eoExpression);
  let value;
  try {
    value = logic.apply(rule, data);
  } catch (error) {
    return undefined;
  }
  if (typeof value !== "number") return typeof value === "string" || typeof value === "boolean" ? value : undefined;
  if (!Number.isFinite(value)) return undefined;
  const places = Number(output.dataset.eoDecimals || 2);
  // Half away from zero on the number's shortest decimal text, as the server rounds.
  const text = String(Math.abs(value));
  if (text.includes("e")) return Number(value.toFixed(places));
  const shifted = Math.round(Number(`${text}e${places}`));
  return Math.sign(value) * Number(`${shifted}e-${places}`);
}

function setDisabled(wrapper, disabled) {
  if (disabled) wrapper.setAttribute("data-eo-disabled", "");
  else wrapper.removeAttribute("data-eo-disabled");
  wrapper.querySelectorAll("input, select, textarea").forEach((el) => {
    el.disabled = disabled || Boolean(el.closest("[data-eo-disabled]"));
  });
}

function settle(root) {
  const wrappers = [...root.querySelectorAll("[data-eo-kind]")];
  const ruled = wrappers.filter((w) => w.dataset.eoShowIf || w.dataset.eoDisableIf);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const data = collect(root, wrappers);
    const states = ruled.map((wrapper) => ({
      wrapper,
      hidden: wrapper.dataset.eoShowIf ? !holds(parseRule(wrapper.dataset.eoShowIf), data) : false,
      disabled: wrapper.dataset.eoDisableIf ? holds(parseRule(wrapper.dataset.eoDisableIf), data) : false,
    }));
    let changed = false;
    for (const { wrapper, hidden, disabled } of states) {
      if (wrapper.hidden !== hidden) {
        wrapper.hidden = hidden;
        changed = true;
      }
      if (wrapper.hasAttribute("data-eo-disabled") !== disabled) {
        setDisabled(wrapper, disabled);
        changed = true;
      }
    }
    if (!changed) break;
  }
}

function start(root) {
  const update = () => settle(root);
  root.addEventListener("input", update);
  root.addEventListener("change", update);
  update();
}

// City addresses (control "city_address"): the text box becomes a combobox (WAI-ARIA 1.2,
// a listbox popup) suggesting addresses of the street map as the citizen types, from
// GET /api/v1/territory/addresses. Picking one puts its label in the box and its code in
// the hidden field "<path>.code"; typing again clears the code. Without this script the
// server resolves the typed "street name, number" itself, and lists the matches to choose.
const SUGGEST_DELAY_MS = 250;
const SUGGEST_LIMIT = 8;
const SUGGEST_MIN_CHARS = 2;

function paintOption(option, active) {
  option.setAttribute("aria-selected", active ? "true" : "false");
  option.style.backgroundColor = active ? "#1d70b8" : ""; // CSSOM: allowed by the CSP
  option.style.color = active ? "#ffffff" : "";
}

function addressCombobox(input) {
  const wrapper = input.closest("[data-eo-kind]");
  const code = wrapper.querySelector("input[data-eo-address-code]");
  const choices = wrapper.querySelector("[data-eo-address-choices]");
  const lang = input.closest("[lang]")?.getAttribute("lang") || "es";
  const list = document.createElement("ul");
  list.id = `${input.id}-suggestions`;
  list.className = "govuk-list govuk-body";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.dataset.eoSuggestList || "");
  Object.assign(list.style, {
    border: "2px solid #0b0c0c", marginTop: "0", padding: "0", maxWidth: "41em", background: "#ffffff",
  });
  list.hidden = true;
  const status = document.createElement("div");
  status.className = "govuk-visually-hidden";
  status.setAttribute("role", "status");
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.after(list, status);
  let items = [];
  let active = -1;
  let timer = null;
  let asked = 0;

  const open = (isOpen) => {
    list.hidden = !isOpen;
    input.setAttribute("aria-expanded", isOpen ? "true" : "false");
    if (!isOpen) highlight(-1);
  };
  const highlight = (index) => {
    active = index;
    [...list.children].forEach((option, i) => paintOption(option, i === index));
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
      return;
    }
    input.setAttribute("aria-activedescendant", list.children[index].id);
    list.children[index].scrollIntoView({ block: "nearest" });
  };
  const choose = (item) => {
    input.value = item.label;
    if (code) code.value = item.code;
    if (choices) choices.closest(".govuk-form-group")?.remove();
    open(false);
    input.dispatchEvent(new Event("change", { bubbles: true })); // the fee panel follows
  };
  const show = (found) => {
    items = found;
    list.replaceChildren(...found.map((item, index) => {
      const option = document.createElement("li");
      option.id = `${list.id}-${index}`;
      option.setAttribute("role", "option");
      option.textContent = item.postcode ? `${item.label} (${item.postcode})` : item.label;
      Object.assign(option.style, { padding: "5px 10px", margin: "0", cursor: "pointer" });
      paintOption(option, false);
      option.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
      option.addEventListener("click", () => choose(item));
      return option;
    }));
    open(found.length > 0);
    status.textContent = found.length
      ? (input.dataset.eoSuggestFound || "").replace("{num}", String(found.length))
      : input.dataset.eoSuggestNone || "";
  };
  const suggest = async () => {
    const text = input.value.trim();
    asked += 1;
    const ticket = asked;
    if (text.length < SUGGEST_MIN_CHARS) {
      items = [];
      open(false);
      return;
    }
    const query = new URLSearchParams({ q: text, limit: String(SUGGEST_LIMIT), lang });
    try {
      const response = await fetch(`${input.dataset.eoSuggest}?${query}`, {
        headers: { Accept: "application/json" }, credentials: "same-origin",
      });
      if (!response.ok) return;
      const body = await response.json();
      if (ticket === asked) show(Array.isArray(body.items) ? body.items : []);
    } catch (error) {
      // no suggestions: the server resolves the text when the form is sent
    }
  };
  input.addEventListener("input", () => {
    if (code) code.value = ""; // the text no longer names the chosen address
    if (choices) choices.querySelectorAll("input").forEach((radio) => { radio.checked = false; });
    clearTimeout(timer);
    timer = setTimeout(suggest, SUGGEST_DELAY_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      if (list.hidden) open(true);
      highlight(Math.min(active + 1, items.length - 1));
    } else if (event.key === "ArrowUp" && !list.hidden) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault(); // choose, do not send the form
      choose(items[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      open(false);
    }
  });
  input.addEventListener("blur", () => open(false));
}

if (logic) {
  document.querySelectorAll("[data-eo-form]").forEach(start);
}
document.querySelectorAll("input[data-eo-suggest]").forEach(addressCombobox);
