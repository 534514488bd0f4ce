"""Score the importer on real pages: compare specs with Huawei's official Python SDK, operation by operation.

Two modes:

- `python bench/compare_sdk.py SPECS_DIR --service ims [--service ...]` compares the specs of
  SPECS_DIR/<service>/ with the SDK;
- `python bench/compare_sdk.py --import PAGES_DIR [SPECS_DIR] --service ims` first runs
  `python -m generator import` on every page of PAGES_DIR (a service directory such as
  /work/shared/real-pages/ims, or a tree with one directory per service) into SPECS_DIR, or into a
  temporary directory removed afterwards, then compares.

The SDK (`pip install huaweicloudsdkims huaweicloudsdkiam ...`) is a reference for measurement only.
Each `huaweicloudsdk<svc>/v*/<svc>_client.py` has one `_<operation>_http_info(request)` per operation:
it is called with an empty request object to read the method, the resource path, the path, query,
header and form parameters (wire names) and the response type; the request and response model
classes give `openapi_types`, `attribute_map` (python name -> wire name) and, in their `__init__`,
which attributes are required (a required attribute is assigned unconditionally, an optional one
under `if x is not None:`). What is read is cached in bench/.sdk-cache/ per SDK package and version.

A spec is matched to an SDK operation by method and route (placeholder names ignored, trailing slash
stripped); when several SDK operations share it (two API versions, or the IAM token operations), the
one named like the page's API Explorer link (index.json `api_explorer`) wins. Fields are compared by
location and wire name (dotted paths for nested fields: `server.name`, `servers[].id`, `tags{}.key`),
then by type (see TYPE_TABLE) and required flag. The headers the SDK and the client runtime set
themselves (SKIPPED_HEADERS) are left out on both sides. See bench/README.md.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import functools
import importlib
import importlib.metadata
import inspect
import json
import re
import subprocess
import sys
import tempfile
import textwrap
import time
import types
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAGES = Path("/work/shared/real-pages")
CACHE_DIR = Path(__file__).resolve().parent / ".sdk-cache"
CACHE_FORMAT = 3  # bump when what the introspection records changes
SERVICES = ("ims", "iam", "dns", "nat", "smn", "elb", "bms")
PAGE_SUFFIXES = (".md", ".txt", ".html", ".htm")

# Headers the SDK (and hwgen's runtime) set themselves: left out on both sides.
SKIPPED_HEADERS = frozenset({"x-auth-token", "content-type", "x-sdk-date", "x-project-id", "authorization"})

# The one equivalence table between spec types and the SDK's `openapi_types` strings. Both sides are
# reduced to a canonical type; two fields agree when their canonical types are equal, where `any`
# (the SDK's free-form `object`) agrees with every type. Arrays and maps compare their element types.
SPEC_TYPES: dict[str, str] = {
    "String": "string",
    "Integer": "integer",
    "Long": "integer",
    "Float": "number",
    "Double": "number",
    "Number": "number",
    "Boolean": "boolean",
    "Object": "object",  # an object table (or free-form object)
    "Array": "array<items>",
    "Map": "map<values>",
    "File": "file",
}
SDK_TYPES: dict[str, str] = {
    "str": "string",
    "datetime": "string",
    "date": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "object": "any",
    "file": "file",
    "bytes": "file",
    "<model class>": "object",
    "list[X]": "array<X>",
    "dict(str, X)": "map<X>",
}
TYPE_TABLE = [
    ("String", "str (also datetime, date)", "string"),
    ("Integer, Long", "int", "integer"),
    ("Float, Double, Number", "float", "number"),
    ("Boolean", "bool", "boolean"),
    ("Object with `object: Table`", "a model class", "object"),
    ("Object without a table (free-form)", "a model class, object, dict(str, X)", "object*: agrees with those"),
    ("Array with `items: X`", "list[X]", "array<X>"),
    ("Map with `values: X`", "dict(str, X)", "map<X>"),
    ("File", "file, bytes, a stream", "file"),
    ("-", "object (free-form)", "any: agrees with every type"),
]

# The specs are read as hwgen reads them (YAML 1.2, ruamel.yaml): PyYAML rejects some of what the importer writes.
_YAML = YAML(typ="safe")
_PLACEHOLDER = re.compile(r"\{[^/{}]*\}")
_FINDING = re.compile(r"^(?P<path>.+?):\d+:\d+: error: (?P<message>.*)$")
_DONE = re.compile(r"^(?P<spec>\S.*?): (?:created|updated|unchanged) from (?P<page>.+)$")


# ---------------------------------------------------------------- types and routes


def route_key(method: str, path: str) -> tuple[str, str]:
    """Method and route with placeholder names, query string and trailing slash ignored."""
    path = _strip_query(path).strip()
    path = _PLACEHOLDER.sub("{}", path).rstrip("/") or "/"
    return method.upper(), path


def _strip_query(path: str) -> str:
    """The path without a query string or an RFC 6570 query template (`/servers{?name,limit}`)."""
    cut = [i for i in (path.find("{?"), path.find("{&"), path.find("?")) if i >= 0]
    return path[: min(cut)] if cut else path


def placeholders(path: str) -> list[str]:
    return [p[1:-1] for p in _PLACEHOLDER.findall(_strip_query(path))]


def sdk_canonical(sdk_type: str, models: set[str]) -> str:
    t = sdk_type.strip()
    if t.startswith("list[") and t.endswith("]"):
        return f"array<{sdk_canonical(t[5:-1], models)}>"
    if t.startswith("dict(") and t.endswith(")"):
        inner = t[5:-1].split(",", 1)
        return f"map<{sdk_canonical(inner[1] if len(inner) == 2 else 'object', models)}>"
    if t in SDK_TYPES:
        return SDK_TYPES[t]
    if t in models:
        return "object"
    return "any"


def spec_canonical(type_name: Any, ref: Any, objects: dict[str, Any]) -> str:
    """`ref` is `items:` of an Array, `values:` of a Map or `object:` of an Object."""
    name = str(type_name)
    if name == "Object" and not (isinstance(ref, str) and ref in objects):
        return "object*"  # a free-form object: any JSON object, a map as well
    if name == "Array":
        return f"array<{_element(ref, objects)}>"
    if name == "Map":
        return f"map<{_element(ref, objects)}>"
    return SPEC_TYPES.get(name, f"unknown:{name}")


def _element(ref: Any, objects: dict[str, Any]) -> str:
    if ref is None:
        return "any"
    if isinstance(ref, str) and ref in SPEC_TYPES and ref not in objects and ref not in ("Array", "Map"):
        return SPEC_TYPES[ref]
    return "object"


def types_agree(a: str, b: str) -> bool:
    if a == b or "any" in (a, b):
        return True
    if "object*" in (a, b):
        other = b if a == "object*" else a
        return other in ("object", "object*") or other.startswith("map<")
    for wrapper in ("array<", "map<"):
        if a.startswith(wrapper) and b.startswith(wrapper):
            return types_agree(a[len(wrapper) : -1], b[len(wrapper) : -1])
    return False


# ---------------------------------------------------------------- the SDK side


@dataclass
class Field:
    loc: str  # path, query, header, body, response
    path: str  # wire name, dotted for nested fields; header names lower-cased
    type: str  # canonical type
    required: bool | None  # None: unknown
    raw: str = ""  # the side's own type text


@dataclass
class SdkOperation:
    service: str
    version: str
    name: str  # CreateDataImage
    method: str
    route: str
    fields: list[Field]
    request_body: str  # none, object, array, scalar, form, stream
    response_body: str  # none, object, array, scalar, stream
    response_headers: list[str]


def _sdk_modules(package: str) -> list[tuple[str, types.ModuleType]]:
    root = importlib.import_module(package)
    base = Path(str(root.__file__)).parent
    return [
        (v.name, importlib.import_module(f"{package}.{v.name}"))
        for v in sorted(base.iterdir())
        if v.is_dir() and re.fullmatch(r"v\d+", v.name)
    ]


@functools.cache
def _required_attributes(cls: type) -> frozenset[str]:
    """Attributes the model's `__init__` assigns unconditionally (`self.x = x` at the top level)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls.__init__)))  # type: ignore[misc]
    except (OSError, TypeError, SyntaxError):
        return frozenset()
    function = tree.body[0]
    if not isinstance(function, ast.FunctionDef):
        return frozenset()
    names: set[str] = set()
    for statement in function.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Name):
            for target in statement.targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                    and target.attr == statement.value.id
                ):
                    names.add(target.attr)
    return frozenset(names)


