// The ☰ buttons of the article header open the chapter list and the page contents.
// pydata-sphinx-theme 0.17.1 and sphinx-book-theme 1.3.0 bind their handlers to the first
// .primary-toggle / .secondary-toggle in the page, a copy in the hidden navbar
// (pydata/pydata-sphinx-theme#2451). Forward a click on any other copy to that first one.
document.addEventListener("DOMContentLoaded", () => {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const [bound, ...others] = document.querySelectorAll(selector);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopImmediatePropagation();
        bound.click();
      });
    }
  }
});
