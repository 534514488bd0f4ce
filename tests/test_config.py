"""[tool.hwgen]: where it is found, how its paths resolve, and a finding for every bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.config import DEFAULTS, Config, find_pyproject, load_config, schema_comment
from generator.errors import SpecError

ROOT = Path(__file__).resolve().parent.parent


def _project(root: Path, table: str, *, specs: str = "specs") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.hwgen]\n{table}', "utf-8")
    (root / specs).mkdir(parents=True, exist_ok=True)
    return root


def _findings(file: Path | None = None, start: Path | None = None) -> list[str]:
    with pytest.raises(SpecError) as caught:
        load_config(file, start=start)
    return [str(f) for f in caught.value.findings]


def test_no_table_anywhere_means_the_defaults(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config == Config(None, Path("specs"), Path("generated"))
    assert config.package == ("hwcloud", "0.1.0")


def test_found_upward_and_paths_resolve_from_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _project(tmp_path / "repo", 'specs = "api"\nout = "client"\npackage_name = "acme_hw"\n', specs="api")
    deep = root / "api" / "vpc"
    deep.mkdir()
    monkeypatch.chdir(deep)
    config = load_config()
    assert config.file == root / "pyproject.toml"
    assert (config.specs.resolve(), config.out.resolve()) == (root / "api", root / "client")
    assert config.package_name == "acme_hw"
    assert config.schema.resolve() == root / DEFAULTS["schema"]


def test_a_pyproject_without_the_table_is_passed_over(tmp_path: Path) -> None:
    root = _project(tmp_path, 'package_name = "outer"\n')
    inner = root / "sub"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "inner"\n', "utf-8")
    assert find_pyproject(inner) == root / "pyproject.toml"
    assert load_config(start=inner).package_name == "outer"


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('pakage_name = "x"\n', "pyproject.toml:5:1: error: unknown key `pakage_name` in [tool.hwgen] (did you mean"),
        ('package_name = "acme-hw"\n', "error: [tool.hwgen] package_name: `acme-hw` is not an importable Python name"),
        ('package_name = "class"\n', "is not an importable Python name (use `class_`"),
        ("package_name = 3\n", "[tool.hwgen] package_name: expected a string"),
        ('package_version = "one"\n', "[tool.hwgen] package_version: 'one' is not a version pip accepts"),
        ('specs = ""\n', "[tool.hwgen] specs: expected a path"),
        ("out = []\n", "[tool.hwgen] out: expected a path"),
        ('specs = "a"\nspecs = "b"\n', "not valid TOML"),
    ],
)
def test_bad_keys_are_findings(tmp_path: Path, table: str, expected: str) -> None:
    _project(tmp_path, table)
    found = _findings(start=tmp_path)
    assert len(found) == 1 and expected in found[0], found


def test_the_hint_for_an_unimportable_name_is_an_importable_one(tmp_path: Path) -> None:
    _project(tmp_path, 'package_name = "acme-hw"\n')
    assert _findings(start=tmp_path)[0].endswith("(use `acme_hw`: letters, digits and underscores)")


def test_every_bad_key_is_reported_at_once(tmp_path: Path) -> None:
    _project(tmp_path, 'package_name = "a b"\nbogus = 1\npackage_version = "x"\n')
    lines = [f.split(": error")[0] for f in _findings(start=tmp_path)]
    assert [line.rsplit(":", 2)[1] for line in lines] == ["5", "6", "7"]


def test_an_explicit_file_must_exist_and_have_the_table(tmp_path: Path) -> None:
    assert "the configuration file does not exist" in _findings(tmp_path / "nope.toml")[0]
    (tmp_path / "other.toml").write_text("[tool.black]\n", "utf-8")
    assert "no [tool.hwgen] table" in _findings(tmp_path / "other.toml")[0]


def test_cli_defaults_come_from_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, minimal_spec: str) -> None:
    root = _project(tmp_path / "repo", 'specs = "api"\nout = "client"\npackage_name = "acme_hw"\n', specs="api")
    (root / "api" / "vpc").mkdir()
    (root / "api" / "vpc" / "_service.yaml").write_text(
        "spec_version: 1\ntitle: VPC\nendpoint: vpc\nclient_class: VpcClient\n", "utf-8"
    )
    (root / "api" / "vpc" / "list_vpcs.yaml").write_text(minimal_spec, "utf-8")
    monkeypatch.chdir(root / "api")  # from a subdirectory: the same output
    assert main(["generate"]) == 0
    assert (root / "client" / "acme_hw" / "vpc" / "_client.py").is_file()
    assert main(["check"]) == 0
    assert main(["validate"]) == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["check", "--config", str(root / "pyproject.toml")]) == 0
    assert main(["check", "--specs", str(root / "api")]) == 0  # the table above --specs


def test_cli_reports_a_bad_config_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _project(tmp_path, 'package_name = "acme-hw"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["generate"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pyproject.toml:5:1: error: [tool.hwgen] package_name")


def test_the_schema_line_points_at_the_projects_copy(tmp_path: Path) -> None:
    _project(tmp_path, 'schema = "tools/spec.schema.json"\n')
    spec = tmp_path / "specs" / "vpc" / "list_vpcs.yaml"
    assert schema_comment(spec) == "# yaml-language-server: $schema=../../tools/spec.schema.json"
    service = spec.with_name("_service.yaml")
    assert schema_comment(service).endswith("$schema=../../tools/spec.schema.json#/$defs/service")
    default = Config(None, Path("specs"), Path("generated"))
    assert schema_comment(Path("specs/vpc/x.yaml"), default) == "# yaml-language-server: $schema=../spec.schema.json"


def test_hwgens_own_specs_carry_the_line_schema_comment_writes() -> None:
    for spec in sorted((ROOT / "specs").glob("*/*.yaml")):
        assert spec.read_text("utf-8").splitlines()[0] == schema_comment(spec), spec
