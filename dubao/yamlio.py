"""Reading the YAML files of the corpus with line numbers, so that every error
can say ``file:line: what is wrong``. Mappings come back as ``Node`` dicts that
remember the line they start on (``node.line``, 1-based).

Bad input gets a ``CorpusError`` with one clear line, never a traceback: a file
that is not UTF-8, a byte-order mark, a YAML syntax error, a file that is empty
or truncated, or one whose top level is not what the caller expects.
"""

from pathlib import Path

import yaml

from dubao.errors import CorpusError, Problem

try:  # libyaml is ~10x faster; the pure-Python loader is the fallback.
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader


class Node(dict):
    """A mapping from a YAML file that knows where it came from."""

    file: str = ""
    line: int | None = None

    def where(self, key: str | None = None) -> tuple[str, int | None]:
        """(file, line) of this mapping, or of one of its keys if known."""
        lines = getattr(self, "key_lines", {})
        return self.file, lines.get(key, self.line)

    def problem(self, message: str, key: str | None = None, hint: str = "") -> Problem:
        file, line = self.where(key)
        return Problem(file, line, message, hint)


class NodeList(list):
    """A sequence from a YAML file that knows its first line (and each item's)."""

    file: str = ""
    line: int | None = None

    def item_line(self, index: int) -> int | None:
        lines = getattr(self, "item_lines", ())
        return lines[index] if 0 <= index < len(lines) else self.line


def _loader_for(file_label: str):
    class Loader(_BaseLoader):
        pass

    def construct_mapping(loader, node, deep=False):
        loader.flatten_mapping(node)
        result = Node()
        result.file = file_label
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        # A {…} mapping: `{en: Chongqing, Sichuan}` reads as en: Chongqing plus a
        # key Sichuan with no value, so dubao.schema names such keys as slips.
        result.flow = bool(node.flow_style)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                raise CorpusError(Problem(file_label, key_node.start_mark.line + 1,
                                          f"a key must be plain text, not {type(key).__name__}"))
            if key in result:
                raise CorpusError(Problem(file_label, key_node.start_mark.line + 1,
                                          f"key {key!r} appears twice in the same mapping",
                                          "remove one of them"))
            result[key] = loader.construct_object(value_node, deep=True)
            result.key_lines[key] = value_node.start_mark.line + 1
        return result

    def construct_sequence(loader, node, deep=False):
        result = NodeList(loader.construct_object(child, deep=True) for child in node.value)
        result.file = file_label
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, construct_sequence)
    return Loader


def label(path: Path) -> str:
    """How a file is named in messages: relative to the course folder when possible."""
    from dubao.paths import COURSE_DIR

    path = Path(path)
    try:
        return str(path.resolve().relative_to(COURSE_DIR))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """The text of a UTF-8 file, or a CorpusError that says what is wrong with it."""
    name = label(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise CorpusError(Problem(name, None, "file not found")) from None
    except OSError as error:
        raise CorpusError(Problem(name, None, f"cannot be read: {error.strerror}")) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raise CorpusError(Problem(name, 1, "file starts with a byte-order mark (BOM)",
                                  "save it as UTF-8 without BOM"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise CorpusError(Problem(name, line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})",
                                  "save the file as UTF-8")) from None


def load(path: Path, expect: type | None = None):
    """Parse a YAML file; mappings become ``Node`` and sequences ``NodeList``.

    ``expect`` (dict or list) checks the top level, so a truncated or mistyped
    file is reported here rather than as a KeyError somewhere later.
    """
    name = label(path)
    text = read_text(path)
    try:
        data = yaml.load(text, Loader=_loader_for(name))  # noqa: S506 - SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        what = (error.problem or error.context or "YAML syntax error").strip()
        raise CorpusError(Problem(name, line, f"YAML syntax error: {what}",
                                  "check indentation, colons and quotes on this line")) from None
    except yaml.YAMLError as error:
        raise CorpusError(Problem(name, None, f"YAML error: {error}")) from None
    if expect is not None:
        wanted = {dict: "a mapping (key: value lines)", list: "a list (- item lines)"}[expect]
        if data is None:
            raise CorpusError(Problem(name, 1, f"file is empty; expected {wanted}"))
        if not isinstance(data, expect):
            raise CorpusError(Problem(name, 1, f"top level is {type(data).__name__}; expected {wanted}"))
    return data


def dump(data) -> str:
    """YAML text for generated files: Chinese kept readable, key order kept."""
    return yaml.dump(_plain(data), allow_unicode=True, sort_keys=False, width=1000,
                     default_flow_style=False, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))


def _plain(value):
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
