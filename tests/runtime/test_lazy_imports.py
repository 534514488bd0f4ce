"""What importing the runtime loads: the upload machinery waits for the first call that sends a file.

In a fresh interpreter, because the suite's own process has long loaded everything.
"""

from __future__ import annotations

import subprocess
import sys

from tests.runtime.conftest import RUNTIME_DIR

_SCRIPT = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location(
    "rt", {str(RUNTIME_DIR / "__init__.py")!r}, submodule_search_locations=[{str(RUNTIME_DIR)!r}]
)
module = importlib.util.module_from_spec(spec)
sys.modules["rt"] = module
spec.loader.exec_module(module)
print("rt._upload" in sys.modules)
module.FileInput  # the annotation generated models use is there without it
print("rt._upload" in sys.modules)
from rt._request import plan_request_upload
from rt._endpoint import Endpoint
show = Endpoint(name="show", method="GET", path="/")
print(plan_request_upload(show, None, None) is None, "rt._upload" in sys.modules)
import types, pydantic
class Put(pydantic.BaseModel):
    file: bytes
put = Endpoint(name="put", method="PUT", path="/", body=(("file", "file"),), upload="binary")
plan = plan_request_upload(put, Put(file=b"data"), types.SimpleNamespace(progress=None))
print(plan.size == 4 and "rt._upload" in sys.modules)
"""


def test_the_upload_machinery_loads_with_the_first_call_that_uploads() -> None:
    done = subprocess.run([sys.executable, "-c", _SCRIPT], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False", "True", "False", "True"]