class _Introspector:
    def __init__(self, service: str, version: str, module: types.ModuleType) -> None:
        self.service = service
        self.version = version
        self.module = module
        self.models = {n for n, v in vars(module).items() if isinstance(v, type) and hasattr(v, "openapi_types")}

    def model(self, name: str) -> Any:
        return getattr(self.module, name, None)

    def flatten(
        self,
        cls: Any,
        prefix: str,
        loc: str,
        out: list[Field],
        ancestors: tuple[str, ...] = (),
        skip: frozenset[str] = frozenset(),
    ) -> None:
        """The fields of model `cls` (attributes in `skip` left out), nested models recursively."""
        if cls is None or cls.__name__ in ancestors or len(ancestors) > 12:
            return
        required = _required_attributes(cls)
        for attr, sdk_type in cls.openapi_types.items():
            if attr in skip:
                continue
            wire = cls.attribute_map.get(attr, attr)
            path = prefix + wire
            out.append(Field(loc, path, sdk_canonical(sdk_type, self.models), attr in required, sdk_type))
            inner, suffix = sdk_type, ""
            while True:
                if inner.startswith("list[") and inner.endswith("]"):
                    inner, suffix = inner[5:-1], suffix + "[]"
                elif inner.startswith("dict(") and inner.endswith(")"):
                    inner, suffix = inner[5:-1].split(",", 1)[-1].strip(), suffix + "{}"
                else:
                    break
            if inner in self.models:
                self.flatten(self.model(inner), f"{path}{suffix}.", loc, out, (*ancestors, cls.__name__))

    def operations(self) -> Iterator[SdkOperation]:
        client_module = importlib.import_module(f"{self.module.__name__}.{self.service}_client")
        client = next(
            v
            for n, v in sorted(vars(client_module).items())
            if isinstance(v, type)
            and n.endswith("Client")
            and "Async" not in n
            and v.__module__ == client_module.__name__
        )
        for attr in sorted(vars(client)):
            if attr.startswith("_") and attr.endswith("_http_info") and not attr.startswith("__"):
                operation = self.operation(getattr(client, attr))
                if operation is not None:
                    yield operation

    def operation(self, builder: Any) -> SdkOperation | None:
        probe = builder(types.SimpleNamespace(attribute_map={}))
        name = str(probe["response_type"]).removesuffix("Response")
        request_cls = self.model(f"{name}Request")
        if request_cls is None:
            return None
        info = builder(request_cls())
        method, route = str(info["method"]).upper(), str(info["resource_path"])
        types_by_wire = {request_cls.attribute_map.get(a, a): (a, t) for a, t in request_cls.openapi_types.items()}
        required = _required_attributes(request_cls)
        fields: list[Field] = []
        for placeholder in placeholders(route):
            attr, sdk_type = types_by_wire.get(placeholder, (None, "str"))
            # project_id / domain_id are not request attributes: the SDK fills them from its credentials.
            fields.append(Field("path", placeholder, sdk_canonical(sdk_type, self.models), True, sdk_type))
        for wire, _ in info["query_params"]:
            attr, sdk_type = types_by_wire.get(wire, (wire, "str"))
            fields.append(Field("query", wire, sdk_canonical(sdk_type, self.models), attr in required, sdk_type))
        for wire in info["header_params"]:
            if wire.lower() in SKIPPED_HEADERS:
                continue
            attr, sdk_type = types_by_wire.get(wire, (wire, "str"))
            fields.append(
                Field("header", wire.lower(), sdk_canonical(sdk_type, self.models), attr in required, sdk_type)
            )
        request_body = "none"
        form = info.get("post_params") or {}
        if form:
            request_body = "form"
            for wire in form:
                attr, sdk_type = types_by_wire.get(wire, (wire, "str"))
                fields.append(Field("body", wire, sdk_canonical(sdk_type, self.models), attr in required, sdk_type))
        elif "body" in request_cls.openapi_types:
            body_type = str(request_cls.openapi_types["body"])
            if body_type in self.models:
                request_body = "object"
                self.flatten(self.model(body_type), "", "body", fields)
            elif body_type.startswith("list["):
                request_body = "array"
            else:
                request_body = "stream" if body_type in ("file", "bytes") else "scalar"
        headers = [str(h) for h in info.get("response_headers") or []]
        response_body = "none"
        response_cls = self.model(str(info["response_type"]))
        if response_cls is not None:
            if any(base.__name__ == "SdkStreamResponse" for base in response_cls.__mro__):
                response_body = "stream"
            header_wires = {h.lower() for h in headers}
            attrs = {
                a: t
                for a, t in response_cls.openapi_types.items()
                if response_cls.attribute_map.get(a, a).lower() not in header_wires
            }
            if list(attrs) == ["body"] and response_cls.attribute_map.get("body") == "body":
                body_type = str(attrs["body"])
                response_body = "array" if body_type.startswith("list[") else "scalar"
            elif attrs:
                response_body = "object"
                skip = frozenset(set(response_cls.openapi_types) - set(attrs))
                self.flatten(response_cls, "", "response", fields, skip=skip)
        return SdkOperation(
            self.service, self.version, name, method, route, fields, request_body, response_body, headers
        )


