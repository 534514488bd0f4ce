"""`python -m generator mock` as a user runs it: the printed URL, --port 0, Ctrl-C, usage and install errors."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

import generator
from generator import cli
from generator.mock.server import bind

from .conftest import SPECS


@contextmanager
def mock_process(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """The CLI in a subprocess; yields it with the URL from its first line."""
    command = [sys.executable, "-m", "generator", "mock", "--specs", str(SPECS), "--port", "0", *args]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"listening on (http://\S+)", line)
        assert found, f"no URL in {line!r}; stderr: {process.stderr.read() if process.stderr else ''}"
        yield process, found.group(1)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def test_cli_serves_on_a_free_port_and_stops_gracefully_on_ctrl_c() -> None:
    with mock_process("--stateful", "--aksk", "AK:SK") as (process, url):
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url) and not url.endswith(":0")
        response = httpx.get(f"{url}/v2/p1/export-tasks", params={"limit": 3})
        assert (response.status_code, response.json()["count"]) == (200, 25)
        signed = httpx.get(f"{url}/v5/p1/export-task/t1", headers={"Authorization": "SDK-HMAC-SHA256 nonsense"})
        assert signed.status_code == 401
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=15)
    assert process.returncode == 0
    assert "Traceback" not in err
    assert err.strip().endswith("hwgen mock: stopped")


def test_a_port_in_use_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    taken = bind("127.0.0.1", 0)
    try:
        port = taken.getsockname()[1]
        assert cli.main(["mock", "--specs", str(SPECS), "--port", str(port)]) == 1
    finally:
        taken.close()
    assert capsys.readouterr().err.startswith(f"hwgen: error: cannot listen on 127.0.0.1:{port}: ")


@pytest.mark.parametrize("flags", [["--aksk", "AKONLY"], ["--aksk", ":SK"], ["--port", "70000"], ["--port", "-1"]])
def test_usage_errors_exit_2(flags: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["mock", *flags]) == 2
    assert "hwgen mock: error:" in capsys.readouterr().err


def test_missing_server_dependencies_say_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [m for m in sys.modules if m == "generator.mock" or m.startswith(("generator.mock.", "starlette"))]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delattr(generator, "mock", raising=False)  # else `from . import mock` finds the loaded module
    monkeypatch.setitem(sys.modules, "starlette", None)  # an import of starlette now fails as if not installed
    assert cli.main(["mock", "--specs", str(SPECS)]) == 1
    err = capsys.readouterr().err  # one line, naming a command that works however hwgen was installed
    assert err == (
        "hwgen mock: error: the mock server needs starlette and uvicorn (starlette is missing):"
        " pip install 'starlette<2,>=0.40' 'uvicorn<1,>=0.30'\n"
    )


def test_invalid_specs_are_findings_not_a_server(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["mock", "--specs", "/nonexistent/specs"]) == 1
    assert "the specs directory does not exist" in capsys.readouterr().err


def test_the_other_commands_do_not_load_the_server_stack() -> None:
    code = (
        "import os, sys\n"
        "from generator import cli\n"
        f"assert cli.main(['openapi', '--specs', {str(SPECS)!r}, '-o', os.devnull]) == 0\n"
        "print(sorted(m for m in ('starlette', 'uvicorn', 'generator.mock') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.strip() == "[]"
