// Prepares a page with saved ipywidgets for the ipywidgets HTML manager.
// Loaded after require.js and before html-manager/embed-amd.js (nb_ipywidgets_js in _config.yml).
{
  // 1. The manager's AMD module "@jupyter-widgets/html-manager/dist/libembed-amd" loads its
  //    Font Awesome files from next to its own URL, which RequireJS would place under the
  //    page's folder. Name the folder it really sits in: _static/html-manager/.
  const root = new URL(document.documentElement.dataset.content_root, document.baseURI);
  window.require.config({
    paths: {"@jupyter-widgets/html-manager/dist": new URL("_static/html-manager", root).href},
  });

  // 2. The widgets typeset their labels with MathJax 2's API, MathJax.Hub.Queue
  //    (jupyter-widgets/ipywidgets#3829), but the site runs MathJax 3, which has no Hub.
  //    Give every object stored in window.MathJax (the configuration, then MathJax itself)
  //    a Hub whose Queue typesets the element with MathJax 3 once it has started. A
  //    notebook page's section is "mathjax_ignore" (myst-nb), so mark the element as one
  //    to process, as a label's \( \) would otherwise stay raw.
  const Hub = {
    Queue: ([, , element]) => window.MathJax.startup?.promise
      .then(() => {
        element.classList.add("mathjax_process");
        return window.MathJax.typesetPromise([element]);
      }),
  };
  let mathJax = window.MathJax;
  const withHub = (value) => (value && !value.Hub ? Object.assign(value, {Hub}) : value);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: () => mathJax,
    set: (value) => { mathJax = withHub(value); },
  });
  mathJax = withHub(mathJax);
}