def introspect(service: str, use_cache: bool = True) -> list[SdkOperation]:
    package = f"huaweicloudsdk{service}"
    try:
        version = importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    cache = CACHE_DIR / f"{package}-{version}-{CACHE_FORMAT}.json"
    if use_cache and cache.is_file():
        data = json.loads(cache.read_text("utf-8"))
        return [SdkOperation(**{**op, "fields": [Field(**f) for f in op["fields"]]}) for op in data["operations"]]
    operations: list[SdkOperation] = []
    for version_name, module in _sdk_modules(package):
        operations += _Introspector(service, version_name, module).operations()
    operations.sort(key=lambda o: (o.version, o.name))
    if use_cache:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        (CACHE_DIR / ".gitignore").write_text("*\n", "utf-8")
        payload = {"package": package, "version": version, "operations": [asdict(o) for o in operations]}
        cache.write_text(json.dumps(payload, ensure_ascii=False, sort_keys=True), "utf-8")
    return operations


def sdk_versions(services: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for service in services:
        try:
            out[service] = importlib.metadata.version(f"huaweicloudsdk{service}")
        except importlib.metadata.PackageNotFoundError:
            out[service] = "missing"
    return out


# ---------------------------------------------------------------- the spec side


@dataclass
class Spec:
    file: Path
    data: dict[str, Any]

    @property
    def method(self) -> str:
        return str(self.data.get("method", ""))

    @property
    def path(self) -> str:
        return str(self.data.get("path", ""))

    @property
    def page(self) -> str | None:
        page = (self.data.get("source") or {}).get("page")
        return Path(str(page)).stem if page else None


def load_specs(directory: Path) -> list[Spec]:
    specs: list[Spec] = []
    for file in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        if file.name == "_service.yaml":
            continue
        try:
            data = _YAML.load(file.read_text("utf-8"))
        except (OSError, YAMLError):
            continue
        if isinstance(data, dict):
            specs.append(Spec(file, data))
    return specs


def spec_fields(spec: Spec) -> list[Field]:
    data = spec.data
    objects = data.get("objects") or {}
    objects = objects if isinstance(objects, dict) else {}
    out: list[Field] = []
    parameters = data.get("parameters") or {}
    for loc in ("path", "query", "header"):
        for p in (parameters.get(loc) or []) if isinstance(parameters, dict) else []:
            if not isinstance(p, dict) or "name" not in p:
                continue
            name = str(p["name"])
            if loc == "header":
                if name.lower() in SKIPPED_HEADERS:
                    continue
                name = name.lower()
            ref = p.get("items", p.get("values", p.get("object")))
            out.append(Field(loc, name, spec_canonical(p.get("type"), ref, objects), bool(p.get("required")), _raw(p)))
    body = data.get("request_body") or {}
    if isinstance(body, dict):
        _flatten_spec(body.get("fields") or [], "", "body", objects, out, ())
    seen: set[str] = set()
    for code, response in sorted((data.get("responses") or {}).items(), key=lambda kv: str(kv[0])):
        if not str(code).startswith("2") or not isinstance(response, dict):
            continue
        found: list[Field] = []
        _flatten_spec(((response.get("body") or {}).get("fields") or []), "", "response", objects, found, ())
        for f in found:
            if f.path not in seen:
                seen.add(f.path)
                out.append(f)
    return out


def _raw(f: dict[str, Any]) -> str:
    ref = f.get("items") or f.get("object") or f.get("values")
    return f"{f.get('type')}({ref})" if ref else str(f.get("type"))


def _flatten_spec(
    rows: Any, prefix: str, loc: str, objects: dict[str, Any], out: list[Field], ancestors: tuple[str, ...]
) -> None:
    if not isinstance(rows, list):
        return
    for row in rows:
        if not isinstance(row, dict) or "name" not in row:
            continue
        path = prefix + str(row["name"])
        type_name = str(row.get("type"))
        ref = {"Array": row.get("items"), "Map": row.get("values"), "Object": row.get("object")}.get(type_name)
        out.append(Field(loc, path, spec_canonical(type_name, ref, objects), bool(row.get("required")), _raw(row)))
        suffix = {"Array": "[]", "Map": "{}"}.get(type_name, "")
        target = ref
        if isinstance(target, str) and target in objects and target not in ancestors and len(ancestors) < 12:
            table = objects[target]
            fields = table.get("fields") if isinstance(table, dict) else None
            _flatten_spec(fields, f"{path}{suffix}.", loc, objects, out, (*ancestors, target))


# ---------------------------------------------------------------- pages and the importer


@dataclass
class Page:
    service: str
    stem: str
    file: Path | None  # the page itself, where it can be read
    method: str | None = None
    route: str | None = None
    api_explorer: str | None = None

    def text(self) -> str | None:
        """The page's text with Markdown escapes removed, to tell which SDK fields it mentions."""
        if self.file is None or not self.file.is_file():
            return None
        raw = self.file.read_bytes()
        text = raw.decode("utf-16") if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else raw.decode("utf-8", "replace")
        return text.replace("\\", "")


def load_index(candidates: Sequence[Path]) -> tuple[dict[tuple[str, str], dict[str, Any]], Path | None]:
    """index.json by (service, page stem), and the directory it is in (which holds the pages)."""
    for candidate in candidates:
        if candidate.is_file():
            raw = json.loads(candidate.read_text("utf-8"))
            return {(k.split("/", 1)[0], Path(k).stem): {**v, "file": k} for k, v in raw.items()}, candidate.parent
    return {}, None


def page_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES and p.stem.upper() not in ("README", "LICENSE")
    )


