"""The built website in a real browser, on a desktop (1280 px) and on a phone (390 px).

Serves _build/html on 127.0.0.1 and opens every page the build produced in
Debian's headless Chromium (Playwright), once at each width. Each page must load
with no console error, no failed request and no request to another host; its math
must be typeset by the vendored MathJax, and every display equation must fit or
scroll, its number beside it; nothing may widen the page; its images must load,
at twice their displayed size, with their caption as alt text; its saved
ipywidgets must render (Output widgets with their figure), and touching one must
show the notice that it is a saved picture; exercise solutions must start hidden,
and a solution's link to its exercise must work without an error; ids must be
unique; the ☰ buttons must open the chapter list and the page contents. Run on
its own with `pytest -m site` (after `make book`; the fixture builds the book if
it was never built). Screenshots of every page go to $TMPDIR/test_site/.
Needs /usr/bin/chromium (`apt-get install chromium`).
"""
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import sync_playwright

from browser import launch_chromium

pytestmark = pytest.mark.site

REPO = Path(__file__).resolve().parents[1]
HTML = REPO / "_build" / "html"
# The Makefile's `book` recipe runs the same command.
BUILD = [str(Path(sys.executable).with_name("jupyter-book")), "build", ".", "--all", "--warningiserror",
         "--keep-going"]
CHAPTER_0 = "book/00_checking_gradients.html"
SCREENSHOTS = Path(tempfile.gettempdir()) / "test_site"
WIDTHS = {"desktop": 1280, "phone": 390}

SETTLE_MS = 20_000  # for the widgets of one page to render
WIDGET_VIEW = 'script[type="application/vnd.jupyter.widget-view+json"]'
WIDGET_STATE = 'script[type="application/vnd.jupyter.widget-state+json"]'

# Inspects the loaded page; every selector below is what the build or the browser produces.
INSPECT_PAGE = """async () => {
    const hasMath = document.querySelector('.math') !== null;
    if (hasMath && window.MathJax?.startup?.promise) await window.MathJax.startup.promise;
    for (const img of document.images) await img.decode().catch(() => {});
    const text = [];  // prose only: code listings may legitimately show TeX
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: n =>
        n.parentElement.closest('pre, code, script, style, mjx-container')
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
    while (walker.nextNode()) text.push(walker.currentNode.textContent);
    const state = document.querySelector('SELECTOR_STATE');
    const models = state ? Object.values(JSON.parse(state.textContent).state) : [];
    const isShown = el => el.checkVisibility() && el.getBoundingClientRect().height > 0;
    return {
        mathElements: document.querySelectorAll('.math').length,
        untypesetMath: [...document.querySelectorAll('.math')]
            .filter(el => !el.querySelector('mjx-container')).map(el => el.textContent.slice(0, 80)),
        rawDelimiters: ['$$', '\\\\[', '\\\\('].filter(d => text.join(' ').includes(d)),
        brokenImages: [...document.images].filter(img => img.naturalWidth === 0)
            .map(img => img.currentSrc || img.src),
        widgetViews: document.querySelectorAll('SELECTOR_VIEW').length,
        renderedWidgetViews: [...document.querySelectorAll('SELECTOR_VIEW')].filter(script => {
            const area = script.previousElementSibling;  // where the HTML manager draws the view
            return area?.classList.contains('widget-subarea')
                && [...area.querySelectorAll('.jupyter-widgets')].some(isShown);
        }).length,
        outputWidgetsWithImage: models.filter(m => m.model_name === 'OutputModel'
            && (m.state.outputs || []).some(o => 'image/png' in (o.data || {}))).length,
        renderedOutputImages: [...document.querySelectorAll('.widget-output img')]
            .filter(img => img.naturalWidth > 0 && isShown(img)).length,
        downloads: [...document.querySelectorAll('a[href*="_sources/"]')].map(a => a.href),
        lowResolutionImages: [...document.images].filter(img => isShown(img) && img.naturalWidth > 0
            && !img.src.includes('/_static/')  // the theme's and Sphinx's icons
            && img.naturalWidth < 2 * img.getBoundingClientRect().width - 1)
            .map(img => `${img.naturalWidth} px shown at ${img.getBoundingClientRect().width} px: ${img.src}`),
        distortedImages: [...document.images].filter(img => isShown(img) && img.naturalWidth > 0 && (() => {
            const box = img.getBoundingClientRect();
            const shown = box.width / box.height, natural = img.naturalWidth / img.naturalHeight;
            return Math.abs(shown / natural - 1) > 0.02; })())
            .map(img => `${img.naturalWidth}x${img.naturalHeight} shown at `
                 + `${Math.round(img.getBoundingClientRect().width)}x${Math.round(img.getBoundingClientRect().height)}: ${img.src}`),
        figuresWithoutAlt: [...document.querySelectorAll('figure img')]  // alt: a file path or nothing
            .filter(img => !img.alt.trim() || /[.](png|jpe?g|gif|svg)$/.test(img.alt)).map(img => img.alt || img.src),
        clippedEquations: [...document.querySelectorAll('div.math > mjx-container')].flatMap(box => {
            const math = box.querySelector('mjx-math').getBoundingClientRect();
            const shown = box.getBoundingClientRect();
            const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
            const problems = [];
            if (!scrolls && (math.right > shown.right + 1 || math.left < shown.left - 1))
                problems.push('cut off');
            const hidesSome = box.scrollWidth > box.clientWidth + 1;
            const scrollbarShown = box.offsetHeight - box.clientHeight > 0;
            if (scrolls && hidesSome && !scrollbarShown && getComputedStyle(box).backgroundImage === 'none')
                problems.push('scrolls with no cue (no scrollbar, no shadow): the reader sees a shorter formula');
            if (shown.right > document.documentElement.clientWidth + 1) problems.push('runs off the page');
            const number = box.parentElement.querySelector('.eqno')?.getBoundingClientRect();
            const visible = {left: Math.max(math.left, shown.left), right: Math.min(math.right, shown.right),
                             top: Math.max(math.top, shown.top), bottom: Math.min(math.bottom, shown.bottom)};
            if (number && number.left < visible.right && number.right > visible.left
                    && number.top < visible.bottom && number.bottom > visible.top)
                problems.push('its number covers it');
            return problems.map(p => `${box.parentElement.id || 'equation'}: ${p}`);
        }),
        cutOutputs: [...document.querySelectorAll('.cell_output pre, .widget-output pre')].filter(pre =>
            pre.scrollWidth > pre.clientWidth + 1 && !['auto', 'scroll'].includes(getComputedStyle(pre).overflowX))
            .map(pre => pre.textContent.slice(0, 60)),
        pageWidth: document.documentElement.scrollWidth,
        viewportWidth: document.documentElement.clientWidth,
        duplicateIds: [...document.querySelectorAll('[id]')].map(el => el.id)
            .filter((id, i, ids) => id && ids.indexOf(id) !== i),
        solutions: document.querySelectorAll('.solution').length,
        shownSolutions: [...document.querySelectorAll('.solution')]
            .filter(s => [...s.querySelectorAll('section')].some(isShown)).map(s => s.id),
    };
}""".replace("SELECTOR_STATE", WIDGET_STATE).replace("SELECTOR_VIEW", WIDGET_VIEW)


