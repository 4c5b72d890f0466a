"""Give each exercise solution's content section its own id.

sphinx-exercise 1.2.1 writes ``<section id="solution-content">`` for every solution, so a
page with several solutions repeats the id. Number them per page instead:
solution-content-1, solution-content-2, ... Nothing links to these ids.
"""
import itertools
import re

DUPLICATE_ID = re.compile(r'id="solution-content"')


def number_solution_ids(app, pagename, templatename, context, doctree):
    if "body" in context:
        counter = itertools.count(1)
        context["body"] = DUPLICATE_ID.sub(lambda _: f'id="solution-content-{next(counter)}"',
                                           context["body"])


def setup(app):
    app.connect("html-page-context", number_solution_ids)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
