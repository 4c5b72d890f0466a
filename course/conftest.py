"""The self-check of the exercise notebooks, as in the book's repository: gradlib's plugin.

With it, `pytest exercises/<chapter>.ipynb` fails exactly at the exercises that are
still unfinished or wrong, one line each, named as the notebook names them.
"""
pytest_plugins = ["gradlib.check.selfcheck"]
