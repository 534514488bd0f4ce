"""Operation names from page titles: "Exporting a Workflow" → `export_workflow`.

Huawei titles start with a gerund ("Querying", "Creating", "Obtaining"). The name keeps the
title's words in order, the gerund turned into its verb and articles dropped. English has no
rule that restores a dropped "e" from the gerund alone, so the verbs API titles use are
listed; other gerunds fall back to a spelling heuristic.
"""

from __future__ import annotations

import re

__all__ = ["operation_name", "route_name", "snake", "verb"]

# Gerund stems whose verb ends in a silent "e" (creat → create) as API titles use them.
_SILENT_E = frozenset(
    (  # noqa: SIM905 - as a list literal, 80 stems would take 80 lines
        "activat allocat analyz authoriz updat creat delet configur enabl disabl chang renam remov releas "
        "resiz restor increas decreas us clos replac sav validat generat migrat rotat terminat execut "
        "revok invok schedul manag synchroniz archiv retriev receiv issu continu pars merg purg packag "
        "stag compar describ subscrib unsubscrib initializ customiz authenticat associat disassociat "
        "duplicat escalat estimat evaluat integrat isolat locat modulat negotiat operat optimiz prepar "
        "provid reserv resolv reus scal shar stor tim trac upgrad"
    ).split()
)
# Gerunds whose final consonant was doubled (stopping → stop).
_DOUBLED = re.compile(r"([bdgklmnprt])\1$")
_KEEP_DOUBLE = frozenset(
    ["install", "uninstall", "fill", "poll", "roll", "enroll", "kill", "pull", "push", "miss", "pass", "add"]
)
_ARTICLES = frozenset({"a", "an", "the"})


def verb(word: str) -> str:
    """The verb of a gerund ("Querying" → "query", "Getting" → "get"); other words unchanged."""
    lower = word.lower()
    if not lower.endswith("ing") or len(lower) <= 5:
        return lower
    stem = lower[:-3]
    if stem in _SILENT_E:
        return stem + "e"
    if stem in _KEEP_DOUBLE:
        return stem
    if _DOUBLED.search(stem):
        return stem[:-1]
    return stem


def operation_name(title: str) -> str | None:
    """The snake_case operation name a title gives, or None when it has no usable words."""
    words = re.findall(r"[A-Za-z][A-Za-z0-9]*", title)
    if not words:
        return None
    words = [verb(words[0]), *(w.lower() for w in words[1:] if w.lower() not in _ARTICLES)]
    return "_".join(words)


def snake(camel: str) -> str:
    """An API Explorer name as Huawei's SDKs spell it in Python: `BatchStopServers` → `batch_stop_servers`."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", camel)
    return re.sub(r"_+", "_", words).lower().strip("_")


_VERBS = frozenset(
    (  # noqa: SIM905 - as a list literal, 50 verbs would take 50 lines
        "create delete update list show query get set add remove batch export import publish start stop reboot "
        "restart reset check enable disable attach detach associate disassociate upload download cancel confirm "
        "apply migrate resize rollback sync validate verify encrypt decrypt sign generate retry"
    ).split()
)
# singular route words that still name a list (GET /v1/{project_id}/baremetalservers/detail)
_LISTINGS = frozenset({"detail", "list", "all"})
_VERSION = re.compile(r"^v\d+(?:\.\d+)?$", re.IGNORECASE)


_IRREGULAR = {"aliases": "alias", "statuses": "status", "indices": "index", "buses": "bus", "data": "data"}


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _word(segment: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", segment.lower()).strip("_")


def route_name(
    method: str, path: str, body_keys: list[str] | None = None, action: str | None = None, lists: bool = False
) -> str | None:
    """A name from method and route, the way Huawei's SDKs name operations.

    `GET /v2/images` → list_images, `GET …/images/{id}` → show_image, `POST` a collection →
    create_…, `PUT`/`PATCH` → update_…, `DELETE` → delete_…; `POST …/{id}/action` takes its
    verb from the body's key (`os-stop` → stop_server), or from the value of its `action` field
    (`{"action": "delete", "tags": […]}` on `…/servers/{id}/tags/action` → delete_server_tags).
    """
    parts = [p for p in path.strip("/").split("/") if p and not _VERSION.match(p)]
    literal = [i for i, p in enumerate(parts) if not p.startswith("{")]
    if not literal:  # GET / and GET /{api_version}: the API's versions, as Huawei's SDKs name them
        return {"GET": "show_api_version" if parts else "list_api_versions"}.get(method)
    last = literal[-1]
    item = last < len(parts) - 1  # the route ends with a placeholder
    resource = _word(parts[last])
    parent = next(
        (
            _word(parts[i])
            for i in reversed(literal[:-1])
            if i + 1 < len(parts) and parts[i + 1].startswith("{") and i + 1 < last
        ),
        None,
    )
    before = parts[last - 1] if last > 0 and not parts[last - 1].startswith("{") else None
    if method == "POST" and resource in ("action", "actions") and action:
        words = (_word(action), _singular(parent) if parent else None, _word(before) if before else None)
        return "_".join(w for w in words if w)
    if method == "POST" and resource in ("action", "actions") and body_keys:
        verb = _word(re.sub(r"^os-", "", body_keys[0], flags=re.IGNORECASE))
        target = _singular(parent) if parent else None
        if target and (verb == target or verb.endswith(f"_{target}")):
            return verb  # `reverse-server-group` on …/server-groups/{id}/action names its target already
        return "_".join(w for w in (verb, target) if w) or None
    if resource in ("action", "actions") and len(literal) > 1:  # …/quickimport/action → quickimport_action
        return f"{_word(parts[literal[-2]])}_{resource}"
    if not item and before and all(word in _VERBS for word in resource.split("_")):
        # POST …/servers/{id}/nics/delete → delete_server_nics: the verb alone names nothing
        return "_".join(w for w in (resource, _singular(parent) if parent else None, _word(before)) if w)
    if not item and parent is None and resource.split("_")[0] in _VERBS:  # POST …/kms/create-key → create_key
        return resource
    noun = _singular(resource) if item or method != "GET" else resource
    # GET …/{id}/policy reads one object; a singular route word whose answer is a list (paged, or
    # a JSON array) lists
    singular = not item and not resource.endswith("s") and resource not in _LISTINGS
    one = method == "GET" and singular and not lists
    # …/instances/{id}/backups/policy: the policy of the backups, not of the instance
    owner = _word(before) if before and singular and (one or method in ("PUT", "PATCH")) else parent
    prefix = f"{_singular(owner)}_" if owner and not item else ""
    verb = {
        "GET": "show" if item or one else "list",
        "POST": "create",
        "PUT": "update",
        "PATCH": "update",
        "DELETE": "delete",
        "HEAD": "check",
    }.get(method, method.lower())
    if method == "POST" and last < len(parts) - 1:
        verb = "create"
    elif method == "POST" and parent is not None and last == len(parts) - 1 and not resource.endswith("s"):
        return f"{resource}_{_singular(parent)}"  # POST …/images/{id}/copy → copy_image
    return f"{verb}_{prefix}{noun}"
