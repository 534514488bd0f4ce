"""The `--stateful` task store: export calls create tasks that later polls, lists and downloads see.

Everything is driven by the specs' hand-written sections, read from the typed model:

- a `job` (model.Workflow) says which operation starts a task, which field of its answer holds the
  id, which operation polls it through which parameter, and which file operation fetches the result
  through which field of the finished poll;
- a `waiter` says which field holds the state and which values end it; the state field's enum gives
  the values in between (Workspace CREATING, HSS running, ROMA RUNNING), or, when the page lists
  none, the value its example shows (DRS pending). A task reports the pending states for its first
  `pending_reads` reads, then the first success value; the download field appears only then;
- a `pagination` makes the operation a list: it pages through its tasks (seeded at start-up, and
  those that jobs polled through it create) honouring offset and limit (or, marker paging, the
  marker: the id of the last item already seen; the next marker goes where `next_marker` or
  `next_link` says, a link only while a next page exists), reports the total in its count field,
  and filters by every query parameter named like an item field (and by the waiter's `select`
  parameter).

Tasks are kept in creation order; ids are deterministic (`responses.mock_id`), so two runs with the
same requests answer with the same bytes.
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from ..model.api import Api, Field, Model, Operation, Service, Waiter, Workflow
from ..model.fields import Scalar
from .errors import MISSING_CODE, MockError, bad_request
from .responses import fit_text, mock_id, sample_fields, success_body
from .validation import Checked

__all__ = ["DEFAULT_PENDING_READS", "OUTCOME_HEADER", "Lifecycle", "TaskStore"]

DEFAULT_PENDING_READS = 2
OUTCOME_HEADER = "X-Hwgen-Job-Outcome"  # on the request that starts a job: success (the default) or failure


@dataclass
class _Task:
    id: str
    number: int
    reads: int = 0
    file_id: str | None = None
    failing: bool = False  # asked for with OUTCOME_HEADER: ends in the waiter's first failure state


@dataclass(frozen=True)
class Lifecycle:
    """The states one task passes through, read by read."""

    field: Field  # the response (or item) field holding the state
    pending: tuple[Scalar, ...]
    success: Scalar
    pending_reads: int
    failure: Scalar | None = None

    @classmethod
    def of(cls, waiter: Waiter, state: Field, example: Any, pending_reads: int) -> Lifecycle:
        terminal = {*waiter.success, *waiter.failure}
        pending = tuple(v for v in state.enum_values if v not in terminal)
        if not pending and isinstance(example, str | int | float | bool) and example not in terminal:
            pending = (example,)
        return cls(state, pending, waiter.success[0], pending_reads, waiter.failure[0] if waiter.failure else None)

    def state(self, reads: int, failing: bool = False) -> Scalar:
        if not self.pending or reads >= self.pending_reads:
            return self.failure if failing and self.failure is not None else self.success
        return self.pending[min(reads * len(self.pending) // self.pending_reads, len(self.pending) - 1)]


def _wire(fields: tuple[Field, ...] | None, python_name: str | None) -> Field | None:
    """The field (or argument) with this Python name: the model names links in Python, the wire needs pages'."""
    return next((f for f in fields or () if f.python_name == python_name), None)


def _template(op: Operation, models: Mapping[str, Model]) -> dict[str, Any]:
    """A fresh copy of the operation's documented success body."""
    ok = op.success
    body = success_body(ok, models) if ok else None
    return copy.deepcopy(body) if isinstance(body, dict) else {}


def _id_of(checked: Checked, parameter: str) -> str:
    return str(checked.path.get(parameter, checked.query.get(parameter)))


@dataclass
class _Download:
    """A file operation whose ids are those of finished tasks."""

    operation: Operation
    parameter: str  # wire name of the id parameter
    files: dict[str, _Task] = field(default_factory=dict)


