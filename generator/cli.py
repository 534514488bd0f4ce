"""Command line: turns flags into calls and findings into output and exit codes; no logic of its own."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._version import __version__
from .errors import SpecError
from .findings import Finding, format_findings, has_errors
from .importer import arguments as import_command

if TYPE_CHECKING:
    from .config import Config

__all__ = ["main"]

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="hwgen", description="Spec-driven code generator for Huawei Cloud REST APIs.")
    parser.add_argument("--version", action="version", version=f"hwgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    validate = commands.add_parser("validate", help="check specs against the format and each other")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=f"spec files or directories ({_SPECS})")
    validate.add_argument("--format", choices=("text", "json"), default="text")
    for name, text in (("generate", "write generated/ from the specs"), ("check", "is generated/ current?")):
        command = commands.add_parser(name, help=text)
        command.add_argument("--specs", type=Path, default=Path("specs"), metavar="DIR")
        command.add_argument("--out", type=Path, default=Path("generated"), metavar="DIR")
    openapi = commands.add_parser("openapi", help="print or write the OpenAPI 3.1 document")
    openapi.add_argument("--specs", type=Path, default=Path("specs"), metavar="DIR")
    openapi.add_argument("-o", "--output", type=Path, metavar="FILE")
    importer = commands.add_parser("import", help="transcribe documentation pages into specs (create or update)")
    import_command.add_arguments(importer)
    diff = commands.add_parser("diff", help="API changes between two spec trees (directories or git revisions)")
    diff.add_argument("old", metavar="OLD", help="a spec directory or a git revision (main, HEAD~1, origin/main)")
    diff.add_argument("new", metavar="NEW", help="a spec directory or a git revision")
    diff.add_argument("--format", choices=("text", "markdown", "json", "githubactions", "changelog"), default="text")
    diff.add_argument("--fail-on", choices=("breaking", "warning", "never"), default="never")
    diff.add_argument("--ignore", type=Path, metavar="FILE", help="accepted changes (docs/diff-rules.md)")
    diff.add_argument("--specs", metavar="DIR", help=f"the spec directory inside a git revision ({_SPECS})")
    mock = commands.add_parser("mock", help="serve every spec operation over HTTP (until Ctrl-C)")
    mock.add_argument("--specs", type=Path, default=Path("specs"), metavar="DIR")
    mock.add_argument("--host", default="127.0.0.1")
    mock.add_argument("--port", type=_port, default=8080, metavar="N", help="0 picks a free port")
    mock.add_argument("--stateful", action="store_true", help="export calls create tasks that polls, lists see")
    mock.add_argument("--seed", type=int, default=25, metavar="N", help="tasks per paged list when stateful")
    mock.add_argument("--aksk", type=_aksk, metavar="AK:SK", help="verify SDK-HMAC-SHA256 signatures")
    mock.add_argument(
        "--faults", metavar="SPEC", help="inject faults: 429=0.1,503=0.05,reset=0.02,latency=20-200ms,retry-after=1"
    )
    mock.add_argument("--fault-seed", type=int, default=0, metavar="N", help="seed of the fault draws (default 0)")
    schema = commands.add_parser("schema", help="print the spec format's JSON Schema, or write the editor copy")
    schema.add_argument("-o", "--output", type=Path, metavar="FILE", help="write it to FILE")
    schema.add_argument("--write", action="store_true", help="write it where [tool.hwgen] schema says")
    init = commands.add_parser("init", help="start a repository that uses hwgen (never overwrites a file)")
    init.add_argument("directory", nargs="?", type=Path, default=Path("."), metavar="DIR", help="default: here")
    init.add_argument("--package-name", default="hwcloud", metavar="NAME", help="import name of the client")
    _configurable(commands.choices.values())
    return parser


_SPECS = "default: [tool.hwgen] specs, else specs/"
_HELP = {
    "--specs": f"the spec directory ({_SPECS})",
    "--out": "the output directory (default: [tool.hwgen] out, else generated/)",
}


def _configurable(commands: Iterable[argparse.ArgumentParser]) -> None:
    """Every command but init reads [tool.hwgen]: `--config`, and `--specs`/`--out` defaults from it."""
    for command in commands:
        if command.prog.endswith(" init"):
            continue
        for action in command._actions:
            flag = next((f for f in action.option_strings if f in _HELP), None)
            if flag is not None:
                action.default = None  # None: not given, so taken from the configuration
                action.help = action.help or _HELP[flag]
        command.add_argument(
            "--config", type=Path, metavar="FILE", help="pyproject.toml with [tool.hwgen] (default: the nearest one)"
        )


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (0-65535)")
    return int(text)


def _aksk(text: str) -> tuple[str, str]:
    ak, _, sk = text.partition(":")
    if not ak or not sk:
        raise argparse.ArgumentTypeError("expected AK:SK, both non-empty")
    return ak, sk


def _print_findings(findings: list[Finding]) -> None:
    sys.stderr.write(format_findings(findings))


def _generate(args: argparse.Namespace) -> int:
    from .incremental import pipeline  # black and Jinja load only for the commands that render

    report, warnings, plan = pipeline.generate(args.specs, args.out, args.settings.package)
    _print_findings(warnings)
    for path in report.foreign:
        sys.stderr.write(f"{args.out / path}: kept: not produced by hwgen\n")
    reused = plan.services - len(plan.generated) - len(plan.cached)
    sys.stderr.write(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed"
        f" in {args.out} (services: {len(plan.generated)} generated, {len(plan.cached)} from the cache,"
        f" {reused} unchanged)\n"
    )
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from .incremental import pipeline  # black and Jinja load only for the commands that render

    diff = pipeline.check(args.specs, args.out, args.settings.package)
    stale_schema = _stale_schema(args.settings)
    for label, paths in (("stale", diff.stale), ("missing", diff.missing), ("extra", diff.extra)):
        for path in paths:
            sys.stdout.write(f"{args.out / path}: {label}\n")
    for path in diff.foreign:
        sys.stdout.write(f"{args.out / path}: extra: not produced by hwgen (move it out of {args.out})\n")
    for text in diff.diffs.values():
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if stale_schema:
        sys.stdout.write(f"{stale_schema}: stale: not the spec schema of hwgen {__version__}\n")
    if diff.clean and not stale_schema:
        sys.stderr.write(f"{args.out} is current\n")
        return EXIT_OK
    again = _command_line(args)
    if not diff.clean:
        sys.stderr.write(f"{args.out} is stale: run `{again('generate')}`\n")
    if stale_schema:
        sys.stderr.write(f"{stale_schema} is stale: run `{again('schema')} --write`\n")
    return EXIT_FINDINGS


def _stale_schema(config: Config) -> Path | None:
    """The project's editor copy of the schema when an upgraded (or other) hwgen ships a different one."""
    from .resources import schema_path, schema_text

    copy = config.schema
    try:
        if copy.resolve() == schema_path().resolve() or copy.read_text("utf-8") == schema_text():
            return None
    except (OSError, UnicodeDecodeError):
        return None  # no copy (the project may not want one): nothing to be stale
    return copy


