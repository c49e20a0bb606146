"""The one way content files are validated: each kind of file in corpus/ has a
pydantic model (beside the module that loads it) built on ``Model`` below, which
forbids unknown keys, needs every required key and takes no value of another
type (strict: ``"5"`` is not a number, ``1`` is not text). ``validate`` turns
pydantic's errors into ``Problem`` lines that name the file and the line of the
offending key, using the line numbers ``dubao.yamlio`` keeps, and says what to do.

Why pydantic models rather than JSON Schema: each model is a Python class that
sits beside the loader that uses it and hands back typed records (the loader
reads ``record.quote``, not ``node.get("quote")``), so the schema and the code
that relies on it cannot drift apart; discriminated unions say per question
type which keys it takes; strict mode refuses the coercions (``"5"`` to 5) that
hide a slip; and each error comes with a location that maps back to a line.

A YAML slip gets its own message: in a flow mapping ``{en: Chongqing, Sichuan}``
the unquoted comma makes ``Sichuan`` a key with no value and cuts the English
short, so a null-valued key the schema does not know, inside ``{…}``, is called
a stray key with the fix (quote the text).

    >>> from dubao import yamlio
    >>> class Name(Model):
    ...     zh: Text
    ...     en: Text
    >>> node = yamlio.Node(zh="重庆", en="Chongqing", Sichuan=None)
    >>> node.file, node.line, node.key_lines, node.flow = "x.yaml", 3, {}, True
    >>> print(validate(Name, node)[1][0])
    x.yaml:3: stray key 'Sichuan' with no value in a {…} mapping (an unquoted comma splits the text before it: put that text in quotes)
"""

from __future__ import annotations

import contextvars
from typing import Annotated, Any

from functools import lru_cache

from pydantic import (BaseModel, ConfigDict, PrivateAttr, StringConstraints, TypeAdapter, ValidationError,
                      model_validator)

from dubao import yamlio
from dubao.errors import CorpusError, Problem

__all__ = ["Model", "Text", "read_optional", "validate", "type_name"]

# Text that must say something: surrounding spaces are dropped, and "" or "  " is an error.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# id(node) -> the model class that read it, while one ``validate`` call runs, so
# that an unknown key can be answered with the keys that are allowed there.
_READ_BY: contextvars.ContextVar[dict | None] = contextvars.ContextVar("read_by", default=None)


class Model(BaseModel):
    """A record of a content file: unknown keys, missing keys and other types are errors.
    Each instance remembers the YAML mapping it was read from (``problem``)."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
    _node: Any = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_node(cls, data, handler):
        seen = _READ_BY.get()
        if seen is not None and isinstance(data, dict):
            seen[id(data)] = cls
        instance = handler(data)
        if hasattr(data, "file"):
            instance._node = data
        return instance

    # (yaml_file and yaml_line, not file and line: records have fields of those names)
    @property
    def yaml_file(self) -> str:
        return getattr(self._node, "file", "?")

    @property
    def yaml_line(self) -> int | None:
        return getattr(self._node, "line", None)

    def where(self, key: str | None = None) -> tuple[str, int | None]:
        if hasattr(self._node, "where"):
            return self._node.where(key)
        return self.yaml_file, self.yaml_line

    def problem(self, message: str, key: str | None = None, hint: str = "") -> Problem:
        """A problem at this record's line, or at the line of one of its keys."""
        return Problem(*self.where(key), message, hint)


def type_name(value) -> str:
    """How a value a hand edit put in the wrong place is named in a message."""
    if value is None:
        return "empty (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"text {value[:40]!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_KINDS = {"string_type": "text", "int_type": "a whole number", "float_type": "a number",
          "bool_type": "true or false", "list_type": "a list", "tuple_type": "a list",
          "dict_type": "a mapping", "model_type": "a mapping", "model_attributes_type": "a mapping",
          "date_type": "a date", "none_required": "empty", "literal_error": None}


@lru_cache(maxsize=None)
def _adapter(model) -> TypeAdapter:
    return TypeAdapter(model, config=None if _is_model(model) else ConfigDict(strict=True))


def _is_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, BaseModel)


