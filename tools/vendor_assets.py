"""Copy the website's front-end files from node_modules/ into _vendor/.

`npm ci` installs the versions pinned in package-lock.json; this script copies
only the files the pages load, so the site never asks a CDN for them.
Sphinx then serves _vendor/ as static files (`html_static_path` in _config.yml):
_vendor/<dest> is published as _build/html/_static/<dest>.

Run from the repository root (`make assets` does it).
"""
import shutil
from pathlib import Path

NODE_MODULES = Path("node_modules")
VENDOR = Path("_vendor")

# (source under node_modules/, destination under _vendor/)
ASSETS = [
    # MathJax 3 (what Sphinx 7's mathjax extension expects): the combined
    # component, plus the folders it loads on demand (fonts, TeX extensions,
    # the menu and its accessibility tools).
    ("mathjax/es5/tex-mml-chtml.js", "mathjax/tex-mml-chtml.js"),
    ("mathjax/es5/input", "mathjax/input"),
    ("mathjax/es5/output/chtml", "mathjax/output/chtml"),
    ("mathjax/es5/ui", "mathjax/ui"),
    ("mathjax/es5/a11y", "mathjax/a11y"),
    ("mathjax/es5/sre", "mathjax/sre"),
    # RequireJS, which the AMD build of the ipywidgets HTML manager needs.
    ("requirejs/require.js", "requirejs/require.js"),
    # The ipywidgets 8 HTML manager (renders saved widget state) and the
    # Font Awesome files its stylesheet refers to, which sit next to it.
    ("@jupyter-widgets/html-manager/dist", "html-manager"),
]
# Files inside those folders that no page loads: source maps and the
# html-manager's non-AMD bundles (the pages use dist/embed-amd.js).
SKIP = shutil.ignore_patterns("*.map", "embed.js", "embed.js.LICENSE.txt", "libembed-amd.js")


def copy(source, dest):
    if source.is_dir():
        shutil.copytree(source, dest, ignore=SKIP)
    else:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, dest)


def main():
    missing = [src for src, _ in ASSETS if not (NODE_MODULES / src).exists()]
    if missing:
        raise SystemExit(f"missing in {NODE_MODULES}/ (run `npm ci` first): {missing}")
    shutil.rmtree(VENDOR, ignore_errors=True)
    for src, dest in ASSETS:
        copy(NODE_MODULES / src, VENDOR / dest)
    print(f"copied {len(ASSETS)} front-end assets into {VENDOR}/")


if __name__ == "__main__":
    main()