def service_dirs(pages_dir: Path, services: Sequence[str]) -> dict[str, Path]:
    """{service: directory of its pages}: the subdirectories of PAGES_DIR, or PAGES_DIR itself (one service)."""
    found = {d.name: d for d in sorted(pages_dir.iterdir()) if d.is_dir() and page_files(d)}
    if found:
        return {s: d for s, d in found.items() if not services or s in services}
    if not page_files(pages_dir):
        return {}
    if len(services) > 1:
        raise SystemExit(f"{pages_dir} holds the pages of one service: give one --service")
    return {services[0] if services else pages_dir.name: pages_dir}


@dataclass
class ImportRun:
    errors: dict[str, str] = field(default_factory=dict)  # page stem -> first error reported against the page
    spec_errors: list[str] = field(default_factory=list)  # errors against specs not written (no page named)
    specs: dict[str, str] = field(default_factory=dict)  # page stem -> spec file name
    failed: set[str] = field(default_factory=set)  # page stems reported "not imported"
    crashed: str | None = None
    seconds: float = 0.0


def _import(service: str, pages: list[Path], specs_dir: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "import", *(str(p.resolve()) for p in pages), "--service", service]
    command += ["--specs", str(specs_dir.resolve())]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=1800, check=False)


def _relative(output: str, specs_dir: Path) -> str:
    """The importer's output with the (temporary) spec directory left out of its paths."""
    root = str(specs_dir.resolve())
    return output.replace(root + "/", "").replace(root, "SPECS")


def run_import(service: str, pages: list[Path], specs_dir: Path, diagnose: bool = False) -> ImportRun:
    """All pages of a service in one `python -m generator import` call; with `diagnose`, each page that failed
    without an error naming it (its would-be spec was invalid) is imported again alone to learn why."""
    started = time.perf_counter()
    done = _import(service, pages, specs_dir)
    run = ImportRun()
    page_paths = {p.resolve(): p.stem for p in pages}
    for line in _relative(done.stderr, specs_dir).splitlines():
        if m := _FINDING.match(line):
            stem = page_paths.get((ROOT / m["path"]).resolve())
            if stem is None:
                run.spec_errors.append(m["message"])
            else:
                run.errors.setdefault(stem, m["message"])
        elif m := _DONE.match(line):
            run.specs[Path(m["page"]).stem] = Path(m["spec"]).name
        elif line.endswith(": not imported"):
            run.failed.add(Path(line.removesuffix(": not imported")).stem)
    if done.returncode not in (0, 1) or "Traceback (most recent call last)" in done.stderr:
        last = [line for line in done.stderr.splitlines() if line.strip()]
        run.crashed = f"exit {done.returncode}: {last[-1] if last else 'no output'}"
    unexplained = sorted(run.failed - set(run.errors))
    if diagnose and unexplained and run.crashed is None:
        by_stem = {p.stem: p for p in pages}

        def alone(stem: str) -> tuple[str, str | None]:
            with tempfile.TemporaryDirectory(prefix="compare-sdk-page-") as tmp:
                lines = _relative(_import(service, [by_stem[stem]], Path(tmp)).stderr, Path(tmp)).splitlines()
            return stem, next((m["message"] for line in lines if (m := _FINDING.match(line))), None)

        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            for stem, message in pool.map(alone, unexplained):
                if message:
                    run.errors[stem] = "spec invalid: " + message
    run.seconds = time.perf_counter() - started
    return run