@dataclass
class Visit:
    """What one page did in the browser."""

    page: str
    requests: list = field(default_factory=list)
    failures: list = field(default_factory=list)  # failed requests and HTTP errors
    console_errors: list = field(default_factory=list)
    report: dict = field(default_factory=dict)  # INSPECT_PAGE's result
    navigation: list = field(default_factory=list)  # what the ☰ buttons failed to open
    widget_notice: list = field(default_factory=list)  # touching a widget: what went wrong
    solution_link: list = field(default_factory=list)  # console errors after a solution's link


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="session")
def built_site():
    """_build/html, built with the Makefile's command if it does not exist yet."""
    if not (HTML / "index.html").exists():
        result = subprocess.run(BUILD, cwd=REPO, capture_output=True, text=True)
        assert result.returncode == 0, f"{' '.join(BUILD)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return HTML


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1 (a free port) from a background thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=built_site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def site_pages(html):
    """Every page of the build, as paths relative to _build/html (theme templates excluded)."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not p.relative_to(html).parts[0].startswith("_"))


def check_navigation(page, width):
    """Click each visible ☰ button: on a phone it opens its sidebar as a dialog, on a desktop the
    chapter list's ☰ hides the chapter list. What failed, as a list of strings."""
    problems = []
    toggles = {"chapter list": (".primary-toggle", "#pst-primary-sidebar-modal"),
               "page contents": (".secondary-toggle", "#pst-secondary-sidebar-modal")}
    for name, (button, dialog) in toggles.items():
        shown = page.locator(f"{button}:visible")
        if not shown.count():
            if width < 992 and (name == "chapter list" or page.locator(".bd-toc-nav").count()):
                problems.append(f"no ☰ button for the {name}")
            continue
        if width >= 992 and name == "page contents":
            continue  # the page contents stand beside the article; its ☰ shows only on narrow screens
        shown.first.click()
        if width >= 992:
            page.wait_for_timeout(300)
            if page.locator("#pst-primary-sidebar").is_visible():
                problems.append(f"the ☰ did not hide the {name}")
            shown.first.click()
            page.wait_for_timeout(300)  # the sidebar is back and the article reflowed before the next check
            continue
        try:
            page.wait_for_function(f"document.querySelector('{dialog}').open", timeout=2000)
        except PlaywrightTimeoutError:
            problems.append(f"the ☰ did not open the {name}")
            continue
        if not page.locator(f"{dialog} a:visible").count():
            problems.append(f"the {name} opened empty")
        page.keyboard.press("Escape")
    return problems


