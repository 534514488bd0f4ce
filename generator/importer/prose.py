"""A Description cell → the spec's description text and the facts it states.

The rule (docs/spec-format.md, "Descriptions"): keep the page's words, move stated facts into
keys. Sentences that state a range, a default or a list of values stay in the description and
also become keys; bullet lists of values and "Enumerated values:" lists become `enum` only;
Definition / Constraints / Range / Default Value blocks keep the Definition as the description,
turn facts into keys, drop "N/A" and keep any other block text as a paragraph named after its
block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .document import Line

__all__ = ["Facts", "join_units", "read_facts", "says_nothing", "typed", "units"]

_BLOCKS = {
    "definition": "Definition",
    "constraints": "Constraints",
    "range": "Range",
    "default value": "Default Value",
    "default": "Default Value",
    "参数解释": "Definition",
    "约束限制": "Constraints",
    "取值范围": "Range",
    "默认取值": "Default Value",
}
_NOTHING = {"n/a", "na", "none", "-", "不涉及", "无"}


def says_nothing(text: str) -> bool:
    """A cell or paragraph that says there is nothing: "无", "无。", "None.", "N/A", "不涉及"."""
    return text.strip().rstrip("\u3002.").lower() in _NOTHING


_TOKEN = r"[\w.:/;=*+@#$%&~^-]+"
_ENUM_MARK = re.compile(r"^(?:Enumerated values|Enumeration values|Value options|Options|枚举值)\s*[:\uff1a]?$", re.I)
# a value, then ": text" or " text"; the value may hold colons (OS::Nova::Server) but not end in one
_BULLET_VALUE = re.compile(  # ASCII: "功能说明: …" is a labelled paragraph, not a value
    r"^([\w.:/;=*+@#$%&~^-]*[\w./;=*+@#$%&~^-])\s*(?:[:\uff1a]\s*(.*)|\s+(.*))?$", re.ASCII
)
# a paragraph that introduces examples of values, not all of them ("取值示例", "Example:"); after
# "例如" ("such as") only bare values are examples: values with their meanings list the states
_EXAMPLES_LEAD = re.compile(r"(?:示例|举例|for example|e\.g\.|examples?)\s*[:\uff1a]?\s*$", re.IGNORECASE)
_SUCH_AS_LEAD = re.compile(r"(?:例如|比如|such as)\s*[:\uff1a]?\s*$", re.IGNORECASE)
# "取值为" and a quoted value, then its meaning after a comma ("表示自动全量备份")
_VALUE_SAID = re.compile(
    r"^取值(?:为|是)\s*[\"\u201c]([A-Za-z0-9_.:-]+)[\"\u201d]\s*(?:[,\uff0c:\uff1a]\s*(?:表示)?\s*(.*))?$"
)
# a Chinese meaning, then a colon and the value (AS writes "启用" then "resume")
_MEANING_FIRST = re.compile(r"^([\u4e00-\u9fff][^:\uff1a]{0,30}?)\s*[:\uff1a]\s*([A-Za-z0-9_.-]+)$")
_PROSE_ENUM = re.compile(
    r"(?:[Tt]he value (?:can be|must be|is) (?:one of )?|[Tt]he options are |[Pp]ossible values(?: are)?[:\uff1a]? |"
    r"[Vv]alid values(?: are)?[:\uff1a]? |[Vv]alue options[:\uff1a] )(.+?)(?:\.(?:\s|$)|$)"
)
_RANGES = (
    re.compile(r"ranges? from (-?\d+(?:\.\d+)?) to (-?\d+(?:\.\d+)?)( characters?)?", re.I),
    re.compile(r"[Vv]alue range\s*[:\uff1a]\s*(-?\d+(?:\.\d+)?)\s*(?:-|~|to)\s*(-?\d+(?:\.\d+)?)( characters?)?"),
    re.compile(r"between (-?\d+(?:\.\d+)?) and (-?\d+(?:\.\d+)?)( characters?)?"),
)
_LENGTHS = (
    re.compile(r"[Ll]ength\s*[:\uff1a]?\s*(\d+)\s*(?:to|-|~)\s*(\d+)(?: characters?)?"),
    re.compile(r"contains? (\d+) to (\d+) characters"),
    re.compile(r"(\d+) to (\d+) characters"),
)
_MAX_LENGTH = re.compile(r"(?:a maximum of|at most|up to|no more than) (\d+) characters", re.I)
# "Minimum value: 1", the current template's bare "Minimum: 1" and "最小值" with either colon
_MIN_VALUE = re.compile(r"(?:\b[Mm]inimum(?: value)?|最小值)\s*[:\uff1a]\s*(-?\d+(?:\.\d+)?)")
_MAX_VALUE = re.compile(r"(?:\b[Mm]aximum(?: value)?|最大值)\s*[:\uff1a]\s*(-?\d+(?:\.\d+)?)")
# the current template's bare "Minimum: 1" / "Maximum: 64" under a String: its length
_MIN_BARE = re.compile(r"\b[Mm]inimum\s*[:\uff1a]\s*(\d+)\b")
_MAX_BARE = re.compile(r"\b[Mm]aximum\s*[:\uff1a]\s*(\d+)\b")
_ITEMS = re.compile(r"(\d+) to (\d+) (?:items|elements)")
_MAX_ITEMS = re.compile(r"(?:a maximum of|at most|up to|no more than) (\d+) (?:items|elements)", re.I)
_DEFAULTS = (
    re.compile(r"[Tt]he default value (\S+) is recommended"),
    re.compile(r"[Tt]he default value (?:is|will be|of this parameter is)\s+(\S+?)[.,;]?(?:\s|$)"),
    re.compile(r"[Dd]efault(?: value)?\s*[:\uff1a]\s*(\S+?)[.,;]?(?:\s|$)"),
    re.compile(r"[Dd]efaults to (\S+?)[.,;]?(?:\s|$)"),
    re.compile(r"(?<!\S)(\S{1,64}) \(default\)"),  # from a token's start only: linear on unspaced text
)
_NUMBER_TYPES = {"Integer", "Long", "Float", "Double", "Number"}
# The same facts in Chinese pages' words. A value list needs two or more plain tokens and nothing
# else up to the sentence's end ("取值:x86、arm。"); "取值:1-50s" is no list.
_ZH_ENUM = re.compile(
    r"取值(?:为|范围为?|包括|可以是|如下)?\s*[:\uff1a]?\s*([^。\uff1b;\uff08(]+?)\s*(?:[。\uff1b;]|$)"
)
_ZH_SEPARATORS = re.compile(r"\s*(?:[、,\uff0c]|或者|或|和)\s*")  # not "/": application/json is one value
_ZH_ONLY = re.compile(r"(?:仅|只)(?:支持|能|可)(?:设置|指定)?(?:为|是)?\s*[\"“]?(true|false)\b", re.I)
_ZH_RANGES = (
    re.compile(
        r"取值范围\s*(?:为|是)?\s*[:\uff1a]?\s*\[?(-?\d+(?:\.\d+)?)\s*(?:[A-Za-z]{1,3}\s*)?[-~\uff5e,\uff0c]\s*"
        r"(-?\d+(?:\.\d+)?)\]?(?:\s*[A-Za-z]{1,3}\b)?"  # "50GB~4000GB": the unit stays in the sentence
        r"(?!\s*个字符)()"  # group 3 empty: a number range, never "characters"
    ),
)
_ZH_LENGTHS = (
    re.compile(r"长度(?:为|范围为?|是)?\s*[:\uff1a]?\s*(\d+)\s*[-~\uff5e到至]\s*(\d+)\s*(?:个)?(?:字符|字节|位)?"),
    re.compile(r"(\d+)\s*[-~\uff5e到至]\s*(\d+)\s*个字符"),
)
_ZH_MIN_LENGTH = re.compile(r"最小(?:字符)?长度\s*(?:为|是)?\s*[:\uff1a]?\s*(\d+)")
# only a stated length: "推送到短信时最多490个字符" limits one channel, not the field
_ZH_MAX_LENGTH = re.compile(r"(?:最大(?:字符)?长度|长度(?:最大|最多|不超过|上限)(?:为|是)?)\s*[:\uff1a]?\s*(\d+)")
_ZH_DEFAULTS = (
    re.compile(
        r"(?:默认值|缺省值)\s*(?:为|是)?\s*[:\uff1a]?\s*[\"“]?([A-Za-z0-9_.:/+-]+?)[\"”]?(?=[。\uff0c,\uff1b;\s\uff09)]|$)"
    ),
    re.compile(r"默认(?:为|是|取值为?)\s*[\"“]?([A-Za-z0-9_.:/+-]+?)[\"”]?(?=[。\uff0c,\uff1b;\s\uff09)]|$)"),
)


@dataclass
class Facts:
    """What a description states, ready for the spec."""

    description: str | None = None
    enum: list[Any] = field(default_factory=list)
    limits: dict[str, int | float] = field(default_factory=dict)
    default: Any = None
    note: str | None = None


def units(lines: list[Line]) -> list[str]:
    """Page lines as spec units: one paragraph per line, bullets as '- ' lines."""
    return [f"- {line.bullet_text}" if line.is_bullet else line.text for line in lines]


def join_units(parts: list[str]) -> str | None:
    """Units as spec text: a blank line between paragraphs, bullets of one list on adjacent lines."""
    text = ""
    for index, part in enumerate(parts):
        if index:
            both_bullets = part.startswith("- ") and parts[index - 1].startswith("- ")
            text += "\n" if both_bullets else "\n\n"
        text += part
    return text or None


def typed(text: str, page_type: str) -> Any:
    """A value as the page writes it, as the YAML scalar of the field's type (None if it is not one)."""
    text = text.strip().strip("\"'“”")
    if page_type in ("Integer", "Long"):
        return int(text) if re.fullmatch(r"-?\d+", text) else None
    if page_type in ("Float", "Double", "Number"):
        return float(text) if re.fullmatch(r"-?\d+(?:\.\d+)?", text) else None
    if page_type == "Boolean":
        return {"true": True, "false": False}.get(text.lower())
    return text or None