# ---------------------------------------------------------------- comparing


@dataclass
class PageResult:
    service: str
    page: str
    api_explorer: str | None
    index_route: str | None
    spec: str | None = None
    spec_route: str | None = None
    sdk: str | None = None  # v3.CreateDataImage
    sdk_known: bool = False  # the index route has an SDK operation
    note: str = ""
    import_error: str | None = None
    sdk_fields: int = 0
    spec_fields: int = 0
    found: int = 0
    type_compared: int = 0
    type_agree: int = 0
    required_compared: int = 0
    required_agree: int = 0
    by_loc: dict[str, list[int]] = field(default_factory=dict)  # loc -> [sdk, spec, found]
    missing: list[str] = field(default_factory=list)  # SDK fields the page mentions, not in the spec
    off_page: list[str] = field(default_factory=list)  # SDK fields not in the spec that the page never names
    extra: list[str] = field(default_factory=list)
    type_mismatches: list[str] = field(default_factory=list)
    required_mismatches: list[str] = field(default_factory=list)
    not_compared: list[str] = field(default_factory=list)


class SdkIndex:
    def __init__(self, operations: list[SdkOperation]) -> None:
        self.by_route: dict[tuple[str, str], list[SdkOperation]] = {}
        for op in operations:
            self.by_route.setdefault(route_key(op.method, op.route), []).append(op)

    def find(self, method: str, path: str, explorer: str | None, stem: str) -> tuple[SdkOperation | None, str]:
        candidates = self.by_route.get(route_key(method, path), [])
        if not candidates:
            return None, ""
        if len(candidates) == 1:
            return candidates[0], ""
        names = ", ".join(f"{c.version}.{c.name}" for c in candidates)
        for want in (explorer, _stem_name(stem)):
            chosen = [c for c in candidates if want and c.name.lower() == want.lower().replace("_", "")]
            if chosen:
                return max(chosen, key=lambda c: c.version), f"route shared by {names}"
        chosen_op = max(candidates, key=lambda c: (c.version, c.name))
        return (
            chosen_op,
            f"route shared by {names}; none named like the page, took {chosen_op.version}.{chosen_op.name}",
        )


def _stem_name(stem: str) -> str:
    """The operation name in a page's file name (`012_CreateTopic` -> `CreateTopic`)."""
    head, _, rest = stem.partition("_")
    return rest if head.isdigit() else stem


def _mentions(text: str, label: str) -> bool:
    """Whether a page names the field and each object it is nested in (every part of its dotted path) as words."""
    loc, _, path = label.partition(":")
    for part in path.split("."):
        name = part.replace("[]", "").replace("{}", "")
        pattern = r"(?<![A-Za-z0-9_-])" + re.escape(name) + r"(?![A-Za-z0-9_])"
        if name and re.search(pattern, text, re.IGNORECASE if loc == "header" else 0) is None:
            return False
    return True


def compare_fields(result: PageResult, op: SdkOperation, spec: Spec, page_text: str | None = None) -> None:
    sdk = list(op.fields)
    mine = spec_fields(spec)
    # Path parameters by position: the page may name a placeholder differently from the SDK.
    spec_places, sdk_places = placeholders(spec.path), placeholders(op.route)
    rename = dict(zip(spec_places, sdk_places, strict=False)) if len(spec_places) == len(sdk_places) else {}
    renamed = [f"{a}->{b}" for a, b in rename.items() if a != b]
    if renamed:
        result.not_compared.append("path parameters named differently: " + ", ".join(renamed))
    for f in mine:
        if f.loc == "path":
            f.path = rename.get(f.path, f.path)
    if op.request_body in ("array", "scalar", "stream"):
        result.not_compared.append(f"SDK request body is {op.request_body}: body fields not compared")
        mine = [f for f in mine if f.loc != "body"]
    if op.response_body in ("array", "scalar", "stream"):
        result.not_compared.append(f"SDK response body is {op.response_body}: response fields not compared")
        mine = [f for f in mine if f.loc != "response"]
    if op.response_headers:
        result.not_compared.append("SDK response headers (no spec key for them): " + ", ".join(op.response_headers))
    sdk_by = {(f.loc, f.path): f for f in sdk}
    mine_by: dict[tuple[str, str], Field] = {}
    for f in mine:
        mine_by.setdefault((f.loc, f.path), f)
    result.sdk_fields, result.spec_fields = len(sdk_by), len(mine_by)
    for key in sorted(set(sdk_by) | set(mine_by)):
        counts = result.by_loc.setdefault(key[0], [0, 0, 0])
        theirs, ours = sdk_by.get(key), mine_by.get(key)
        counts[0] += theirs is not None
        counts[1] += ours is not None
        label = f"{key[0]}:{key[1]}"
        if theirs is None and ours is not None:
            result.extra.append(label)
            continue
        if ours is None and theirs is not None:
            if page_text is not None and not _mentions(page_text, label):
                result.off_page.append(label)
            else:
                result.missing.append(label)
            continue
        assert theirs is not None and ours is not None
        counts[2] += 1
        result.found += 1
        result.type_compared += 1
        if types_agree(ours.type, theirs.type):
            result.type_agree += 1
        else:
            result.type_mismatches.append(f"{label} spec {ours.raw} vs SDK {theirs.raw}")
        # Required flags: known for parameters and request bodies; an SDK response model marks nothing required.
        if key[0] != "response" and theirs.required is not None:
            result.required_compared += 1
            if ours.required == theirs.required:
                result.required_agree += 1
            else:
                flag = "required" if ours.required else "optional"
                result.required_mismatches.append(
                    f"{label} spec {flag}, SDK {'required' if theirs.required else 'optional'}"
                )