@dataclass
class _Collection(ABC):
    """The tasks one operation reports on; `download` and its `download_field` when a job says how."""

    service: Service
    operation: Operation
    models: Mapping[str, Model]
    lifecycle: Lifecycle | None = None
    download: _Download | None = None
    download_field: Field | None = None
    tasks: dict[str, _Task] = field(default_factory=dict)

    def create(self, failing: bool = False) -> _Task:
        number = len(self.tasks) + 1
        task = _Task(mock_id(f"{self.service.name}.{self.operation.name}", number), number, failing=failing)
        self.tasks[task.id] = task
        return task

    def state(self, task: _Task) -> Scalar | None:
        """The task's state as it stands, without counting a read."""
        return self.lifecycle.state(task.reads, task.failing) if self.lifecycle else None

    def read(self, task: _Task) -> Scalar | None:
        """The task's state at this read; counts the read, and files the result once the task is done."""
        state = self.state(task)
        task.reads += 1
        if self.download and self.lifecycle and state == self.lifecycle.success and task.file_id is None:
            task.file_id = mock_id(f"{self.service.name}.{self.download.operation.name}", task.number)
            self.download.files[task.file_id] = task
        return state

    @abstractmethod
    def answer(self, checked: Checked) -> dict[str, Any]:
        """The body that reports this collection's tasks for the request."""


@dataclass
class _Poll(_Collection):
    """An operation that reports one task, named by `parameter`; `id_fields` echo the task's id."""

    parameter: str = ""
    id_fields: tuple[Field, ...] = ()

    def answer(self, checked: Checked) -> dict[str, Any]:
        task_id = _id_of(checked, self.parameter)
        task = self.tasks.get(task_id)
        if task is None:
            raise MockError(404, MISSING_CODE, f"parameter '{self.parameter}': no task {task_id!r}")
        body = _template(self.operation, self.models)
        for fld in self.id_fields:
            body[fld.name] = fit_text(task.id, fld)
        state = self.read(task)
        if self.lifecycle is not None:
            body[self.lifecycle.field.name] = state
        if self.download_field is not None:
            body.pop(self.download_field.name, None)
            if task.file_id is not None:
                body[self.download_field.name] = fit_text(task.file_id, self.download_field)
        return body


@dataclass
class _List(_Collection):
    """A paged list: `key` is the item field with the task id, `filters` maps query names to item fields."""

    key: Field | None = None
    filters: dict[str, str] = field(default_factory=dict)
    item_template: dict[str, Any] = field(default_factory=dict)

    def answer(self, checked: Checked) -> dict[str, Any]:
        paging = self.operation.pagination
        assert paging is not None
        limit = checked.query.get(paging.limit.name)
        if not isinstance(limit, int):
            limit = paging.limit.default if isinstance(paging.limit.default, int) else paging.page_size
        wanted = {item: checked.query[name] for name, item in self.filters.items() if name in checked.query}
        matching = [t for t in self.tasks.values() if _matches(self._item(t, self.state(t)), wanted)]
        body = _template(self.operation, self.models)
        offset = self._start(checked, matching)
        page = [self._item(task, self.read(task)) for task in matching[offset : offset + limit]]
        body[paging.items.name] = page
        if paging.count is not None:
            body[paging.count.name] = len(matching)
        if paging.marker is not None:
            last = self._marker(matching[offset + len(page) - 1]) if page else None
            _set_next(body, self.operation, checked, last if offset + len(page) < len(matching) else None, last)
        return body

    def _marker(self, task: _Task) -> str:
        return fit_text(task.id, self.key) if self.key is not None else task.id

    def _start(self, checked: Checked, tasks: list[_Task]) -> int:
        """Where the page starts: the offset, or just after the item whose id is the marker."""
        paging = self.operation.pagination
        assert paging is not None
        if paging.marker is None:
            return int(checked.query.get(paging.position.name) or 0)
        marker = checked.query.get(paging.marker.name)
        if marker is None:
            return 0
        index = next((i for i, task in enumerate(tasks) if self._marker(task) == marker), None)
        if index is None:
            raise MockError(400, MISSING_CODE, f"parameter '{paging.marker.name}': no item {marker!r}")
        return index + 1

    def _item(self, task: _Task, state: Scalar | None) -> dict[str, Any]:
        item = copy.deepcopy(self.item_template)
        if self.key is not None:
            item[self.key.name] = fit_text(task.id, self.key)
        if self.lifecycle is not None:
            item[self.lifecycle.field.name] = state
        return item


