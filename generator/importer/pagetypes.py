"""The one table from a page's Type cell to the spec's types (docs/spec-format.md, "Type cells").

Pages spell types many ways: `Int32`, `Long`, `BigDecimal`, `Array of strings`,
`List<String>`, `Map<String,String>`, `Array of ImageInfo objects`, `ImageInfo object`, and in
Chinese `字符串`, `整数`, `布尔`. Each spelling maps to one canonical type (plus `format`,
`items`, `object` or `values`); a cell that matches nothing is None, and the caller reports it.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["SCALARS", "page_type"]

# Lower-cased scalar spellings → (canonical type, format).
_SCALAR: dict[str, tuple[str, str | None]] = {
    "string": ("String", None),
    "sting": ("String", None),  # a typo real pages have
    "str": ("String", None),
    "char": ("String", None),
    "text": ("String", None),
    "uuid": ("String", None),
    "date": ("String", None),
    "datetime": ("String", None),
    "timestamp": ("Long", None),
    "enum": ("String", None),
    "字符串": ("String", None),
    "integer": ("Integer", None),
    "int": ("Integer", None),
    "int32": ("Integer", "int32"),
    "integer32": ("Integer", "int32"),
    "short": ("Integer", None),
    "整数": ("Integer", None),
    "整型": ("Integer", None),
    "int64": ("Long", "int64"),
    "long": ("Long", None),
    "长整型": ("Long", None),
    "float": ("Float", None),
    "double": ("Double", None),
    "number": ("Number", None),
    "bigdecimal": ("Number", None),
    "decimal": ("Number", None),
    "数值": ("Number", None),
    "boolean": ("Boolean", None),
    "bool": ("Boolean", None),
    "布尔": ("Boolean", None),
    "布尔型": ("Boolean", None),
    "file": ("File", None),
    "文件": ("File", None),
    "object": ("Object", None),
    "json": ("Object", None),
    "jsonobject": ("Object", None),
    "对象": ("Object", None),
    "null": ("Object", None),
    "字典数据结构": ("Object", None),
    "dictionarydatastructure": ("Object", None),
    "dictionary": ("Object", None),
    "listdatastructure": ("Array", None),
    "字典": ("Object", None),
    "dict": ("Object", None),
    "array": ("Array", None),
    "list": ("Array", None),
    "数组": ("Array", None),
    "列表数据结构": ("Array", None),
    "列表": ("Array", None),
    "objects": ("Array", None),
    "map": ("Map", None),
    "jsonstring": ("String", None),
    "jsonarray": ("Array", None),
    "jsonarray对象": ("Array", None),
    "结构体": ("Object", None),
    "结构体数组": ("Array", None),
}
SCALARS = frozenset({"String", "Integer", "Long", "Float", "Double", "Number", "Boolean", "File", "Object"})
_WORD = r"[A-Za-z_][A-Za-z0-9_.]*"
# "列表数据结构\uff0c请参见表3", "Object, see Table 4": a type cell that also points to its table
_TRAILING_REFERENCE = re.compile(
    r"\s*[\uff0c,;\uff1b]?\s*(?:详情)?请?(?:参见|参考|见|see)\s*(?:表|table)\s*\d+[\u3002.]?$", re.IGNORECASE
)
# What a Type cell looks like, for readers that find rows by their shape (copied site text).


def _element(text: str) -> dict[str, str] | None:
    """An array's or map's element: a scalar type, or an object table's name."""
    text = text.strip()
    lower = text.lower().replace(" ", "")
    if lower in ("object", "objects", "对象") or re.match(r"(?:array|list)(?:of|<|\()", lower):
        return {"type": "Object"}  # "Array of objects", or a nested array: described elsewhere or free-form
    if lower in _SCALAR:
        kind, fmt = _SCALAR[lower]
        return {"type": kind, **({"format": fmt} if fmt else {})}
    if lower.endswith("s") and lower[:-1] in _SCALAR and _SCALAR[lower[:-1]][0] not in ("Object", "Array"):
        return {"type": _SCALAR[lower[:-1]][0]}
    if match := re.fullmatch(rf"({_WORD})\s*(?:参数)?结构体", text):  # "job结构体数组": of the table "job"
        return {"type": "Object", "object": match.group(1)}
    if match := re.fullmatch(rf"({_WORD})(?: objects?)?", text, re.IGNORECASE):
        word = match.group(1)
        return {"type": "Object"} if word.lower() in ("object", "objects") else {"type": "Object", "object": word}
    return None