def compare_service(
    service: str,
    pages: list[Page],
    specs: list[Spec],
    operations: list[SdkOperation],
    run: ImportRun | None,
) -> tuple[list[PageResult], list[PageResult]]:
    """Results per page, and per spec that belongs to no page."""
    index = SdkIndex(operations)
    by_name = {s.file.name: s for s in specs}
    by_page: dict[str, Spec] = {}
    for s in specs:
        if s.page:
            by_page.setdefault(s.page, s)
    # Specs whose source names no page of the index (hand-written, or a URL as source) may stand for a page
    # with their method and route; a spec that names its page stands for that page only.
    stems = {page.stem for page in pages}
    by_route = {route_key(s.method, s.path): s for s in reversed(specs) if s.page not in stems}
    used: set[str] = set()
    results: list[PageResult] = []
    for page in pages:
        r = PageResult(service, page.stem, page.api_explorer, f"{page.method} {page.route}" if page.route else None)
        if page.method and page.route:
            r.sdk_known = index.find(page.method, page.route, page.api_explorer, page.stem)[0] is not None
        spec = None
        if run is not None and page.stem in run.specs:
            spec = by_name.get(run.specs[page.stem])
        elif run is None or page.stem not in run.failed | set(run.errors):
            # Without the importer's word (a spec tree given, or output it did not name): the spec that names
            # the page as its source, else a spec of no page with the page's method and route.
            spec = by_page.get(page.stem)
            if spec is None and page.method and page.route:
                spec = by_route.get(route_key(page.method, page.route))
        if spec is None:
            if run is not None:
                fallback = "its spec was invalid (see the error messages; --diagnose names them per page)"
                if page.stem not in run.failed:
                    fallback = "no spec written, no error printed"
                r.import_error = run.crashed or run.errors.get(page.stem, fallback)
            results.append(r)
            continue
        used.add(spec.file.name)
        r.spec, r.spec_route = spec.file.name, f"{spec.method} {spec.path}"
        if page.route and route_key(spec.method, spec.path) != route_key(page.method or "", page.route):
            r.note = f"route differs from the page's ({page.method} {page.route})"
        op, why = index.find(spec.method, spec.path, page.api_explorer, page.stem)
        if op is None:
            r.note = r.note or "no SDK operation has this method and route"
        else:
            r.sdk = f"{op.version}.{op.name}"
            r.note = "; ".join(n for n in (r.note, why) if n)
            compare_fields(r, op, spec, page.text())
        results.append(r)
    orphans: list[PageResult] = []
    for spec in specs:
        if spec.file.name in used:
            continue
        r = PageResult(service, f"(spec {spec.file.name})", None, None, spec.file.name, f"{spec.method} {spec.path}")
        op, why = index.find(spec.method, spec.path, None, spec.file.stem)
        if op is not None:
            r.sdk, r.note = f"{op.version}.{op.name}", why
            compare_fields(r, op, spec)
        else:
            r.note = "no SDK operation has this method and route"
        orphans.append(r)
    return results, orphans


# ---------------------------------------------------------------- totals and reports


@dataclass
class Totals:
    pages: int = 0
    imported: int = 0
    sdk_known: int = 0
    matched: int = 0
    sdk_fields: int = 0
    spec_fields: int = 0
    found: int = 0
    off_page: int = 0
    type_compared: int = 0
    type_agree: int = 0
    required_compared: int = 0
    required_agree: int = 0
    by_loc: dict[str, list[int]] = field(default_factory=dict)

    def add(self, r: PageResult, is_page: bool = True) -> None:
        self.pages += is_page
        self.imported += is_page and r.spec is not None
        self.sdk_known += is_page and r.sdk_known
        self.matched += is_page and r.sdk is not None
        for name in ("sdk_fields", "spec_fields", "found", "type_compared", "type_agree"):
            setattr(self, name, getattr(self, name) + getattr(r, name))
        self.off_page += len(r.off_page)
        self.required_compared += r.required_compared
        self.required_agree += r.required_agree
        for loc, counts in r.by_loc.items():
            mine = self.by_loc.setdefault(loc, [0, 0, 0])
            for i in range(3):
                mine[i] += counts[i]

    def figures(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "imported": self.imported,
            "sdk_known": self.sdk_known,
            "matched": self.matched,
            "sdk_fields": self.sdk_fields,
            "spec_fields": self.spec_fields,
            "found": self.found,
            "recall": _ratio(self.found, self.sdk_fields),
            "off_page": self.off_page,
            "recall_on_page": _ratio(self.found, self.sdk_fields - self.off_page),
            "precision": _ratio(self.found, self.spec_fields),
            "type_agreement": _ratio(self.type_agree, self.type_compared),
            "required_agreement": _ratio(self.required_agree, self.required_compared),
            "required_compared": self.required_compared,
            "by_location": {
                loc: {
                    "sdk": c[0],
                    "spec": c[1],
                    "found": c[2],
                    "recall": _ratio(c[2], c[0]),
                    "precision": _ratio(c[2], c[1]),
                }
                for loc, c in sorted(self.by_loc.items())
            },
        }


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


