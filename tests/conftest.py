"""Pytest fixtures shared by every test module (plain helpers live in helpers.py)."""

from helpers import mini_pack  # noqa: F401  (re-exported as a fixture)
