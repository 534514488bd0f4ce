"""Synthetic spec trees of N operations, derived from the real specs/ (for the benchmarks).

    python bench/synth.py OUT --operations 1000

Service k is a copy of one real service (taken in turn), under the name `<service>_<k>`, holding
`--per-service` operations (default 5): the real service's operations repeated with a suffix, so that a
job and its poll, waiter and download stay wired together (`export_asset_2` polls
`check_asset_job_status_2`). Every path gets a segment naming its copy, so no two operations of the
tree share a method and path. The result validates and generates like specs/ does.
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPECS = ROOT / "specs"
SERVICE_FILE = "_service.yaml"


def _operations(service: Path) -> list[Path]:
    return sorted(p for p in service.glob("*.yaml") if p.name != SERVICE_FILE)


def _rename(text: str, names: list[str], suffix: str) -> str:
    """Operation and waiter names carry the suffix wherever the spec names them."""
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len, reverse=True))) + r")\b")
    text = pattern.sub(lambda m: m.group(1) + suffix, text)
    return re.sub(r"(\n  name: wait_for_\w+)", rf"\g<1>{suffix}", text)


def _repath(text: str, segment: str) -> str:
    return re.sub(r"^path: /([^/\n]+)", rf"path: /\g<1>/{segment}", text, count=1, flags=re.MULTILINE)


def synthesise(out: Path, operations: int, per_service: int = 5, source: Path = SPECS) -> int:
    """Write a tree of at least `operations` operations under `out`; returns the number of services."""
    if out.exists():
        shutil.rmtree(out)
    originals = sorted(p for p in source.iterdir() if p.is_dir() and _operations(p))
    texts = {svc.name: {p.stem: p.read_text("utf-8") for p in _operations(svc)} for svc in originals}
    written, index = 0, 0
    while written < operations:
        service = originals[index % len(originals)]
        ops = texts[service.name]
        name = f"{service.name}_{index:04d}"
        target = out / name
        target.mkdir(parents=True)
        header = (service / SERVICE_FILE).read_text("utf-8")
        client = re.search(r"^client_class: (\w+)Client$", header, re.MULTILINE)
        assert client is not None, f"{service}/{SERVICE_FILE} names no client_class"
        header = header.replace(client.group(0), f"client_class: {client.group(1)}{index:04d}Client")
        header = re.sub(r"^title: (.*)$", rf"title: \g<1> {index}", header, count=1, flags=re.MULTILINE)
        (target / SERVICE_FILE).write_text(header, "utf-8")
        copies = max(1, per_service // len(ops))
        for copy in range(copies):
            if written >= operations:
                break  # copies stay whole: a job needs its poll and download beside it
            suffix = f"_{copy}" if copy else ""
            for stem, text in ops.items():
                renamed = _rename(text, list(ops), suffix) if suffix else text
                (target / f"{stem}{suffix}.yaml").write_text(_repath(renamed, f"c{index}x{copy}"), "utf-8")
                written += 1
        index += 1
    return index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--operations", type=int, default=1000)
    parser.add_argument("--per-service", type=int, default=5)
    args = parser.parse_args()
    services = synthesise(args.out, args.operations, args.per_service)
    print(f"{args.out}: {args.operations}+ operations in {services} services")


if __name__ == "__main__":
    main()
