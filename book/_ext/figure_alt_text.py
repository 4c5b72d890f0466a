"""Give each figure's image its caption as alt text.

myst-nb writes a notebook figure's file path as its alt text; a screen reader would read
out a hash. Use the caption instead (its maths as the TeX source).
"""
from docutils import nodes


def caption_as_alt(app, doctree, docname):
    for figure in doctree.findall(nodes.figure):
        caption = next(iter(figure.findall(nodes.caption)), None)
        if caption is None:
            continue
        for image in figure.findall(nodes.image):
            image["alt"] = " ".join(caption.astext().split())


def setup(app):
    app.connect("doctree-resolved", caption_as_alt)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
