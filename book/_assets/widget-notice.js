// On the website a widget is its saved state: its controls move, but nothing recomputes.
// The first time a reader touches a widget, say so right under the control they touched,
// and how to run it live.
document.addEventListener("DOMContentLoaded", () => {
  const root = new URL(document.documentElement.dataset.content_root, document.baseURI);
  const course = new URL("gradients-by-hand-course.zip", root).href;
  const notice = () => {
    const box = document.createElement("div");
    box.className = "static-widget-notice";
    box.setAttribute("role", "status");
    box.innerHTML = "<strong>This widget is a saved picture.</strong> On the website its controls "
      + "move but the figure and numbers stay as they were saved. To run it live, open this "
      + "page's notebook (download button, top right) with the "
      + `<a href="${course}">course download</a>, or run <code>make lab</code> in the repository.`;
    return box;
  };
  const show = (event) => {
    const area = event.target.closest?.(".widget-subarea");
    if (!area || area.querySelector(".static-widget-notice")) return;
    // The widget's row (a control, or the figure) that holds the touched element.
    const row = [...area.querySelectorAll(".widget-box > *")].find((child) => child.contains(event.target));
    (row ?? area.firstElementChild).after(notice());
  };
  for (const type of ["pointerdown", "keydown", "input", "change"]) {
    document.addEventListener(type, show, true);
  }
});