def check_widget_notice(page):
    """Touch the first widget control: the notice that it is a saved picture must appear, on screen."""
    control = page.locator(".widget-subarea .widget-inline-hbox:visible").first
    control.scroll_into_view_if_needed()
    control.click()
    notice = page.locator(".static-widget-notice")
    try:
        notice.first.wait_for(state="visible", timeout=2000)
    except PlaywrightTimeoutError:
        return ["touching a widget showed no notice"]
    viewport = page.viewport_size
    for _ in range(5):  # a page still reflowing (a busy machine) may move the notice for a moment
        box = notice.first.bounding_box()
        if 0 <= box["y"] + box["height"] and box["y"] <= viewport["height"]:
            return []
        page.wait_for_timeout(200)
    return [f"the notice is off screen (y = {box['y']:.0f} px)"]


def check_solution_link(page, result):
    """Open the first solution, then click the link to its exercise in the solution's title."""
    errors_before = len(result.console_errors)
    page.locator(".solution > .admonition-title").first.click()
    page.locator(".solution > .admonition-title a").first.click()
    page.wait_for_timeout(500)
    return result.console_errors[errors_before:]


def visit(context, base, page_path, width):
    page = context.new_page()
    result = Visit(page_path)
    page.on("request", lambda r: result.requests.append(r.url))
    page.on("requestfailed", lambda r: result.failures.append(f"{r.url} ({r.failure})"))
    page.on("response", lambda r: r.status >= 400 and result.failures.append(f"{r.url} (HTTP {r.status})"))
    page.on("console", lambda m: m.type == "error" and result.console_errors.append(m.text))
    page.on("pageerror", lambda e: result.console_errors.append(f"uncaught: {e}"))
    try:
        url = f"{base}/{page_path}"
        page.goto(url, wait_until="networkidle")  # includes what MathJax and the widgets load later
        if 'http-equiv="Refresh"' in (HTML / page_path).read_text():  # index.html: the redirect to the root page
            page.wait_for_url(lambda new_url: new_url != url)
            page.wait_for_load_state("networkidle")
        if page.locator(WIDGET_VIEW).count():
            try:  # until the HTML manager has drawn every view; test_saved_widgets_render says if not
                page.wait_for_function(f"""() => [...document.querySelectorAll('{WIDGET_VIEW}')]
                    .every(s => s.previousElementSibling?.classList.contains('widget-subarea'))""",
                    timeout=SETTLE_MS)
            except PlaywrightTimeoutError:
                pass
        result.report = page.evaluate(INSPECT_PAGE)
        page.screenshot(path=SCREENSHOTS / f"{width}_{page_path.replace('/', '_')}.png")
        result.navigation = check_navigation(page, width)
        if result.report["widgetViews"]:
            result.widget_notice = check_widget_notice(page)
        if result.report["solutions"]:
            result.solution_link = check_solution_link(page, result)
    finally:
        page.close()
    return result


@pytest.fixture(scope="session", params=WIDTHS.values(), ids=WIDTHS.keys())
def visits(request, site_url, built_site, tmp_path_factory):
    """Open every page once in a fresh Chromium profile, on a screen of the width and at 2 device
    pixels per CSS pixel (a high-DPI screen); {page path: Visit}."""
    width = request.param
    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        context = launch_chromium(pw, tmp_path_factory.mktemp("chromium-profile"),
                                  viewport={"width": width, "height": 1000}, device_scale_factor=2)
        try:
            return {p: visit(context, site_url, p, width) for p in site_pages(built_site)}
        finally:
            context.close()


def problems(visits, describe):
    """One line per page for which describe(visit) is not empty."""
    return "\n".join(f"{v.page}: {found}" for v in visits.values() if (found := describe(v)))


def test_the_site_has_the_book_pages(built_site):
    pages = site_pages(built_site)
    for page in ["index.html", "book/intro.html", "book/notation.html", CHAPTER_0, "book/api.html"]:
        assert page in pages, f"{page} was not built; built: {pages}"


def test_pages_load_without_errors(visits):
    found = problems(visits, lambda v: [f"request failed: {f}" for f in v.failures]
                     + [f"console: {e}" for e in v.console_errors])
    assert not found, f"errors while loading:\n{found}"


