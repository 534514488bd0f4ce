"""Shared fixtures: temporary spec trees built from text or copied from the real specs/."""

from __future__ import annotations

import os
import shutil
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from generator.model.naming import class_name
from generator.spec.load import SERVICE_FILE, SourceSpec, load_file

# Tests run without the local cache (.hwgen-cache), so each exercises the whole pipeline and none sees
# another's entries; tests/test_pipeline.py turns it on where the cache is what it tests.
os.environ["HWGEN_NO_CACHE"] = "1"

# Property tests: a plain `pytest` draws a twentieth of the examples so the suite stays quick; .ci/run sets
# HYPOTHESIS_PROFILE=ci for the full count (hypothesis' own default of 100; a test asking for more or
# fewer scales with the profile, as tests/test_hostile_specs.py does).
settings.register_profile("ci", max_examples=100)
settings.register_profile("dev", max_examples=5)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True, scope="session")
def _one_default_ssl_context() -> Iterator[None]:
    """Every httpx client builds an SSL context with the default CA bundle (50-80 ms: it parses some 140
    certificates), though the tests' servers speak plain HTTP: some 500 clients spent half a minute on it.
    The default context is built once and shared, as a user passing `verify=<context>` shares one; any
    other `verify` or `cert`, or a changed SSL_CERT_FILE / SSL_CERT_DIR, still builds its own."""
    import httpx._transports.default as transports

    build = transports.create_ssl_context
    built: dict[tuple[object, ...], ssl.SSLContext] = {}

    def shared(verify: Any = True, cert: Any = None, trust_env: bool = True) -> ssl.SSLContext:
        if verify is not True or cert is not None:
            return build(verify=verify, cert=cert, trust_env=trust_env)
        key = (trust_env, os.environ.get("SSL_CERT_FILE"), os.environ.get("SSL_CERT_DIR"))
        if key not in built:
            built[key] = build(verify=verify, cert=cert, trust_env=trust_env)
        return built[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(transports, "create_ssl_context", shared)
        yield


# -- spec trees (validate, load, schema, semantics, cases) ---------------------------------------

ROOT = Path(__file__).resolve().parent.parent

# The smallest spec that validates: every required key, one path parameter, one response.
MINIMAL_SPEC = """\
spec_version: 1
title: Listing Export Tasks
source:
  page: workspace_list_export_tasks.txt
  updated_on: 2026-02-10 GMT+08:00
summary: Lists export tasks.
method: GET
path: /v2/{project_id}/export-tasks
parameters:
  path:
    - name: project_id
      type: String
      required: true
      description: Project ID.
responses:
  "200":
    description: Succeeded.
"""


def service_yaml(service: str) -> str:
    """A valid _service.yaml for a service directory name."""
    endpoint = service.lower().replace("_", "-")
    return (
        "spec_version: 1\n"
        f"title: {service}\n"
        f"endpoint: {endpoint}\n"
        f"client_class: {class_name(service)}Client\n"
    )


class SpecTree:
    """A temporary project directory (the current directory during the test) with specs/ in it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.specs = root / "specs"
        self.specs.mkdir(exist_ok=True)

    def write(self, relative: str, content: str | bytes) -> Path:
        """Write a file at specs/<relative>, text as UTF-8; return its path relative to the root."""
        path = self.specs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path.relative_to(self.root)

    def service(self, service: str = "workspace", text: str | None = None) -> Path:
        return self.write(f"{service}/{SERVICE_FILE}", service_yaml(service) if text is None else text)

    def spec(
        self, text: str | bytes = MINIMAL_SPEC, name: str = "list_export_tasks.yaml", service: str = "workspace"
    ) -> Path:
        """Write an operation spec into specs/<service>/, creating a valid _service.yaml beside it."""
        if not (self.specs / service / SERVICE_FILE).exists():
            self.service(service)
        return self.write(f"{service}/{name}", text)

    def load(self, text: str | bytes = MINIMAL_SPEC, name: str = "list_export_tasks.yaml") -> SourceSpec:
        """Write a spec and load it; the test fails if it does not load."""
        loaded = load_file(self.spec(text, name))
        assert isinstance(loaded, SourceSpec), f"expected the spec to load, got: {loaded}"
        return loaded


@pytest.fixture
def spec_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SpecTree:
    """An empty project in tmp_path, made the current directory so findings print as specs/..."""
    monkeypatch.chdir(tmp_path)
    return SpecTree(tmp_path)


@pytest.fixture
def real_specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SpecTree:
    """A copy of the project's specs/, in tmp_path (the current directory), to be broken by the test."""
    shutil.copytree(ROOT / "specs", tmp_path / "specs")
    monkeypatch.chdir(tmp_path)
    return SpecTree(tmp_path)


@pytest.fixture
def minimal_spec() -> str:
    return MINIMAL_SPEC


# -- generated projects (pipeline, faults) -------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` but build by-products, by relative path: a tree to compare byte for byte."""
    from generator.incremental.write import is_by_product

    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not is_by_product(p.relative_to(root))
    }


@pytest.fixture(scope="session")
def _generated_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real specs and their generated output, made once a session: `project` hands out copies."""
    from generator.incremental import pipeline

    root = tmp_path_factory.mktemp("generated-project")
    shutil.copytree(ROOT / "specs", root / "specs")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    pipeline.generate(root / "specs", root / "generated")
    return root


@pytest.fixture
def project(tmp_path: Path, _generated_project: Path) -> Path:
    """A project with a copy of the real specs and its generated output beside them, as committed.

    A copy (file times and modes kept) of one generate per session: the tests change it freely.
    """
    shutil.copytree(_generated_project, tmp_path, dirs_exist_ok=True)
    return tmp_path