def _number(text: str) -> int | float:
    return float(text) if "." in text else int(text)


def _bullet_enum(bullet: str, page_type: str) -> Any:
    """A bullet as an enum value (`value` or `{value, description}`), or None if it is prose."""
    if len(bullet) > 2 and bullet[0] + bullet[-1] in ('""', "\u201c\u201d"):
        bullet = bullet[1:-1].strip()  # the whole bullet quoted, as Live writes its operators
    if said := _VALUE_SAID.match(bullet):  # DDS: "取值为" a quoted value, then what it means
        bullet = f"{said.group(1)}: {said.group(2)}" if said.group(2) else said.group(1)
    if meaning := _MEANING_FIRST.match(bullet):  # the meaning first, then the value
        value = typed(meaning.group(2), page_type)
        return None if value is None or isinstance(value, bool) else {"value": value, "description": meaning.group(1)}
    match = _BULLET_VALUE.match(bullet)
    if match is None or not match.group(1):
        return None
    token, after_colon, after_space = match.groups()
    if after_space and not (token.isupper() or token.lstrip("-").isdigit()):
        return None  # "If you are using ..." is prose, "ASC ascending order." is a value
    value = typed(token, page_type)
    if value is None or isinstance(value, bool):
        return None
    text = (after_colon if after_colon is not None else after_space or "").strip()
    return {"value": value, "description": text} if text else value