def validate(model, data, salvage: bool = False):
    """``data`` (a ``yamlio.Node`` tree) read as ``model`` (a ``Model`` or a type
    such as ``list[Record]`` for a file that is a list): (instance, []) or
    (None, problems). With ``salvage``, the records (the outermost list items)
    that hold an error are left out and the rest is returned with the problems,
    so that one broken question does not hide a whole bank."""
    seen: dict = {}
    token = _READ_BY.set(seen)
    try:
        return _adapter(model).validate_python(data), []
    except ValidationError as error:
        errors = error.errors()
    finally:
        _READ_BY.reset(token)
    problems, bad = _problems(errors, data, seen)
    if not salvage or not bad:
        return None, problems
    try:
        return _adapter(model).validate_python(_without(data, bad, ())), problems
    except ValidationError:
        return None, problems


def read_optional(path, model, problems: list):
    """An optional corpus file read and validated as ``model`` (with salvage):
    (data, record), where ``data`` is the ``yamlio`` tree for the checks the schema
    cannot make. (None, None) when the file is absent or cannot be read at all;
    every problem found is added to ``problems``."""
    if not path.exists():
        return None, None
    try:
        data = yamlio.load(path, dict)
    except CorpusError as error:
        problems += error.problems
        return None, None
    record, found = validate(model, data, salvage=True)
    problems += found
    return data, record


def _walk(data, loc, missing: bool):
    """Follow a pydantic location through the YAML data. Returns (parent, key,
    steps, present): the mapping or list holding the faulty value and its key;
    parts of the location that are not in the data (union members, '[key]') are
    skipped. ``steps`` are the (list id, index) pairs of the list items passed."""
    parent, key, current, steps = None, None, data, []
    for number, part in enumerate(loc):
        if isinstance(current, dict) and part in current:
            steps.append((None, part))
            parent, key, current = current, part, current[part]
        elif isinstance(current, list) and type(part) is int and 0 <= part < len(current):
            steps.append((id(current), part))
            parent, key, current = current, part, current[part]
        elif missing and number == len(loc) - 1 and isinstance(current, dict):
            return current, part, steps, False  # a missing key: reported at its mapping
    return parent, key, steps, parent is not None


def _problems(errors, data, seen) -> tuple[list[Problem], set]:
    grouped: dict = {}
    for err in errors:
        parent, key, steps, present = _walk(data, err["loc"], err["type"] == "missing")
        slot = (id(parent), key, present, err["type"] == "missing", err["type"] == "extra_forbidden")
        grouped.setdefault(slot, (parent, key, steps, present, []))[4].append(err)
    problems, bad = [], set()
    for parent, key, steps, present, errs in grouped.values():
        items = [step for step in steps if step[0] is not None]
        if items:
            bad.add(items[0])
        field = next((k for _, k in reversed(steps[:-1] if present else steps) if isinstance(k, str)), None)
        problems.append(_problem(parent, key, present, errs, data, seen, field))
    # in the order of the file, as an instructor reads it
    problems = sorted(dict.fromkeys(problems), key=lambda p: (p.file, p.line or 0))
    return problems, bad


def _label(data, parent) -> str:
    """The id (or word) of the record that holds the error, to put before the message."""
    def find(node, path):
        if node is parent:
            return path
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                found = find(child, path + [child])
                if found is not None:
                    return found
        return None

    for node in reversed((find(data, [data]) or [])[1:]):  # the file's own id is in its name
        if isinstance(node, dict):
            for name in ("id", "word"):
                if isinstance(node.get(name), str):
                    return node[name] + ": "
    return ""


def _line(parent, key, present) -> tuple[str, int | None]:
    if isinstance(parent, dict) and present and hasattr(parent, "key_lines"):
        return parent.file, parent.key_lines.get(key, parent.line)
    if isinstance(parent, list) and present and hasattr(parent, "item_line"):
        return parent.file, parent.item_line(key)
    return getattr(parent, "file", "?"), getattr(parent, "line", None)