COLUMNS = [
    ("service", "service"),
    ("pages", "pages"),
    ("imported", "imported"),
    ("sdk_known", "in SDK"),
    ("matched", "matched"),
    ("sdk_fields", "SDK fields"),
    ("spec_fields", "spec fields"),
    ("found", "found"),
    ("recall", "recall"),
    ("recall_on_page", "recall on page"),
    ("precision", "precision"),
    ("type_agreement", "type agree"),
    ("required_agreement", "required agree"),
]


def _rows(report: dict[str, Any]) -> list[list[str]]:
    rows = []
    for name, figures in [*report["services"].items(), ("all", report["overall"])]:
        row = [name]
        for key, _ in COLUMNS[1:]:
            value = figures[key]
            row.append(
                _pct(value)
                if key in ("recall", "recall_on_page", "precision", "type_agreement", "required_agreement")
                else str(value)
            )
        rows.append(row)
    return rows


def render_text(report: dict[str, Any], worst: int) -> str:
    lines = [report["title"], ""]
    header = [label for _, label in COLUMNS]
    rows = _rows(report)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        lines.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True)))
        )
    lines += ["", "by location (all services): SDK fields / spec fields / found, recall, precision"]
    for loc, c in report["overall"]["by_location"].items():
        lines.append(
            f"  {loc:<9} {c['sdk']:>6} {c['spec']:>6} {c['found']:>6}"
            f"  {_pct(c['recall']):>6}  {_pct(c['precision']):>6}"
        )
    lines += ["", *(f"note: {n}" for n in report["notes"])]
    failures = report["import_failures"]
    if failures:
        lines += ["", "import failures, by message (pages):"]
        lines += [f"  {n:>4}  {m}" for m, n in failures]
    if report["spec_errors"]:
        lines += ["", "errors in the specs the importer made but did not write, by message (occurrences):"]
        lines += [f"  {n:>4}  {m}" for m, n in report["spec_errors"]]
    pages = [p for p in report["pages"] if p["sdk"] is not None]
    pages.sort(key=lambda p: (-(len(p["missing"]) + len(p["extra"])), p["service"], p["page"]))
    if pages and worst:
        lines += [
            "",
            f"worst matched pages (most missing + extra fields; missing: the page names the field), "
            f"top {min(worst, len(pages))}:",
        ]
        for p in pages[:worst]:
            lines.append(
                f"  {p['service']}/{p['page']} -> {p['sdk']} ({p['spec']}): "
                f"{len(p['missing'])} missing, {len(p['extra'])} extra of {p['sdk_fields']} SDK fields"
                f" ({len(p['off_page'])} more SDK fields the page does not name)"
            )
            for label, items in (
                ("missing", p["missing"]),
                ("extra", p["extra"]),
                ("type", p["type_mismatches"]),
                ("required", p["required_mismatches"]),
            ):
                if items:
                    more = f" (+{len(items) - 5} more)" if len(items) > 5 else ""
                    lines.append(f"      {label}: {'; '.join(items[:5])}{more}")
            if p["note"]:
                lines.append(f"      note: {p['note']}")
    unmatched = [p for p in report["pages"] if p["spec"] is not None and p["sdk"] is None]
    if unmatched and worst > 0:
        lines += ["", f"imported but not matched to an SDK operation ({len(unmatched)}):"]
        for p in unmatched[: 2 * worst]:
            lines.append(f"  {p['service']}/{p['page']}: {p['spec_route']}: {p['note']}")
        if len(unmatched) > 2 * worst:
            lines.append(f"  (+{len(unmatched) - 2 * worst} more: --format json lists every page)")
    return "\n".join(lines) + "\n"