def _command_line(args: argparse.Namespace) -> Callable[[str], str]:
    """`hwgen <command>` with the --config, --specs and --out this run was given, to repeat in a hint."""
    program = "python -m generator" if Path(sys.argv[0]).parts[-2:] == ("generator", "__main__.py") else "hwgen"
    given = [f"--{name} {shlex.quote(str(value))}" for name, value in args.given.items()]

    def line(command: str) -> str:
        options = [o for o in given if command == "generate" or o.startswith("--config")]
        return " ".join([program, command, *options])

    return line


def _openapi(args: argparse.Namespace) -> int:
    import json

    from .incremental import pipeline  # black and Jinja load only for the commands that render

    text = json.dumps(pipeline.openapi(args.specs, args.settings.package), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, "utf-8")
    return EXIT_OK


def _mock(args: argparse.Namespace) -> int:
    try:  # imported here: the other commands never pay for starlette and uvicorn
        from . import mock
    except ModuleNotFoundError as exc:
        missing = (exc.name or "generator").split(".")[0]
        if missing == "generator":
            raise
        from .distribution import extra_install_command

        sys.stderr.write(
            f"hwgen mock: error: the mock server needs starlette and uvicorn ({missing} is missing):"
            f" {extra_install_command('mock')}\n"
        )
        return EXIT_FINDINGS
    try:
        faults = mock.parse_faults(args.faults, args.fault_seed) if args.faults else None
    except ValueError as exc:
        sys.stderr.write(f"hwgen mock: error: --faults: {exc}\n")
        return EXIT_USAGE
    from .incremental import pipeline

    api, warnings = pipeline.build(args.specs, args.settings.package)
    _print_findings(warnings)
    options = mock.MockOptions(stateful=args.stateful, aksk=args.aksk, seed=args.seed)
    modes = ["stateful" if args.stateful else "stateless", *(["AK/SK verified"] if args.aksk else [])]
    app: mock.MockApp | mock.FaultInjector = mock.MockApp(api, options)
    if faults is not None:
        app = mock.FaultInjector(app, faults)
        modes.append(faults.describe())

    def ready(url: str) -> None:
        sys.stdout.write(f"hwgen mock: listening on {url} ({len(api.operations)} operations; {', '.join(modes)})\n")
        sys.stdout.flush()

    try:
        mock.serve(app, args.host, args.port, ready)
    except OSError as exc:
        sys.stderr.write(f"hwgen: error: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}\n")
        return EXIT_FINDINGS
    sys.stderr.write("hwgen mock: stopped\n")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from .diff.command import run

    return run(
        args.old,
        args.new,
        fmt=args.format,
        fail_on=args.fail_on,
        ignore=args.ignore,
        specs_dir=args.specs,
        stdout=sys.stdout,
        stderr=sys.stderr,
    )


