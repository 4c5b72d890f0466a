// A solution's title links to its exercise. sphinx-togglebutton 0.4.5 toggles the solution
// on any click in the title and throws "button is not defined" when the click lands on that
// link; keep the link's click to the link, which then just goes to the exercise.
document.addEventListener("DOMContentLoaded", () => {
  for (const link of document.querySelectorAll(".solution > .admonition-title a")) {
    link.addEventListener("click", (event) => event.stopPropagation());
  }
});
