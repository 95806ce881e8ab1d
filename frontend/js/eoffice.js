// eoffice browser entry point (an ES module, loaded with type="module").
// Marks the page as enhanced and starts GOV.UK Frontend's components. Every
// page also works without it: this file only adds behaviour.
import { initAll } from "./govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