def _problem(parent, key, present, errs, data, seen, field=None) -> Problem:
    """One problem for the errors pydantic gives for one value; ``field`` is the
    key of the list holding it, when it is a list item."""
    if parent is None:  # the top level itself
        parent, key, present = data, None, False
    file, line = _line(parent, key, present)
    label = _label(data, parent)
    value = parent[key] if present and parent is not None else None
    kind, ctx = errs[0]["type"], errs[0].get("ctx") or {}
    if kind in ("union_tag_invalid", "union_tag_not_found") and isinstance(value, dict):
        # the record itself is at fault: say its id, at the line of its `type:`
        field = str(ctx.get("discriminator", "'type'")).strip("'")
        label = f"{value['id']}: " if isinstance(value.get("id"), str) else label
        if hasattr(value, "where"):
            file, line = value.where(field)
    if isinstance(parent, list):
        name = f"{field!r} item {key + 1}" if field and isinstance(key, int) else f"item {key + 1}"
    else:
        name = f"{key!r}"
    first = errs[0]
    hint = ""
    if kind == "missing":
        message = f"missing {name}"
    elif value is None and present and getattr(parent, "flow", False) and (
            kind == "extra_forbidden" or all(e["type"] in _KINDS for e in errs)):
        # a key the record does not have (or any key of a free id -> text mapping) came
        # from the comma; a key it does have was left without its value
        known = seen.get(id(parent))
        if kind == "extra_forbidden" or known is None or key not in known.model_fields:
            message = f"stray key {key!r} with no value in a {{…}} mapping"
        else:
            message = f"{name} has no value in a {{…}} mapping"
        hint = ("an unquoted comma splits the text before it: put that text in quotes"
                if message.startswith("stray") else "write its value; quote text that holds a comma")
    elif kind == "extra_forbidden":
        message = f"unknown key {key!r}"
        allowed = seen.get(id(parent))
        if allowed is not None:
            hint = "keys: " + ", ".join(sorted(allowed.model_fields))
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        field = str(ctx.get("discriminator", "'type'")).strip("'")
        tags = str(ctx.get("expected_tags", "")).replace("'", "")
        given = value.get(field) if isinstance(value, dict) else None
        message = f"unknown {field} {given!r}" if kind == "union_tag_invalid" else f"missing '{field}'"
        hint = f"use one of: {tags}"
    elif kind == "literal_error":
        what = field if isinstance(parent, list) and field else key
        message = f"unknown {what} {value!r}" if isinstance(value, str) else f"{name} is {type_name(value)}"
        hint = "use one of: " + str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")
    elif all(e["type"] in _KINDS for e in errs):
        kinds = list(dict.fromkeys(_KINDS[e["type"]] or "one of the listed words" for e in errs))
        if "a number" in kinds and "a whole number" in kinds:
            kinds.remove("a whole number")
        message = f"{name} should be {' or '.join(kinds)}, not {type_name(value)}"
    elif kind == "string_too_short":
        message = f"{name} is empty"
    elif kind == "too_short":
        message = f"{name} needs at least {ctx.get('min_length')} item(s)"
    elif kind == "too_long":
        message = f"{name} has more than {ctx.get('max_length')} item(s)"
    elif kind in ("greater_than_equal", "greater_than"):
        message = f"{name} is {type_name(value)}; it must be {ctx.get('ge', ctx.get('gt'))} or more"
    elif kind in ("less_than_equal", "less_than"):
        message = f"{name} is {type_name(value)}; it must be {ctx.get('le', ctx.get('lt'))} or less"
    elif kind == "string_pattern_mismatch":
        message = f"{name} is {type_name(value)}, which is not of the form {ctx.get('pattern')}"
    elif kind in ("value_error", "assertion_error"):
        message = str(first["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    else:
        message = f"{name}: {first['msg']}"
    return Problem(file, line, label + message, hint)


def _without(data, bad: set, path):
    """A copy of the Node tree without the list items named in ``bad`` (the
    same Node objects elsewhere, so records keep their lines)."""
    if isinstance(data, list):
        out = type(data)(_without(item, bad, path) for i, item in enumerate(data) if (id(data), i) not in bad)
        if hasattr(data, "file"):
            out.file, out.line = data.file, data.line
            out.item_lines = [n for i, n in enumerate(getattr(data, "item_lines", [])) if (id(data), i) not in bad]
        return out
    if isinstance(data, dict) and any(isinstance(v, (list, dict)) for v in data.values()):
        out = type(data)({k: _without(v, bad, path) for k, v in data.items()})
        for attr in ("file", "line", "key_lines", "flow"):
            if hasattr(data, attr):
                setattr(out, attr, getattr(data, attr))
        return out
    return data