def _set_next(body: dict[str, Any], op: Operation, checked: Checked, following: str | None, last: str | None) -> None:
    """Say where the next page starts: a marker field names the page's last item on every page; a
    link is given only while a next page exists (`following`), as the services do."""
    paging = op.pagination
    assert paging is not None and paging.marker is not None
    if paging.item_marker is not None:
        return  # the items carry their ids: the last one is the next marker
    path = paging.next_marker or paging.next_link
    holder = body
    for fld in path[:-1]:
        inner = holder.get(fld.name)
        if not isinstance(inner, dict):
            inner = holder[fld.name] = {}
        holder = inner
    end = path[-1]
    if paging.next_marker:
        holder[end.name] = last
        return
    if following is None:
        holder.pop(end.name, None)
        return
    if end.type.page_type == "String":  # the next page's URL itself (Glance's `next`)
        holder[end.name] = _next_href(op, checked, following)
        return
    href = _next_href(op, checked, following)
    holder[end.name] = [{"rel": "next", "href": href}] if end.type.page_type == "Array" else {"next": href}


def _next_href(op: Operation, checked: Checked, following: str) -> str:
    """The list's URL with the next marker; relative, as the mock does not know the host it is reached by."""
    assert op.pagination is not None and op.pagination.marker is not None
    query = {k: v for k, v in checked.query.items() if not isinstance(v, list)}
    query[op.pagination.marker.name] = following
    route = op.path
    for name, value in checked.path.items():
        route = route.replace("{" + name + "}", quote(str(value), safe=""))
    return f"{route}?{urlencode(query)}"


def _matches(item: dict[str, Any], wanted: dict[str, Any]) -> bool:
    """Does the item have every wanted value (one of them, for a query array)?"""
    return all(item.get(name) in (value if isinstance(value, list) else [value]) for name, value in wanted.items())


def _list_of(service: Service, op: Operation, models: Mapping[str, Model], reads: int) -> _List:
    """A paged list from its `pagination` (and a `waiter` whose `select` finds a task among the items)."""
    paging = op.pagination
    assert paging is not None
    item_ref = paging.items.type.items
    item_fields = models[item_ref.model].fields if item_ref and item_ref.model else ()
    documented = _template(op, models).get(paging.items.name)
    first = documented[0] if isinstance(documented, list) and documented else None
    collection = _List(service, op, models)
    collection.item_template = copy.deepcopy(first) if isinstance(first, dict) else sample_fields(item_fields, models)
    names = {f.name for f in item_fields} - {paging.position.name, paging.limit.name}
    collection.filters = {p.name: p.name for p in op.by_location("query") if p.name in names}
    collection.key = paging.item_marker or next((f for f in item_fields if f.name == "id"), None)
    waiter = op.waiter
    if waiter is not None and waiter.select_key is not None:
        state = next(f for f in item_fields if f.name == waiter.state_wire)
        collection.lifecycle = Lifecycle.of(waiter, state, collection.item_template.get(state.name), reads)
        collection.key = _wire(item_fields, waiter.select_key)
        selector = _wire(op.arguments, waiter.select_parameter)
        if collection.key is not None and selector is not None:
            collection.filters[selector.name] = collection.key.name
    return collection