def _of(element: dict[str, str] | None, key: str) -> dict[str, str] | None:
    if element is None:
        return None
    kind = "Array" if key == "items" else "Map"
    if element["type"] == "Object":
        return {"type": kind, key: element["object"]} if "object" in element else {"type": kind}
    return {"type": kind, key: element["type"]}


def page_type(cell: str) -> dict[str, Any] | None:
    """`Array of ExportTaskItem objects` → {type: Array, items: ExportTaskItem}; None if not a type.

    Also read: a length in the cell (`String(255)` → String, max_length 255), footnote marks
    (`List [1]`), a table reference (`表4 object`: the caller links the row by its text),
    `Array(x)` / `List(x)`, and nested generics, whose inner structure becomes `Object`.
    """
    text = " ".join(
        cell.replace("\uff1c", "<").replace("\uff1e", ">").replace("\uff08", "(").replace("\uff09", ")").split()
    )
    text = re.sub(r"\s*\[\d+\]$", "", text).lstrip("*")  # footnote marks; Go-style "*string"
    text = re.sub(r"^(?:表|Table)\s*\d+\s*", "", text, flags=re.IGNORECASE)
    text = _TRAILING_REFERENCE.sub("", text)  # the reference links the row (by its cells); the rest is the type
    if match := re.fullmatch(r"(string|str|char|varchar)\s*\(\s*(\d+)\s*\)", text, re.IGNORECASE):
        return {"type": "String", "max_length": int(match.group(2))}
    if match := re.fullmatch(r"(integer|number|string|boolean)\s*\(\s*([a-z][a-z0-9-]*)\s*\)", text, re.IGNORECASE):
        # the Kubernetes APIs' notation (CCI, CCE): `integer (int32)`, `string (date-time)`
        number = _SCALAR.get(match.group(2).lower())
        if number is not None and number[0] in ("Integer", "Long", "Float", "Double"):
            return {"type": number[0], **({"format": number[1]} if number[1] else {})}
        return {"type": _SCALAR[match.group(1).lower()][0]}
    if match := re.fullmatch(r"(?:array|list)\s*\(\s*(.+?)\s*\)", text, re.IGNORECASE):
        text = f"Array<{match.group(1)}>"
    if match := re.fullmatch(r"(array|list|set|map)\s*<(.*)>", text, re.IGNORECASE):
        inner = match.group(2)
        if "<" in inner:  # Array<Map<String,Object>>, Map<String,Map<…>>: the inner structure is free-form
            kind = "Map" if match.group(1).lower() == "map" else "Array"
            return {"type": kind, "items" if kind == "Array" else "values": "Object"}
    lower = text.lower()
    compact = lower.replace(" ", "")
    if compact in _SCALAR:
        kind, fmt = _SCALAR[compact]
        return {"type": kind, **({"format": fmt} if fmt else {})}
    if match := re.fullmatch(r"(?:array|list|set)\s*<\s*(.+?)\s*>", text, re.IGNORECASE):
        return _of(_element(match.group(1)), "items")
    if match := re.fullmatch(r"(?:array|list) of (.+?)", text, re.IGNORECASE):
        return _of(_element(match.group(1)), "items")
    if match := re.fullmatch(r"(.+?)\s*(?:\[\]|数组|列表)", text):
        return _of(_element(match.group(1)), "items")
    if match := re.fullmatch(r"map\s*<\s*[^,<>]+\s*,\s*(.+?)\s*>", text, re.IGNORECASE):
        return _of(_element(match.group(1)), "values")
    if match := re.fullmatch(rf"({_WORD})\s*(?:objects?|对象|(?:参数)?结构体)", text, re.IGNORECASE):
        return {"type": "Object", "object": match.group(1)}  # "phones参数结构体": the table "phones"
    return None
