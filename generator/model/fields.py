"""The typed model's fields: a type (TypeRef), its constraints and enumeration, a field or
parameter (Field) and an object table (Model). api.py builds operations and services on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..emit.pysource import quoted
from . import derive
from .typemap import python_type

__all__ = ["Constraints", "Direction", "EnumValue", "Field", "Location", "Model", "Scalar", "TypeRef"]

Scalar = str | int | float | bool
Location = Literal["path", "query", "header", "body", "response", "response_header", "object"]
Direction = Literal["request", "response"]


@dataclass(frozen=True)
class TypeRef:
    """A page type resolved: `Array of ExportTaskItem objects` → array of model ExportTaskItem."""

    page_type: str  # String, Integer, …, Object, Array, Map
    items: TypeRef | None = None  # Array elements, Map values
    model: str | None = None  # class name of an Object

    @property
    def label(self) -> str:
        """The type as the page writes it."""
        if self.page_type == "Array" and self.items is not None:
            inner = self.items
            return f"Array of {inner.model} objects" if inner.model else f"Array of {inner.label.lower()}s"
        if self.model:
            return f"{self.model} object"
        return self.page_type

    def python(self, literal: tuple[Scalar, ...] = (), *, argument: bool = False) -> str:
        """Python annotation; `literal` narrows a scalar (or an array's scalars) to a Literal.

        `argument` gives the looser type a method accepts: `models.X` or a plain mapping, any sequence.
        """
        if literal and self.page_type != "Array":
            values = f"Literal[{', '.join(quoted(v) if isinstance(v, str) else repr(v) for v in literal)}]"
            exact = derive.exact_type(literal)
            return f"Annotated[{values}, Exact({exact})]" if exact else values
        if self.page_type == "Array":
            inner = self.items.python(literal, argument=argument) if self.items else "Any"
            return f"Sequence[{inner}]" if argument else f"list[{inner}]"
        if self.page_type == "Map":
            inner = self.items.python(argument=argument) if self.items else "Any"
            return f"Mapping[str, {inner}]" if argument else f"dict[str, {inner}]"
        if self.page_type == "Object":
            if self.model is None:
                return "Mapping[str, Any]" if argument else "dict[str, Any]"
            return f"models.{self.model} | Mapping[str, Any]" if argument else self.model
        if self.page_type == "File":  # a path, an open binary file, bytes, or (filename, data, type)
            return "FileInput"
        return python_type(self.page_type)

    @property
    def whole_label(self) -> str:
        """A whole body of this type, in words: `a JSON array of ImagePatchOperation objects`."""
        inner = self.items.label if self.items else "any values"
        inner = f"{self.items.model} objects" if self.items and self.items.model else inner
        return f"a JSON array of {inner}" if self.page_type == "Array" else f"a JSON object mapping keys to {inner}"

    def qualified(self) -> str:
        """The annotation in a client module, which reads the models as `models.X`: `list[models.X]`."""
        if self.model:
            return f"models.{self.model}"
        if self.page_type in ("Array", "Map") and self.items is not None:
            inner = self.items.qualified()
            return f"list[{inner}]" if self.page_type == "Array" else f"dict[str, {inner}]"
        return self.python()

    @property
    def models(self) -> tuple[str, ...]:
        """Model classes this type refers to."""
        if self.model:
            return (self.model,)
        return self.items.models if self.items else ()


@dataclass(frozen=True)
class EnumValue:
    value: Scalar
    description: str | None = None


@dataclass(frozen=True)
class Constraints:
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None

    def pydantic_args(self, on_items: bool) -> list[str]:
        """Field(...) keyword arguments; scalar limits move to the items for arrays (handled by caller)."""
        args: list[str] = []
        pairs = (("ge", self.minimum), ("le", self.maximum)) if not on_items else ()
        for key, value in (*pairs, ("min_length", self.min_items), ("max_length", self.max_items)):
            if value is not None:
                args.append(f"{key}={_number(value)}")
        if not on_items:
            for key, value in (("min_length", self.min_length), ("max_length", self.max_length)):
                if value is not None:
                    args.append(f"{key}={value}")
            if self.pattern is not None:
                args.append(f"pattern={quoted(self.pattern)}")
        return args

    def describe(self) -> list[str]:
        """Human-readable facts for docs: 'range 1..100', 'length 1..64'."""
        facts = []
        for label, low, high in (
            ("value", self.minimum, self.maximum),
            ("length", self.min_length, self.max_length),
            ("items", self.min_items, self.max_items),
        ):
            if low is not None or high is not None:
                lo = _number(low) if low is not None else "…"
                hi = _number(high) if high is not None else "…"
                facts.append(f"{label} {lo}..{hi}")
        if self.pattern:
            facts.append(f"pattern `{self.pattern}`")
        return facts

    @property
    def empty(self) -> bool:
        return self == Constraints()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


@dataclass(frozen=True)
class Field:
    """A parameter, body field or response field: one table row."""

    name: str  # wire name, as on the page
    python_name: str
    location: Location
    type: TypeRef
    required: bool
    description: str
    enum: tuple[EnumValue, ...] = ()
    default: Scalar | None = None
    has_default: bool = False
    constraints: Constraints = field(default_factory=Constraints)
    note: str | None = None
    runtime: bool = False
    sensitive: bool = False
    deprecated: bool = False
    collection_format: str | None = None  # an Array parameter's: multi (repeated keys) or csv (comma-joined)
    example: Any = None  # the page's example value, where it gives one
    nullable: bool = False  # null is a value: sent when the caller passes None, and may come back

    @property
    def wire_form(self) -> str | None:
        """How an Array parameter's values are sent, as an example: `id=a&id=b` or `id=a,b`."""
        if self.collection_format is None:
            return None
        if self.collection_format == "multi":
            return f"{self.name}=a&{self.name}=b"
        return f"{self.name}=a,b" if self.location == "query" else f"{self.name}: a,b"

    @property
    def enum_values(self) -> tuple[Scalar, ...]:
        return tuple(e.value for e in self.enum)

    def annotation(self, direction: Direction) -> str:
        """Request enums are closed (Literal, validated); response enums stay open so new values parse."""
        literal = self.enum_values if direction == "request" else ()
        base = self.type.python(literal)
        return base if self.required and not self.nullable else f"{base} | None"

    def argument_annotation(self, optional: bool) -> str:
        """The client method's annotation for this argument, with the page's limits.

        The runtime validates calls against the signature, so the limits live here, as pydantic
        `Field` constraints inside `Annotated`: `Annotated[int, Field(ge=1, le=100)] | None`.
        """
        base = self.type.python(self.enum_values, argument=True)
        item = self.item_annotation()
        if item is not None:
            base = f"Sequence[{item}]"
        outer = self.constraints.pydantic_args(on_items=self.type.page_type == "Array")
        if outer:
            base = f"Annotated[{base}, Field({', '.join(outer)})]"
        return f"{base} | None" if optional or self.nullable else base

    def field_expr(self, direction: Direction) -> str:
        """Right-hand side of the pydantic field declaration."""
        # Optional values default to None, meaning "not sent": the server applies the page's default.
        default = "..." if self.required else "None"
        args = [default]
        if self.python_name != self.name:
            args.append(f'validation_alias=AliasChoices("{self.python_name}", {quoted(self.name)})')
            args.append(f"serialization_alias={quoted(self.name)}")
        if direction == "request":
            args += self.constraints.pydantic_args(on_items=self.type.page_type == "Array")
            if self.nullable:  # the runtime sends this field's None as null, when it was set
                args.append('json_schema_extra={"nullable": True}')
        if self.sensitive:
            args.append("repr=False")
        if len(args) == 1:
            return args[0]
        if not self.required:  # by keyword: pyright reads a field specifier's default only so
            args[0] = "default=None"
        return f"Field({', '.join(args)})"

    def item_annotation(self) -> str | None:
        """For a request array of constrained scalars: the Annotated element type."""
        inner = self.type.items
        if self.type.page_type != "Array" or inner is None or inner.model:
            return None
        c = self.constraints
        args = [
            f"{k}={_number(v)}"
            for k, v in (
                ("ge", c.minimum),
                ("le", c.maximum),
                ("min_length", c.min_length),
                ("max_length", c.max_length),
            )
            if v is not None
        ]
        return f"Annotated[{inner.python(self.enum_values)}, Field({', '.join(args)})]" if args else None

    def declaration(self, direction: Direction) -> str:
        """`name: annotation = Field(...)`, the whole model attribute line."""
        annotation = self.annotation(direction)
        item = self.item_annotation() if direction == "request" else None
        if item is not None:
            annotation = f"list[{item}]" + ("" if self.required else " | None")
        expr = self.field_expr(direction)
        return f"{self.python_name}: {annotation}" if expr == "..." else f"{self.python_name}: {annotation} = {expr}"

    @property
    def doc(self) -> str:
        """Description plus the facts a reader of the docstring needs."""
        parts = [self.description]
        if self.location == "response_header":
            parts.insert(0, f"The response header `{self.name}` (not part of the JSON body).")
        if self.has_default and "default" not in self.description.lower():
            parts.append(f"Default (applied by the service when omitted): {self.default!r}.")
        if self.nullable:
            parts.append(derive.nullable_note(self.required))
        if self.enum and any(e.description for e in self.enum):
            parts.append(
                "\n".join(f"- {e.value}: {e.description}" if e.description else f"- {e.value}" for e in self.enum)
            )
        return "\n\n".join(parts)


@dataclass(frozen=True)
class Model:
    """A pydantic model class: an object table, a request or a response body."""

    class_name: str
    description: str
    fields: tuple[Field, ...]
    direction: Direction
    headers: tuple[Field, ...] = ()  # response headers the client reads into the result

    @property
    def dependencies(self) -> tuple[str, ...]:
        return tuple(sorted({m for f in self.fields for m in f.type.models}))