def _validate(args: argparse.Namespace) -> int:
    from .spec import SERVICE_FILE

    paths = args.paths or [args.settings.specs]
    if len(paths) == 1 and paths[0].is_dir() and not (paths[0] / SERVICE_FILE).is_file():
        from .incremental.pipeline import validate  # a spec tree: service by service, cached

        count, findings = validate(paths[0], args.settings.package)
    else:  # files, or a service directory (`validate .` inside one: named by its real name, not `.`)
        from .spec.validate import validate_paths

        sources, findings = validate_paths(p.resolve() for p in paths)
        count = sum(1 for s in sources if s.kind == "operation")
    sys.stdout.write(format_findings(findings, args.format))
    if has_errors(findings):
        return EXIT_FINDINGS
    if count == 0:
        sys.stderr.write(f"warning: no specs found in {' '.join(map(str, paths))}\n")
    elif args.format == "text":
        sys.stderr.write(f"{count} spec(s) valid\n")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from .importer.command import run

    return run(args)


def _schema(args: argparse.Namespace) -> int:
    from .resources import schema_text

    target = args.output or (args.settings.schema if args.write else None)
    if target is None:
        sys.stdout.write(schema_text())
        return EXIT_OK
    from .incremental.atomic import atomic_write

    atomic_write(target, schema_text().encode("utf-8"))
    sys.stderr.write(f"{target}: the spec schema of hwgen {__version__}\n")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from .config import package_name_problem
    from .scaffold import scaffold

    problem = package_name_problem(args.package_name)
    if problem is not None:
        sys.stderr.write(f"hwgen init: error: --package-name: {problem[0]} ({problem[1]})\n")
        return EXIT_USAGE
    result = scaffold(args.directory, args.package_name)
    if result.existing:
        for path in result.existing:
            more = " (to keep it, add a [tool.hwgen] table to it by hand)" if path == "pyproject.toml" else ""
            sys.stderr.write(f"{args.directory / path}: exists{more}\n")
        sys.stderr.write("hwgen init: error: nothing written: init never overwrites a file\n")
        return EXIT_FINDINGS
    for path in sorted(result.files):
        sys.stderr.write(f"{args.directory / path}: created\n")
    where = "" if args.directory == Path(".") else f"cd {shlex.quote(str(args.directory))} && "
    sys.stderr.write(f"next: {where}hwgen generate && pip install -e ./generated (the README says more)\n")
    return EXIT_OK


def _settings(args: argparse.Namespace) -> None:
    """Fill in what the command line left to [tool.hwgen]; remember what it gave (for hints)."""
    from .config import load_config

    specs = getattr(args, "specs", None)
    given = specs if specs is not None else (args.paths[0] if getattr(args, "paths", None) else None)
    start = Path(given) if given is not None and args.config is None else None
    args.settings = load_config(args.config, start=start)
    args.given = {k: v for k in ("config", "specs", "out") if (v := getattr(args, k, None)) is not None}
    if hasattr(args, "specs") and args.specs is None:
        args.specs = str(args.settings.specs) if args.command == "diff" else args.settings.specs
    if hasattr(args, "out") and args.out is None:
        args.out = args.settings.out


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (argparse's own exits for --help and usage errors included)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handlers = {
        "validate": _validate,
        "generate": _generate,
        "check": _check,
        "openapi": _openapi,
        "mock": _mock,
        "diff": _diff,
        "import": _import,
        "schema": _schema,
        "init": _init,
    }
    try:
        if args.command != "init" and not (args.command == "schema" and not args.write):
            _settings(args)
        return handlers[args.command](args)
    except SpecError as exc:
        _print_findings(exc.findings)
        return EXIT_FINDINGS
    except OSError as exc:
        sys.stderr.write(f"hwgen: error: {exc.filename or ''}: {exc.strerror or exc}\n")
        return EXIT_FINDINGS