def test_no_request_leaves_the_site(visits, site_url):
    found = problems(visits, lambda v: [u for u in v.requests if urlsplit(u).scheme not in ("data", "blob")
                                        and not u.startswith(site_url + "/")])
    assert not found, f"requests to hosts other than {site_url}:\n{found}"


def test_math_is_typeset(visits):
    assert any(v.report["mathElements"] for v in visits.values()), "no page has math: is MathJax wired up?"
    found = problems(visits, lambda v: v.report["untypesetMath"]
                     + [f"raw {d} in the text" for d in v.report["rawDelimiters"]])
    assert not found, f"math left untypeset:\n{found}"


def test_images_load(visits):
    found = problems(visits, lambda v: v.report["brokenImages"])
    assert not found, f"images that did not load:\n{found}"


def test_saved_widgets_render(visits):
    def unrendered(v):
        r = v.report
        return ([f"{r['renderedWidgetViews']} of {r['widgetViews']} widget views rendered"]
                if r["renderedWidgetViews"] < r["widgetViews"] else []) + \
               ([f"{r['renderedOutputImages']} of {r['outputWidgetsWithImage']} Output widget figures shown"]
                if r["renderedOutputImages"] < r["outputWidgetsWithImage"] else [])
    found = problems(visits, unrendered)
    assert not found, f"saved widgets not rendered:\n{found}"


def test_solutions_start_hidden(visits):
    if CHAPTER_0 in visits:
        assert visits[CHAPTER_0].report["solutions"], f"{CHAPTER_0} has no exercise solution"
    found = problems(visits, lambda v: v.report["shownSolutions"])
    assert not found, f"solutions visible before the reader opens them:\n{found}"


def test_notebook_pages_offer_their_notebook(visits):
    """The download button of a page built from a notebook links to its .ipynb, which the site serves."""
    def missing(v):
        notebook = f"_sources/{v.page.removesuffix('.html')}.ipynb"
        if not (HTML / notebook).exists():
            return []
        return [] if any(link.endswith(notebook) for link in v.report["downloads"]) else [f"no link to {notebook}"]
    found = problems(visits, missing)
    assert not found, f"notebook pages without their .ipynb download:\n{found}"


def test_images_are_served_at_twice_their_size(visits):
    found = problems(visits, lambda v: v.report["lowResolutionImages"])
    assert not found, f"images with fewer than 2 pixels per displayed pixel (blurry on high-DPI screens):\n{found}"


def test_images_keep_their_aspect_ratio(visits):
    found = problems(visits, lambda v: v.report["distortedImages"])
    assert not found, f"images squeezed or stretched (a fixed height with a narrowed width?):\n{found}"


def test_figures_have_alt_text_not_a_file_path(visits):
    found = problems(visits, lambda v: v.report["figuresWithoutAlt"])
    assert not found, f"figure images whose alt text is not their caption:\n{found}"


def test_display_equations_fit_or_scroll(visits):
    found = problems(visits, lambda v: v.report["clippedEquations"])
    assert not found, f"display equations cut off or covered by their number:\n{found}"


def test_output_lines_are_not_cut(visits):
    found = problems(visits, lambda v: v.report["cutOutputs"])
    assert not found, f"printed output cut off (neither wrapped nor scrollable):\n{found}"


def test_nothing_widens_the_page(visits):
    found = problems(visits, lambda v: [f"{v.report['pageWidth']} px wide on a {v.report['viewportWidth']} px screen"]
                     if v.report["pageWidth"] > v.report["viewportWidth"] else [])
    assert not found, f"pages wider than the screen (the reader must scroll the whole page sideways):\n{found}"


def test_ids_are_unique(visits):
    found = problems(visits, lambda v: sorted(set(v.report["duplicateIds"])))
    assert not found, f"ids used more than once in a page:\n{found}"


def test_menu_buttons_open_the_chapter_list_and_page_contents(visits):
    found = problems(visits, lambda v: v.navigation)
    assert not found, f"☰ buttons that do not work:\n{found}"


def test_touching_a_widget_says_it_is_a_saved_picture(visits):
    assert any(v.report["widgetViews"] for v in visits.values()), "no page has a widget"
    found = problems(visits, lambda v: v.widget_notice)
    assert not found, f"widgets that went silently stale when touched:\n{found}"


def test_a_solutions_link_to_its_exercise_works(visits):
    found = problems(visits, lambda v: v.solution_link)
    assert not found, f"console errors after clicking a solution's link to its exercise:\n{found}"


def test_the_course_download_is_linked_and_served(built_site):
    """The introduction links to the course zip, which the build publishes at the site's root."""
    assert (built_site / "gradients-by-hand-course.zip").is_file(), "the course zip is not in the build: make course"
    assert 'href="../gradients-by-hand-course.zip"' in (built_site / "book" / "intro.html").read_text()
