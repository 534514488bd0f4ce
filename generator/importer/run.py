"""Importing pages, stage by stage: read → transcribe → find or name the spec → merge → check → write.

A spec that exists for the page's method and path is updated in place and keeps its name and
its hand-written parts; otherwise a new spec is named from `--operation` or the page title.
Each result is validated in memory before anything is written, and each file is written
atomically, so an interrupted import leaves every spec whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..findings import Finding, Severity, has_errors
from ..incremental.atomic import atomic_write
from ..spec.load import SERVICE_FILE, SourceSpec, display_path, load_text
from .changes import api_changes
from .checks import OwnChecks, check
from .emit import dump_spec
from .fixups import textify_bad_examples
from .merge import HAND_WRITTEN, merge
from .pages import Imported, PageRead, read_pages
from .service import ServiceIndex, route_key
from .servicefile import write_shared
from .target import find_target, new_name, titled_apart

__all__ = ["Imported", "import_pages"]


def _own(read: PageRead, text: str, target: Path) -> OwnChecks | None:
    """The own checks the worker made, if they are of this very spec: same text, same file."""
    own = read.own
    return own if own is not None and text is read.text and own.spec.path == target else None


def _rank(read: PageRead) -> tuple[bool, bool, bool]:
    """How current a page is: not deprecated ("废弃" in its title), not a kept copy ("…_v2.md", "…-14.md"),
    and linked from API Explorer (site text keeps no links: its 调试/Debugging section, which only the
    current template has, says as much). Huawei's repositories keep such copies beside the current page."""
    title = str((read.data or {}).get("title", "")).lower()
    stem = Path(read.result.page).stem.lower()
    deprecated = any(mark in title or mark in stem for mark in ("废弃", "deprecated"))
    copy = bool(re.search(r"(?:_v\d+|-\d+)$", stem)) and not re.match(r"^\d+_", stem)
    return (not deprecated, not copy, bool(read.api_explorer) or "debugging" in (read.data or {}))


def _duplicates(reads: list[PageRead], operation: str | None) -> None:
    """Pages of one run on one route never overwrite each other. Copies yield to the current page
    (an info); pages naming distinct operations (API Explorer, or the body's action key) are
    distinct specs; any other pair is an error naming both, and neither is written."""
    by_route: dict[tuple[str, str], list[PageRead]] = {}
    for read in reads:
        if read.data is not None:
            by_route.setdefault(route_key(read.data["method"], read.data["path"]), []).append(read)
    for (method, path), group in by_route.items():
        if len(group) < 2:
            continue
        best = max(_rank(r) for r in group)
        current = [r for r in group if _rank(r) == best]
        for read in group:
            if read not in current:
                others = ", ".join(r.result.page for r in current)
                message = f"an older copy of {method} {path}: {others} is imported instead"
                read.result.findings.append(Finding(read.result.page, 1, 1, Severity.INFO, message))
                read.data, read.result.action = None, "skipped"
        names = [new_name(r.data, r.api_explorer, operation)[0] if r.data else None for r in current]
        if len(current) > 1 and (None in names or len(set(names)) < len(names)) and _copies(current):
            continue
        titles = [str((r.data or {}).get("title", "")) for r in current]
        if all(titled_apart(a, b) for i, a in enumerate(titles) for b in titles[i + 1 :]):
            continue  # operations of their own, named apart when written (find_target)
        if len(current) > 1 and (None in names or len(set(names)) < len(names)):
            for read in current:
                others = ", ".join(r.result.page for r in current if r is not read)
                message = f"{method} {path} is also the route of {others}: neither is imported"
                hint = "import them one at a time, or remove the copy from the folder"
                read.result.findings.append(Finding(read.result.page, 1, 1, Severity.ERROR, message, hint))
                read.data = None


_WORDS = {"title", "summary", "description", "note", "source", "example", "request_examples", "error_codes"}


