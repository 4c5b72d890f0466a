"""Give each exercise's and each solution's content section its own id.

sphinx-exercise 1.2.1 writes ``<section id="exercise-content">`` for every exercise and
``<section id="solution-content">`` for every solution, so a page with several repeats
the ids. Number them per page instead: solution-content-1, solution-content-2, ...
Nothing links to these ids.
"""
import itertools
import re

REPEATED_IDS = ["exercise-content", "solution-content"]


def number_repeated_ids(app, pagename, templatename, context, doctree):
    if "body" not in context:
        return
    for repeated in REPEATED_IDS:
        counter = itertools.count(1)
        context["body"] = re.sub(f'id="{repeated}"', lambda _: f'id="{repeated}-{next(counter)}"',
                                 context["body"])


def setup(app):
    app.connect("html-page-context", number_repeated_ids)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