def _prose_enum(text: str, page_type: str) -> list[Any]:
    if page_type == "Boolean":
        only = {match.group(1).lower() for match in _ZH_ONLY.finditer(text)}
        return [only.pop() == "true"] if len(only) == 1 else []  # "仅支持true": the one value
    for match in _ZH_ENUM.finditer(text):
        items = [i for i in _ZH_SEPARATORS.split(match.group(1)) if i]
        if len(items) < 2 or not all(re.fullmatch(r"[A-Za-z0-9_.:-]+", i) for i in items):
            continue
        if len(items) == 2 and all(re.fullmatch(r"-?\d+", i) for i in items) and "范围" in match.group(0):
            continue  # 取值范围:1,100 is a range
        values = [typed(i, page_type) for i in items]
        if all(v is not None and not isinstance(v, bool) for v in values):
            return values
    for match in _PROSE_ENUM.finditer(text):
        items = [i.strip() for i in re.split(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+", match.group(1))]
        items = [i for i in items if i]
        if len(items) < 2 or not all(re.fullmatch(_TOKEN, i) for i in items):
            continue
        values = [typed(i, page_type) for i in items]
        if all(v is not None and not isinstance(v, bool) for v in values):
            return values
    return []


def _limits(text: str, page_type: str) -> dict[str, int | float]:
    found: dict[str, int | float] = {}
    if page_type == "String":
        for pattern in (*_LENGTHS, *_ZH_LENGTHS):
            if match := pattern.search(text):
                found.update(min_length=int(match.group(1)), max_length=int(match.group(2)))
                return found
        if match := _ZH_MIN_LENGTH.search(text) or _MIN_BARE.search(text):
            found["min_length"] = int(match.group(1))
        if match := _MAX_LENGTH.search(text) or _ZH_MAX_LENGTH.search(text) or _MAX_BARE.search(text):
            found["max_length"] = int(match.group(1))
        return found
    if page_type == "Array":
        if match := _ITEMS.search(text):
            found.update(min_items=int(match.group(1)), max_items=int(match.group(2)))
        elif match := _MAX_ITEMS.search(text):
            found["max_items"] = int(match.group(1))
        return found
    if page_type in _NUMBER_TYPES:
        for pattern in (*_RANGES, *_ZH_RANGES):
            if (match := pattern.search(text)) and not match.group(3):
                found.update(minimum=_number(match.group(1)), maximum=_number(match.group(2)))
                return found
        if match := _MIN_VALUE.search(text):
            found["minimum"] = _number(match.group(1))
        if match := _MAX_VALUE.search(text):
            found["maximum"] = _number(match.group(1))
    return found


def _default(text: str, page_type: str) -> tuple[Any, str | None]:
    """The stated default, typed, and the words the page used for it."""
    for pattern in (*_DEFAULTS, *_ZH_DEFAULTS):
        if match := pattern.search(text):
            raw = match.group(1).strip("\"'“”")
            if raw.lower() in _NOTHING or raw.lower() in ("the", "a", "an", "empty", "null"):
                continue
            value = typed(raw, page_type)
            if value is not None:
                return value, raw
    return None, None


def _values(enum: list[Any]) -> list[Any]:
    return [e["value"] if isinstance(e, dict) else e for e in enum]


def _merge_enum(enum: list[Any], more: list[Any]) -> None:
    """Add values to `enum`; a value it has gains the other list's description (bullets giving
    each value's meaning, then an "枚举值" list of the same values, state one enum)."""
    for item in more:
        value = item["value"] if isinstance(item, dict) else item
        known = next(
            (k for k, old in enumerate(enum) if (old["value"] if isinstance(old, dict) else old) == value), None
        )
        if known is None:
            enum.append(item)
        elif isinstance(item, dict) and not isinstance(enum[known], dict):
            enum[known] = item


def _listing(values: list[Any]) -> str:
    shown = [str(v) for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _settle_default(facts: Facts, raw: str | None) -> None:
    """A default that is none of the values but names one ("ascending" for ASC) becomes that value."""
    values = _values(facts.enum)
    if facts.default is None or not values or facts.default in values or not isinstance(facts.default, str):
        return
    wanted = facts.default.lower()
    for item in facts.enum:
        text = item.get("description", "") if isinstance(item, dict) else ""
        value = item["value"] if isinstance(item, dict) else item
        if str(value).lower() == wanted or text.lower().startswith(wanted):
            facts.default = value
            facts.note = (
                f'The page gives the default as "{raw}" while its values are {_listing(values)}; '
                f"{value} is the value that means {raw}."
            )
            return


def _scan_prose(facts: Facts, text: str, page_type: str, array: bool) -> str | None:
    """Facts stated in sentences (the sentences stay); returns the default's raw words."""
    if not facts.enum:
        facts.enum = _prose_enum(text, page_type)
    for key, value in (_limits(text, page_type) | (_limits(text, "Array") if array else {})).items():
        facts.limits.setdefault(key, value)
    if facts.default is None:
        facts.default, raw = _default(text, page_type)
        return raw
    return None


def _plain(lines: list[Line], page_type: str, array: bool) -> Facts:
    facts = Facts()
    kept: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _ENUM_MARK.match(line.text):
            j = i + 1
            while j < len(lines) and lines[j].is_bullet:
                value = _bullet_enum(lines[j].bullet_text, page_type)
                _merge_enum(facts.enum, [value if value is not None else lines[j].bullet_text])
                j += 1
            i = j
            continue
        if line.is_bullet:
            j = i
            while j < len(lines) and lines[j].is_bullet:
                j += 1
            values = [_bullet_enum(b.bullet_text, page_type) for b in lines[i:j]]
            known = _values(facts.enum)
            lead = lines[i - 1].text if i > 0 else ""
            bare = not any(isinstance(v, dict) for v in values)
            examples = _EXAMPLES_LEAD.search(lead) or (bare and _SUCH_AS_LEAD.search(lead))  # a few of many
            if (
                all(v is not None for v in values)
                and not examples
                and page_type != "Boolean"
                and (not known or all(v in known for v in _values(values)))
            ):
                _merge_enum(facts.enum, values)
            else:
                kept.extend(f"- {b.bullet_text}" for b in lines[i:j])
            i = j
            continue
        kept.append(line.text)
        i += 1
    raw = _scan_prose(facts, " ".join(k for k in kept if not k.startswith("- ")), page_type, array)
    facts.description = join_units(kept)
    _settle_default(facts, raw)
    if facts.default is None:
        facts.default = _default_among(facts.enum, page_type)
    return facts


_MARKED_DEFAULT = re.compile(r"[(\uff08](?:默认|缺省|default)[)\uff09]|^(?:默认|缺省|default)[。.]?$", re.IGNORECASE)


def _default_among(enum: list[Any], page_type: str) -> Any:
    """The default a value's own words state: "默认为no" in the text of `no`, or `yes` marked "(默认)"."""
    values = _values(enum)
    for item in enum:
        text = item.get("description", "") if isinstance(item, dict) else ""
        if _MARKED_DEFAULT.search(text):
            return item["value"]
        value, _ = _default(text, page_type)
        if value is not None and value in values:
            return value
    return None


def _blocks(lines: list[Line]) -> list[tuple[str, list[Line]]]:
    blocks: list[tuple[str, list[Line]]] = []
    for line in lines:
        heading = _BLOCKS.get(line.text.lower().rstrip(":\uff1a"))
        if heading is not None:
            blocks.append((heading, []))
        elif blocks:
            blocks[-1][1].append(line)
        else:
            blocks.append(("Definition", [line]))
    return blocks


def _headed(heading: str, parts: list[str]) -> list[str]:
    """A block's text as description units that start with the block's name."""
    if parts[0].startswith("- "):
        return [f"{heading}:", *parts]
    return [f"{heading}: {parts[0]}", *parts[1:]]


def _block_mode(lines: list[Line], page_type: str, array: bool) -> Facts:
    facts = Facts()
    definition: list[str] = []
    extra: list[str] = []
    raw: str | None = None
    for heading, body in _blocks(lines):
        parts = units(body)
        if not parts or (len(parts) == 1 and parts[0].lower().rstrip(".") in _NOTHING):
            continue
        if heading == "Definition":
            definition.extend(parts)
        elif heading == "Range":
            leftover: list[str] = []
            for line in body:
                if _ENUM_MARK.match(line.text):
                    continue
                value = _bullet_enum(line.bullet_text, page_type) if line.is_bullet else None
                limits = _limits(line.bullet_text, page_type)
                if value is not None:
                    facts.enum.append(value)
                elif limits:
                    facts.limits.update(limits)
                elif (found := _prose_enum(line.text, page_type)) and not facts.enum:
                    facts.enum = found
                else:
                    leftover.append(units([line])[0])
            if leftover:
                extra.extend(_headed("Range", leftover))
        elif heading == "Default Value":
            value, words = _default(f"Default: {body[0].text}", page_type) if len(body) == 1 else (None, None)
            token = re.match(rf"^({_TOKEN})(?:\s*[:\uff1a].*)?$", body[0].text) if len(body) == 1 else None
            if token and (value := typed(token.group(1).rstrip("."), page_type)) is not None:
                facts.default, raw = value, token.group(1).rstrip(".")
            elif value is not None:
                facts.default, raw = value, words
            else:
                extra.extend(_headed("Default Value", parts))
        else:
            extra.extend(_headed(heading, parts))
    prose_raw = _scan_prose(facts, " ".join(p for p in definition if not p.startswith("- ")), page_type, array)
    facts.description = join_units(definition + extra)
    _settle_default(facts, raw or prose_raw)
    return facts


def read_facts(lines: list[Line], page_type: str, *, array: bool = False) -> Facts:
    """The description and facts of one Description cell.

    `page_type` is the scalar type the facts are about (an array's element type); `array` also
    looks for the array's own size (min/max_items).
    """
    if lines and lines[0].text.lower().rstrip(":\uff1a") in _BLOCKS:
        return _block_mode(lines, page_type, array)
    return _plain(lines, page_type, array)
