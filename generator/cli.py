"""Command line: turns flags into calls and findings into output and exit codes; no logic of its own."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .findings import format_findings, has_errors
from .validate import validate_paths

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hwgen", description="Spec-driven code generator for Huawei Cloud REST APIs.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = commands.add_parser("validate", help="check specs against the format and each other")
    validate.add_argument("paths", nargs="*", type=Path, default=[Path("specs")], metavar="PATH")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def _validate(args: argparse.Namespace) -> int:
    sources, findings = validate_paths(args.paths)
    sys.stdout.write(format_findings(findings, args.format))
    if has_errors(findings):
        return EXIT_FINDINGS
    if args.format == "text":
        count = sum(1 for s in sources if s.kind == "operation")
        sys.stderr.write(f"{count} spec(s) valid\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handlers = {"validate": _validate}
    return handlers[args.command](args)
