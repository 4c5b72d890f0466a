"""book/_ext/chapter_equations: equations of book/NN_*.ipynb numbered (N.k), where shown and cited."""
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book" / "_ext"))
from chapter_equations import chapter_of  # noqa: E402

HTML = ROOT / "_build" / "html" / "book"


@pytest.mark.parametrize("docname, chapter", [
    ("book/00_checking_gradients", 0), ("book/02_softmax_classifier", 2),
    ("book/12_more", 12), ("book/notation", None), ("book/intro", None), ("book/api", None),
])
def test_chapter_of(docname, chapter):
    assert chapter_of(docname) == chapter


@pytest.mark.parametrize("page, chapter", [
    ("00_checking_gradients", 0), ("01_one_weight_at_a_time", 1), ("02_softmax_classifier", 2),
    ("03_general_gradient", 3), ("04_sigmoid_and_gated_recurrence", 4),
    ("05_squared_gradients_and_double_backprop", 5)])
def test_built_numbers(page, chapter):
    """Displayed numbers are (N.1), (N.2), ... in order; every citation is (c.k) of a chapter page."""
    path = HTML / f"{page}.html"
    if not path.exists():
        pytest.skip("the book is not built (make book)")
    html = path.read_text(encoding="utf-8")
    shown = re.findall(r'class="eqno">\(([^)]*)\)', html)
    assert shown == [f"{chapter}.{k}" for k in range(1, len(shown) + 1)]
    cited = re.findall(r'#equation-[\w-]+">\(([^)]*)\)<', html)
    assert cited and all(re.fullmatch(r"\d+\.\d+", c) for c in cited)
