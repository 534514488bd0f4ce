"""A non-default package_name, golden: the real specs generate the committed generated/ with every
`hwcloud` (the default name) replaced by the new one, in every path and every file, and no other change.

`acme_hw` has as many letters as `hwcloud`, so black lays every line out the same way and any
difference is a place that did not honour the name.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.incremental import pipeline
from generator.incremental.write import MANIFEST, is_by_product

ROOT = Path(__file__).resolve().parent.parent
NAME = "acme_hw"


def _committed() -> dict[str, str]:
    generated = ROOT / "generated"
    return {
        p.relative_to(generated).as_posix(): p.read_text("utf-8")
        for p in sorted(generated.rglob("*"))
        if p.is_file() and not is_by_product(PurePosixPath(p.relative_to(generated).as_posix()))
    }


def test_every_file_names_the_configured_package() -> None:
    files = pipeline.produce(ROOT / "specs", (NAME, "0.1.0")).files
    expected = {
        path.replace("hwcloud/", f"{NAME}/", 1): text.replace("hwcloud", NAME)
        for path, text in _committed().items()
        if path != MANIFEST
    }
    assert sorted(files) == sorted(expected)
    different = [path for path, text in files.items() if text != expected[path]]
    assert not different, f"these files do not follow package_name: {different}"
    leftovers = [path for path, text in files.items() if "hwcloud" in text]
    assert not leftovers, f"`hwcloud` is still named in {leftovers}"
