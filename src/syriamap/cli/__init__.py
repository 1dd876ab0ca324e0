"""The ``syriamap`` command: thin commands that parse, call the library and print."""

from .commands import build_parser, main

__all__ = ["build_parser", "main"]
