"""The `import` command's arguments: kept apart so that building the parser imports no importer code."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_arguments"]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pages",
        nargs="+",
        metavar="SOURCE",
        help="a page (.txt copied site text, .html saved site page, .md doc-repository page), a folder of them, "
        "or an https:// URL",
    )
    parser.add_argument("--service", required=True, metavar="NAME", help="the directory under --specs")
    parser.add_argument("--operation", metavar="NAME", help="name of a new spec (one page only)")
    parser.add_argument("--specs", type=Path, default=None, metavar="DIR", help="the spec root (default: config)")
    parser.add_argument("--strict", action="store_true", help="anything the importer cannot place is an error")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="json: results for machines")
    parser.add_argument("--sync", action="store_true", help="list the service's operations whose page is gone")
    parser.add_argument("--prune", action="store_true", help="with --sync: remove them (not one a job names)")
    parser.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N", help="processes reading pages (default: one per core)"
    )


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of processes (1 reads every page in this one)")
    return int(text)
