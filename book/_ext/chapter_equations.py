"""Number display equations by chapter: (2.5) for the fifth labelled equation of Chapter 2.

A page whose file name starts with digits, such as ``book/02_softmax_classifier``, is
chapter ``int("02") = 2``. Each labelled display equation on it (``$$ ... $$ (label)`` in
MyST, or the ``math`` directive with ``:label:``) gets the number ``N.k``, k counting the
labelled equations of the page in order. The number is changed in two places, so that the
equation and every citation of it agree, on its own page and on any other:

* ``node["number"]`` of the ``math_block``, which the HTML writer prints as ``(N.k)``;
* the math domain's table ``label -> (docname, number)``, from which the ``{eq}`` role
  (``MathDomain.resolve_xref``) takes the text of a citation, ``(N.k)``.

Pages without a chapter prefix keep Sphinx's plain numbers (1), (2), ...
This needs ``math_numfig: false`` (with it, Sphinx would number from the toctree instead).
"""

import re

from docutils import nodes

__version__ = "1.0"

CHAPTER = re.compile(r"^(\d+)_")


def chapter_of(docname):
    """The chapter number of a page, from its file name's leading digits, or None."""
    match = CHAPTER.match(docname.rsplit("/", 1)[-1])
    return int(match.group(1)) if match else None


def number_equations(app, doctree):
    """On a chapter page, renumber its labelled equations N.1, N.2, ... (event doctree-read)."""
    env = app.env
    chapter = chapter_of(env.docname)
    if chapter is None:
        return
    equations = env.get_domain("math").data["objects"]
    k = 0
    for node in doctree.findall(nodes.math_block):
        label = node.get("label")
        if not label or node.get("number") is None:
            continue
        k += 1
        number = f"{chapter}.{k}"
        node["number"] = number
        equations[label] = (env.docname, number)


def setup(app):
    app.connect("doctree-read", number_equations)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
