// The BPMN modeler of the admin pages (bundled by tools/build_assets.sh with esbuild
// into eoffice/static/dist/js/modeler.js). Enhances, never replaces, the server's form:
//
//   <div data-modeler="edit|view" data-source="ID of the XML textarea"
//        data-source-group="ID of the element to hide once the diagram shows"
//        data-file-input="ID of the BPMN file input (edit)"
//        data-import-failed="translated message">
//     <div data-modeler-canvas></div>
//     <p data-modeler-error hidden></p>
//   </div>
//
// Without JavaScript the textarea (the model's XML) and the file input do the job. With
// it, the diagram shows in bpmn-js; in "edit" mode the XML the modeler saves fills the
// textarea as soon as the diagram is changed (an untouched model is sent as it came, so
// publishing it again is "already published").
// Models without diagram information (the product's workflows/*.bpmn) are laid out with
// bpmn-auto-layout first. Elements named by the page's problems ([data-problem-element])
// and by a test-run's path ([data-reached-element]) are marked on the canvas.
import Modeler from "bpmn-js/lib/Modeler";
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import { layoutProcess } from "bpmn-auto-layout";

import spiffworkflow from "./spiff-moddle.json";

const HAS_DIAGRAM = /<([\w.-]+:)?BPMNDiagram[\s>/]/;

async function withLayout(xml) {
  return HAS_DIAGRAM.test(xml) ? xml : layoutProcess(xml);
}

function elementIds(selector, attribute) {
  return [...document.querySelectorAll(selector)]
    .map((node) => node.getAttribute(attribute))
    .filter(Boolean);
}

function mark(viewer) {
  const registry = viewer.get("elementRegistry");
  const canvas = viewer.get("canvas");
  const overlays = viewer.get("overlays");
  for (const id of new Set(elementIds("[data-reached-element]", "data-reached-element"))) {
    if (registry.get(id)) canvas.addMarker(id, "eoffice-reached");
  }
  const counts = new Map();
  for (const id of elementIds("[data-problem-element]", "data-problem-element")) {
    counts.set(id, (counts.get(id) || 0) + 1);
  }
  for (const [id, count] of counts) {
    if (!registry.get(id)) continue;
    canvas.addMarker(id, "eoffice-problem");
    const badge = document.createElement("span");
    badge.className = "eoffice-modeler__badge";
    badge.textContent = String(count);
    overlays.add(id, "eoffice-problem", { position: { top: -10, right: 10 }, html: badge });
  }
}

async function show(viewer, xml, element) {
  const error = element.querySelector("[data-modeler-error]");
  try {
    await viewer.importXML(await withLayout(xml));
  } catch (exc) {
    if (error) {
      error.textContent = `${element.dataset.importFailed || ""} ${exc.message || exc}`.trim();
      error.hidden = false;
    }
    return false;
  }
  if (error) error.hidden = true;
  viewer.get("canvas").zoom("fit-viewport", "auto");
  mark(viewer);
  return true;
}

function keepSourceInSync(modeler, source, element) {
  // Every change of the diagram is saved into the form's XML field at once; a submit
  // that comes before the last save has finished waits for it.
  let pending = null;
  modeler.on("commandStack.changed", () => {
    const saving = modeler.saveXML({ format: true }).then(({ xml }) => {
      if (pending === saving) source.value = xml;
    });
    pending = saving;
    saving.finally(() => {
      if (pending === saving) pending = null;
    });
  });
  const form = source.form;
  form.addEventListener("submit", (event) => {
    if (!pending) return;
    event.preventDefault();
    const submitter = event.submitter;
    pending.finally(() => form.requestSubmit(submitter));
  });
  const fileInput = element.dataset.fileInput && document.getElementById(element.dataset.fileInput);
  if (fileInput) {
    fileInput.addEventListener("change", async () => {
      const file = fileInput.files && fileInput.files[0];
      if (!file) return;
      const xml = await file.text();
      if (await show(modeler, xml, element)) {
        source.value = xml; // sent as uploaded unless the diagram is changed
        fileInput.value = "";
      }
    });
  }
}

async function start(element) {
  const source = document.getElementById(element.dataset.source);
  const canvas = element.querySelector("[data-modeler-canvas]");
  if (!source || !canvas) return;
  const editing = element.dataset.modeler === "edit";
  const Kind = editing ? Modeler : NavigatedViewer;
  const viewer = new Kind({ container: canvas, moddleExtensions: { spiffworkflow } });
  element.bpmnViewer = viewer; // for the browser tests
  element.hidden = false;
  const shown = await show(viewer, source.value, element);
  const group = element.dataset.sourceGroup && document.getElementById(element.dataset.sourceGroup);
  if (shown && group) group.hidden = true; // a model that does not open stays editable as XML
  if (editing) keepSourceInSync(viewer, source, element);
  element.dataset.ready = shown ? "true" : "failed";
}

for (const element of document.querySelectorAll("[data-modeler]")) {
  start(element);
}