def render_markdown(report: dict[str, Any]) -> str:
    header = [label for _, label in COLUMNS]
    lines = [f"## {report['title']}", "", "| " + " | ".join(header) + " |"]
    lines.append("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
    lines += ["| " + " | ".join(r) + " |" for r in _rows(report)]
    lines += [
        "",
        "| location | SDK fields | spec fields | found | recall | precision |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for loc, c in report["overall"]["by_location"].items():
        lines.append(
            f"| {loc} | {c['sdk']} | {c['spec']} | {c['found']} | {_pct(c['recall'])} | {_pct(c['precision'])} |"
        )
    lines += ["", *(f"- {n}" for n in report["notes"])]
    return "\n".join(lines) + "\n"


def build_report(
    results: list[PageResult], orphans: list[PageResult], services: list[str], title: str, spec_errors: list[str]
) -> dict[str, Any]:
    per: dict[str, Totals] = {s: Totals() for s in services}
    overall = Totals()
    for r in results:
        per[r.service].add(r)
        overall.add(r)
    for r in orphans:
        per[r.service].add(r, is_page=False)
        overall.add(r, is_page=False)
    failures = Counter(_generalise(r.import_error) for r in results if r.import_error)
    return {
        "title": title,
        "services": {s: per[s].figures() for s in services},
        "overall": overall.figures(),
        "notes": [
            "pages: pages of the service; imported: a spec exists for the page; in SDK: the page's own method and "
            "route (index.json) has an SDK operation; matched: the spec's method and route has one",
            "recall = SDK fields found in the spec (same location and wire name) / SDK fields; precision = spec fields "
            "the SDK also has / spec fields; type and required agreement among the fields found",
            "headers left out on both sides: " + ", ".join(sorted(SKIPPED_HEADERS)),
            "required flags compared for path/query/header parameters and request body fields only: the SDK's response "
            "models mark no field required",
            "project_id/domain_id path parameters are not SDK request attributes (the SDK fills them in): counted as "
            "required String path parameters of the SDK operation",
            f"{len(orphans)} spec(s) belong to no page of the index; their fields count, their pages do not",
            "the SDK is newer than the pages (index.json commit_date): an SDK field missing from the spec whose name "
            "the page never mentions is counted apart (off page); recall on page = found / (SDK fields - off page)",
        ],
        "type_table": [{"spec": a, "sdk": b, "canonical": c} for a, b, c in TYPE_TABLE],
        "import_failures": failures.most_common(12),
        "spec_errors": Counter(_generalise(m) for m in spec_errors).most_common(12),
        "pages": [asdict(r) for r in [*results, *orphans]],
    }


def _generalise(message: str | None) -> str:
    """An error message with the page's own values removed, to count failures by kind."""
    text = str(message)
    text = re.sub(r"'[^']*'", "'…'", text)
    text = re.sub(r"\"[^\"]*\"", '"…"', text)
    return re.sub(r"\d+", "N", text)[:160]


# ---------------------------------------------------------------- main


def _git_head() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    return done.stdout.strip() or "unknown"


def _sdk_root(value: str) -> None:
    if value != "auto":
        root = Path(value).resolve()
        if not root.is_dir():
            raise SystemExit(f"--sdk-root {value}: not a directory")
        sys.path.insert(0, str(root))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "specs", nargs="?", type=Path, help="spec tree (specs/<service>/*.yaml); with --import: where to import to"
    )
    parser.add_argument(
        "--service", action="append", default=[], help="service to compare (repeatable; default: all found)"
    )
    parser.add_argument("--import", dest="pages", type=Path, help="import the pages of this directory first")
    parser.add_argument(
        "--index", type=Path, help="index.json of the pages (default: beside the pages, or the shared copy)"
    )
    parser.add_argument(
        "--sdk-root", default="auto", help="directory holding the huaweicloudsdk* packages (auto: installed)"
    )
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.add_argument("--worst", type=int, default=10, help="worst pages listed in text output (default 10)")
    parser.add_argument(
        "--diagnose",
        action="store_true",
        help="with --import: import each page that failed silently alone, to name its error",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="introspect the SDK again instead of reading bench/.sdk-cache"
    )
    parser.add_argument("-o", "--output", type=Path, help="write the report to this file instead of stdout")
    args = parser.parse_args(argv)
    if args.specs is None and args.pages is None:
        parser.error("give SPECS_DIR, or --import PAGES_DIR")
    _sdk_root(args.sdk_root)
    for s in args.service:
        if s not in SERVICES and not re.fullmatch(r"[a-z0-9]+", s):
            parser.error(f"--service {s!r}: not a service name")

    index_candidates = [p for p in (args.index,) if p is not None]
    if args.pages is not None:
        index_candidates += [args.pages / "index.json", args.pages.parent / "index.json"]
    index_candidates.append(DEFAULT_PAGES / "index.json")
    index, pages_root = load_index(index_candidates)

    with tempfile.TemporaryDirectory(prefix="compare-sdk-") as tmp:
        specs_root: Path = args.specs or Path(tmp)
        runs: dict[str, ImportRun] = {}
        pages: dict[str, list[Page]] = {}
        if args.pages is not None:
            dirs = service_dirs(args.pages, args.service)
            if not dirs:
                parser.error(f"no pages found in {args.pages}")
            for service, directory in dirs.items():
                pages[service] = [_page(service, p.stem, p, index) for p in page_files(directory)]
            with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
                futures = {
                    s: pool.submit(run_import, s, page_files(d), specs_root, args.diagnose) for s, d in dirs.items()
                }
                runs = {s: f.result() for s, f in futures.items()}
            for service, run in sorted(runs.items()):
                imported = len(page_files(dirs[service])) - len(run.failed)
                sys.stderr.write(f"{service}: {imported} page(s) imported in {run.seconds:.1f} s\n")
        else:
            services = args.service or sorted(
                d.name for d in specs_root.iterdir() if d.is_dir() and list(d.glob("*.yaml"))
            )
            for service in services:
                stems = sorted(stem for (svc, stem) in index if svc == service)
                pages[service] = [
                    _page(service, stem, pages_root / index[(service, stem)]["file"] if pages_root else None, index)
                    for stem in stems
                ]
        services = sorted(pages)
        results: list[PageResult] = []
        orphans: list[PageResult] = []
        for service in services:
            try:
                operations = introspect(service, use_cache=not args.no_cache)
            except ModuleNotFoundError as exc:
                raise SystemExit(f"{exc}: pip install huaweicloudsdk{service} (or point --sdk-root at it)") from exc
            specs = load_specs(specs_root / service)
            mine, theirs = compare_service(service, pages[service], specs, operations, runs.get(service))
            results += mine
            orphans += theirs
    versions = sdk_versions(services)
    sdk = ", ".join(f"{s} {v}" for s, v in versions.items())
    source = f"--import {args.pages}" if args.pages is not None else str(args.specs)
    title = f"Specs vs Huawei's Python SDK ({sdk}); specs from {source}; hwgen {_git_head()}"
    spec_errors = [m for run in runs.values() for m in run.spec_errors]
    report = build_report(results, orphans, services, title, spec_errors)
    if args.format == "json":
        text = json.dumps(report, ensure_ascii=False, indent=1) + "\n"
    elif args.format == "markdown":
        text = render_markdown(report)
    else:
        text = render_text(report, args.worst)
    if args.output:
        args.output.write_text(text, "utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _page(service: str, stem: str, file: Path | None, index: dict[tuple[str, str], dict[str, Any]]) -> Page:
    entry = index.get((service, stem), {})
    return Page(service, stem, file, entry.get("method"), entry.get("route"), entry.get("api_explorer"))


if __name__ == "__main__":
    sys.exit(main())