def _shape(value: Any) -> Any:
    """A spec without its words: what a client would send and receive."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items() if k not in _WORDS}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value


def _copies(group: list[PageRead]) -> bool:
    """Pages that document one operation in other words ("创建NAT网关" and "创建公网NAT网关", both kept in
    the repository): the first by path is imported, the others are skipped as its copies (an info)."""
    first, *rest = sorted(group, key=lambda r: r.result.page)
    if any(_shape(r.data) != _shape(first.data) for r in rest):
        return False
    for read in rest:
        message = f"the same operation as {first.result.page} (the same parameters and fields): skipped as its copy"
        read.result.findings.append(Finding(read.result.page, 1, 1, Severity.INFO, message))
        read.data, read.result.action = None, "skipped"
    return True


def _import_one(read: PageRead, service: ServiceIndex, operation: str | None) -> Imported:
    result, data = read.result, read.data
    display = result.page
    if data is None:
        return result
    for status, response in data["responses"].items():
        name = (response.get("body") or {}).get("shared")
        if name is not None and name not in service.meta.get("shared_responses", {}):
            del response["body"]
            read.text = None  # written before this change
            message = (
                f"response {status} is the service's shared response {name!r}, which _service.yaml does not "
                "define yet: the body is left out"
            )
            hint = "import the shared page (Responses (Task), 响应(任务类)) with this one"
            result.findings.append(Finding(display, 1, 1, Severity.WARNING, message, hint))
    if service.broken:
        result.findings += service.broken
        hint = "fix the spec(s) above first: the page may be theirs"
        result.findings.append(Finding(display, 1, 1, Severity.ERROR, f"not imported into {service.name}", hint))
        return result
    target = find_target(service, data, operation, display, read.api_explorer)
    if isinstance(target, Finding):
        result.findings.append(target)
        return result
    result.spec = display_path(target)
    if operation and target.stem != operation:
        message = f"--operation {operation}: {data['method']} {data['path']} is already the spec {target.stem}, updated"
        hint = "rename the spec file to rename the operation"
        result.findings.append(Finding(display, 1, 1, Severity.WARNING, message, hint))
    old_text = target.read_text("utf-8") if target.exists() else None
    if old_text is not None:
        loaded = service.specs[target]
        old_date = str((loaded.data.get("source") or {}).get("updated_on", ""))[:10]
        new_date = str(data["source"].get("updated_on", ""))[:10]
        if old_date and new_date and new_date < old_date:
            message = f"the page ({new_date}) is older than the spec's updated_on ({old_date}): imported all the same"
            result.findings.append(Finding(display, 1, 1, Severity.WARNING, message, "is this the current page?"))
        data = merge(data, loaded.data)
        if data == loaded.data:
            result.action = "unchanged"
            return result
        result.changes = api_changes(loaded.data, data)
    if old_text is None and read.text is not None:
        new_text = read.text  # written while the page was read
    else:
        new_text = _text(data, old_text, target, result, service.modeline)
    checked, findings = check(data, new_text, target, service, _own(read, new_text, target))
    if has_errors(findings) and any("example" in f.message for f in findings):
        # which example fails matters here, not where: checked as data, never written or parsed
        changed = textify_bad_examples(data, lambda d: check(d, None, target, service)[1])
        for where, finding in changed:
            message = f"{where} contradicts the page's tables ({finding.message}); kept as text"
            result.findings.append(Finding(display, 1, 1, Severity.WARNING, message, "make the page consistent"))
        if changed:
            new_text = _text(data, old_text, target, result, service.modeline)
            checked, findings = check(data, new_text, target, service, _own(read, new_text, target))
    result.findings += findings
    if has_errors(result.findings):
        return result
    if service.new_service_text is not None:
        atomic_write(service.directory / SERVICE_FILE, service.new_service_text.encode("utf-8"))
        service.new_service_text = None
        message = "created for a new service: check its title, endpoint and client_class"
        result.findings.append(Finding(display_path(service.directory / SERVICE_FILE), 1, 1, Severity.WARNING, message))
    atomic_write(target, new_text.encode("utf-8"))
    service.remember(checked)
    service.touched.add(target)
    result.action = "updated" if old_text is not None else "created"
    return result


def _text(data: dict[str, Any], old_text: str | None, target: Path, result: Imported, modeline: str) -> str:
    """The spec's new text: the old text updated in place, or written in the house style."""
    if old_text is None:
        return dump_spec(data, HAND_WRITTEN, modeline)
    from .rewrite import rewrite  # ruamel.yaml loads only when a spec is updated in place

    new_text = rewrite(old_text, data)
    back = load_text(new_text, target)
    if not isinstance(back, SourceSpec) or back.data != data:
        new_text = dump_spec(data, HAND_WRITTEN, modeline)
        message = "rewritten in full: its comments could not be kept"
        result.findings.append(Finding(display_path(target), 1, 1, Severity.WARNING, message))
    return new_text


def import_pages(
    pages: Sequence[Path | str],
    *,
    service: str,
    specs: Path,
    operation: str | None = None,
    strict: bool = False,
    folders: set[Path] | None = None,
    progress: Callable[[int], None] | None = None,
    index: ServiceIndex | None = None,
    jobs: int | None = None,
) -> list[Imported]:
    """Import each page (a path or a URL) into `specs/<service>/`; one result per page, in order.

    Pages found in `folders` may be other kinds of page: those are skipped and counted, not errors.
    `index` is the service as the caller read it (to compare before and after), else read here;
    `jobs` processes read the pages (default: one per core).
    """
    index = index or ServiceIndex(specs / service, service)
    reads = read_pages(
        pages,
        index.meta,
        strict=strict,
        folders=folders or set(),
        progress=progress,
        jobs=jobs,
        modeline=index.modeline,
        directory=index.directory if operation is None else None,
    )
    for read in reads:  # shared responses first: the operation pages refer to them
        if read.shared is not None:
            write_shared(read.result, read.shared, index)
    _duplicates(reads, operation)
    return [_import_one(read, index, operation) for read in reads]
