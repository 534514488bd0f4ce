"""schemathesis against the mock, driven by the generated OpenAPI document: no 5xx, and answers that conform.

Positive and negative cases per operation, sent over real HTTP to a mock on 127.0.0.1. Kept small
(a few examples per operation and mode) so that it runs in seconds; hypothesis' database is off so that
no files are written and each run is independent.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from generator.mock import MockApp, MockOptions, running
from generator.model.api import Api

from .conftest import TOKEN

# Schemathesis walks every operation of the mock: the slow tier.
pytestmark = pytest.mark.slow

DOCUMENT = Path(__file__).resolve().parents[2] / "generated" / "openapi.json"
DATA = json.loads(DOCUMENT.read_text("utf-8"))
# JSON under another media type (IMS's application/openstack-images-v2.1-json-patch) is sent as JSON
JSON_LIKE = sorted(
    media
    for item in DATA["paths"].values()
    for operation in item.values()
    if isinstance(operation, dict)
    for media in operation.get("requestBody", {}).get("content", {})
    if "json" in media.partition(";")[0] and not media.startswith("application/json")
)
if JSON_LIKE:
    schemathesis.serializer.alias(JSON_LIKE, "application/json")
schema = schemathesis.openapi.from_dict(DATA)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture(scope="module")
def mock_url(api: Api) -> Iterator[str]:
    with running(MockApp(api, MockOptions())) as url:
        yield url


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_mock_conforms_to_the_openapi_document(case: schemathesis.Case, mock_url: str) -> None:
    case.call_and_validate(base_url=mock_url, headers=TOKEN, checks=CHECKS)
