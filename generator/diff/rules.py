"""The rule table: every change the diff reports, with its stable id, its level and where a changelog files it.

A rule's id and level are a contract: CI jobs gate on levels and ignore files name ids, so an id is
never reused for another meaning. docs/diff-rules.md lists the same table with an example per rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["RULES", "Level", "Rule", "Section", "rule"]


class Level(StrEnum):
    """How a change affects existing clients, worst first."""

    BREAKING = "breaking"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Level.BREAKING: 0, Level.WARNING: 1, Level.INFO: 2}


class Section(StrEnum):
    """The Keep-a-Changelog group of the generated package's changelog."""

    BREAKING = "Breaking"
    ADDED = "Added"
    CHANGED = "Changed"
    DEPRECATED = "Deprecated"


@dataclass(frozen=True)
class Rule:
    id: str
    level: Level
    section: Section
    title: str
    example: str  # one line, "what changed → what the diff says"


_B, _W, _I = Level.BREAKING, Level.WARNING, Level.INFO
_ADD, _CHG, _DEP, _BRK = Section.ADDED, Section.CHANGED, Section.DEPRECATED, Section.BREAKING

# (id, level, section, title, example). Breaking rules always go to the Breaking section.
_TABLE: tuple[tuple[str, Level, Section, str, str], ...] = (
    # operations and services
    ("operation-added", _I, _ADD, "an operation was added", "new specs/roma/delete_asset.yaml"),
    ("operation-removed", _B, _BRK, "an operation was removed", "specs/roma/export_asset.yaml deleted"),
    (
        "operation-renamed",
        _B,
        _BRK,
        "an operation was removed and one with the same method and path added: renamed?",
        "list_export_tasks.yaml → list_tasks.yaml, both GET /v2/{project_id}/export-tasks",
    ),
    ("operation-method-changed", _B, _BRK, "the HTTP method changed", "method: POST → PUT"),
    ("operation-path-changed", _B, _BRK, "the URI path changed", "/v2/{project_id}/tasks → /v3/{project_id}/tasks"),
    ("operation-deprecated", _W, _DEP, "the operation became deprecated", "deprecated: true added"),
    ("operation-pagination-changed", _W, _CHG, "the pagination section changed", "pagination.items: a → b"),
    (
        "operation-pagination-style-changed",
        _B,
        _BRK,
        "the list changed paging style (offset ↔ marker): its iterators take other arguments",
        "offset: offset → marker: marker",
    ),
    ("operation-waiter-changed", _W, _CHG, "the waiter's state or end values changed", "waiter.failure: [FAIL] → []"),
    ("operation-job-changed", _W, _CHG, "the job section changed", "job.id_field: job_id → id"),
    ("service-endpoint-changed", _B, _BRK, "the service's host prefix changed", "endpoint: roma → roma-v2"),
    # request
    (
        "request-content-type-changed",
        _B,
        _BRK,
        "the request body's content type changed",
        "content_type: application/json → multipart/form-data",
    ),
    (
        "request-field-required-added",
        _B,
        _BRK,
        "a required parameter or body field was added",
        "+ query `region`, required",
    ),
    ("request-field-optional-added", _I, _ADD, "an optional parameter or body field was added", "+ query `marker`"),
    ("request-field-removed", _B, _BRK, "a parameter or body field was removed", "- query `file_name`"),
    (
        "request-field-became-required",
        _B,
        _BRK,
        "an optional parameter or field became required",
        "required: true added",
    ),
    (
        "request-field-became-optional",
        _I,
        _CHG,
        "a required parameter or field became optional",
        "required: true removed",
    ),
    (
        "request-field-location-changed",
        _B,
        _BRK,
        "a parameter moved between path, query, header and body",
        "`limit`: query → header",
    ),
    ("request-field-type-changed", _B, _BRK, "a request type changed", "`limit`: Integer → String"),
    ("request-field-type-widened", _I, _CHG, "a request number type widened", "`limit`: Integer → Long"),
    ("request-field-enum-value-removed", _B, _BRK, "the server no longer accepts an enum value", "status: - FAIL"),
    ("request-field-enum-value-added", _I, _ADD, "the server accepts a new enum value", "status: + CANCELLED"),
    ("request-field-enum-introduced", _B, _BRK, "a free value became an enumeration", "enum: [ASC, DESC] added"),
    ("request-field-enum-dropped", _I, _CHG, "an enumeration became a free value", "enum removed"),
    ("request-field-range-narrowed", _B, _BRK, "a range, length or size limit narrowed", "maximum: 100 → 50"),
    ("request-field-range-widened", _I, _CHG, "a range, length or size limit widened", "maximum: 100 → 500"),
    ("request-field-pattern-changed", _W, _CHG, "the pattern a value must match changed", "pattern: ^a → ^b"),
    (
        "request-field-collection-format-changed",
        _B,
        _BRK,
        "an array parameter is sent in another collection format",
        "`id`: multi (id=a&id=b) → csv (id=a,b)",
    ),
    ("request-field-default-changed", _W, _CHG, "the default the server applies changed", "default: 20 → 50"),
    ("request-field-deprecated", _W, _DEP, "a parameter or body field became deprecated", "deprecated: true added"),
    ("request-field-became-nullable", _I, _CHG, "a body field now accepts null", "nullable: true added"),
    ("request-field-no-longer-nullable", _B, _BRK, "a body field no longer accepts null", "nullable: true removed"),
    # responses
    ("response-status-added", _W, _CHG, "an error status that may now come back", "+ 404"),
    ("response-status-removed", _I, _CHG, "an error status is no longer documented", "- 500"),
    ("response-success-status-added", _W, _CHG, "another 2xx may come back: the return type widens", "+ 204"),
    ("response-success-status-removed", _B, _BRK, "a 2xx is no longer documented: the return type narrows", "- 202"),
    ("response-error-body-changed", _W, _CHG, "an error status's documented body changed shape", "404: - `code`"),
    ("response-success-status-changed", _B, _BRK, "the success status code changed", "200 → 202"),
    ("response-became-file", _B, _BRK, "a JSON (or empty) response became a file download", "body → file"),
    ("response-became-json", _B, _BRK, "a file download became a JSON (or empty) response", "file → body"),
    ("response-field-added", _I, _ADD, "a response field was added", "+ 200 `total`"),
    ("response-field-removed", _B, _BRK, "a response field was removed", "- 200 `count`"),
    ("response-field-became-optional", _B, _BRK, "a required response field became optional", "required removed"),
    ("response-field-became-required", _I, _CHG, "an optional response field became required", "required: true"),
    ("response-field-type-changed", _B, _BRK, "a response type changed", "`count`: Integer → String"),
    ("response-field-type-widened", _W, _CHG, "a response number type widened", "`count`: Integer → Long"),
    ("response-field-type-narrowed", _I, _CHG, "a response number type narrowed", "`count`: Long → Integer"),
    ("response-field-enum-value-added", _W, _CHG, "a new enum value may come back", "status: + CANCELLED"),
    ("response-field-enum-value-removed", _I, _CHG, "an enum value no longer comes back", "status: - EXPIRED"),
    ("response-field-enum-introduced", _I, _CHG, "a free response value became an enumeration", "enum added"),
    ("response-field-enum-dropped", _W, _CHG, "a response enumeration became a free value", "enum removed"),
    ("response-field-range-widened", _W, _CHG, "a response range or length widened", "max_length: 64 → 128"),
    ("response-field-range-narrowed", _I, _CHG, "a response range or length narrowed", "max_length: 128 → 64"),
    ("response-field-deprecated", _W, _DEP, "a response field became deprecated", "deprecated: true added"),
    ("response-field-became-nullable", _W, _CHG, "a response field may now be null", "nullable: true added"),
    ("response-field-no-longer-nullable", _I, _CHG, "a response field is never null now", "nullable: true removed"),
    ("response-header-added", _I, _ADD, "a response header was documented", "+ 201 header `X-Subject-Token`"),
    ("response-header-removed", _B, _BRK, "a documented response header was removed", "- 201 header `X-Request-Id`"),
    ("response-header-type-changed", _B, _BRK, "a response header's type changed", "`X-Count`: Integer → String"),
    # the generated SDK's own surface
    ("sdk-client-renamed", _B, _BRK, "the client class was renamed", "client_class: RomaClient → RomaV2Client"),
    ("sdk-method-added", _I, _ADD, "a client method appeared (iterator, waiter, workflow)", "+ iter_list_tasks()"),
    ("sdk-method-removed", _B, _BRK, "a client method disappeared (iterator, waiter, workflow)", "- wait_for_task()"),
    ("sdk-method-renamed", _B, _BRK, "a client method was renamed", "wait_for_task() → wait_for_export_task()"),
    ("sdk-keyword-renamed", _B, _BRK, "a method's keyword argument was renamed", "python_name: type_ added"),
    ("sdk-keyword-removed", _B, _BRK, "a keyword argument disappeared, the parameter stayed", "runtime: true added"),
    ("sdk-attribute-renamed", _B, _BRK, "a model attribute was renamed", "python_name: reasons added"),
)

RULES: dict[str, Rule] = {row[0]: Rule(*row) for row in _TABLE}


def rule(rule_id: str) -> Rule:
    return RULES[rule_id]