def _poll_of(service: Service, workflow: Workflow, models: Mapping[str, Model], reads: int) -> _Poll | None:
    """The poll of a job from its `waiter`, reporting a task by the job's `poll_parameter`."""
    poll = workflow.poll
    parameter = _wire(poll.arguments, workflow.poll_argument)
    ok = poll.success
    if poll.waiter is None or ok is None or parameter is None:
        return None
    fields = ok.fields or ()
    state = next(f for f in fields if f.name == poll.waiter.state_wire)
    example = ok.example.get(state.name) if ok.has_example and isinstance(ok.example, dict) else None
    start_id = _wire(workflow.start.success.fields if workflow.start.success else None, workflow.id_attr)
    echoed = {parameter.name, "id", *(f.name for f in (start_id,) if f is not None)}
    return _Poll(
        service,
        poll,
        models,
        Lifecycle.of(poll.waiter, state, example, reads),
        parameter=parameter.name,
        id_fields=tuple(f for f in fields if f.name in echoed),
    )


class TaskStore:
    """The state of a `--stateful` mock; `answer` returns a body for the operations it keeps, else None."""

    def __init__(self, api: Api, *, seed: int = 0, pending_reads: int = DEFAULT_PENDING_READS) -> None:
        self._collections: dict[tuple[str, str], _Collection] = {}
        self._starts: dict[tuple[str, str], tuple[_Collection, Field]] = {}
        self._downloads: dict[tuple[str, str], _Download] = {}
        for service in api.services:
            models = {m.class_name: m for m in service.models}
            lists = [_list_of(service, op, models, pending_reads) for op in service.operations if op.pagination]
            for collection in lists:
                self._collections[(service.name, collection.operation.name)] = collection
                for _ in range(seed):
                    collection.create()
            for workflow in service.workflows:
                self._link(service, workflow, models, pending_reads)

    def _link(self, service: Service, workflow: Workflow, models: Mapping[str, Model], reads: int) -> None:
        """Connect a job's start (and download) operation to the collection of its poll."""
        key = (service.name, workflow.poll.name)
        collection: _Collection | None = self._collections.get(key) or _poll_of(service, workflow, models, reads)
        start = workflow.start
        id_field = _wire(start.success.fields if start.success else None, workflow.id_attr)
        if collection is None or id_field is None:
            return
        self._collections[key] = collection
        self._starts[(service.name, start.name)] = (collection, id_field)
        target, ok = workflow.download, workflow.poll.success
        argument = _wire(target.arguments, workflow.download_argument) if target else None
        result = _wire(ok.fields, workflow.download_field) if ok else None
        if target is not None and argument is not None and result is not None:
            collection.download = _Download(target, argument.name)
            collection.download_field = result
            self._downloads[(service.name, target.name)] = collection.download

    def answer(
        self, service: Service, op: Operation, checked: Checked, outcome: str | None = None
    ) -> dict[str, Any] | None:
        """The body for `op` from the store; None when the documented answer stands; MockError 404 for
        unknown ids. `outcome` (OUTCOME_HEADER of the request that starts a job): `failure` makes the
        task end in its waiter's first failure state, to test a waiter's failure path."""
        key = (service.name, op.name)
        if key in self._starts:
            collection, id_field = self._starts[key]
            failing = _failing(outcome, collection)
            body = _template(op, collection.models)
            body[id_field.name] = fit_text(collection.create(failing).id, id_field)
            return body
        if key in self._downloads:
            download = self._downloads[key]
            file_id = _id_of(checked, download.parameter)
            if file_id not in download.files:
                raise MockError(404, MISSING_CODE, f"parameter '{download.parameter}': no file {file_id!r}")
            return None
        kept = self._collections.get(key)
        return kept.answer(checked) if kept is not None else None


def _failing(outcome: str | None, collection: _Collection) -> bool:
    if outcome is None or outcome.strip().lower() == "success":
        return False
    if outcome.strip().lower() != "failure":
        raise bad_request(f"{OUTCOME_HEADER}: {outcome!r} is neither success nor failure")
    if collection.lifecycle is None or collection.lifecycle.failure is None:
        name = collection.operation.name
        raise bad_request(f"{OUTCOME_HEADER}: failure, but the waiter of {name} documents no failure state")
    return True
