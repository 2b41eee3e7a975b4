"""Reading YAML with positions, and turning a msgspec error path into a file line.

PyYAML composes a node tree whose marks carry line numbers; we build the Python data from that
same tree so that any path into the data (``$.items[3].text``) can be followed back to a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 booleans: only true/false are booleans.

    YAML 1.1 turns `no`, `yes`, `on`, `off` into booleans, so `{fr: Non, en: No}` would silently
    become a boolean in English. Content is full of such words: keep them strings.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def read_yaml(path: Path) -> Any:
    """Parse one YAML file with YAML 1.2 booleans (plain values, no line tracking)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506


class YamlSyntaxError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class YamlDoc:
    """One parsed YAML document: its data, its node tree, and the line offset of the block
    inside its file (non-zero for Markdown front matter)."""

    data: Any
    node: yaml.Node | None
    offset: int = 0

    def line_of(self, node: yaml.Node | None) -> int:
        """1-based line number in the file of a node (1 when unknown)."""
        if node is None:
            return 1 + self.offset
        return node.start_mark.line + 1 + self.offset

    def duplicate_keys(self) -> list[tuple[int, str]]:
        """(line, key) of every key that appears twice in the same mapping."""
        found: list[tuple[int, str]] = []
        stack = [self.node] if self.node is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, yaml.MappingNode):
                seen: set[str] = set()
                for k, v in node.value:
                    if isinstance(k, yaml.ScalarNode):
                        if k.value in seen:
                            found.append((self.line_of(k), k.value))
                        seen.add(k.value)
                    stack.append(v)
            elif isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
        return sorted(found)

    def find(self, path: str) -> tuple[yaml.Node | None, yaml.Node | None]:
        """Follow a msgspec-style path (``$.a[2].b``) as far as it goes.

        Returns (node, parent mapping) for the deepest node reached; the parent is useful to
        point at a key rather than at its value.
        """
        node = self.node
        parent: yaml.Node | None = None
        for key, index in _PATH_TOKEN.findall(path.removeprefix("$")):
            if node is None:
                break
            if key:
                if not isinstance(node, yaml.MappingNode):
                    break
                nxt = _mapping_value(node, key)
                if nxt is None:
                    break
                parent, node = node, nxt
            elif index == "...":
                # msgspec does not name dict keys in its paths: stay on the mapping.
                break
            else:
                if not isinstance(node, yaml.SequenceNode) or int(index) >= len(node.value):
                    break
                parent, node = node, node.value[int(index)]
        return node, parent

    def line_at(self, path: str, key: str | None = None) -> int:
        """Line of the node at `path`; with `key`, the line of that key inside the mapping."""
        node, _ = self.find(path)
        if key is not None and isinstance(node, yaml.MappingNode):
            for k, _v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == key:
                    return self.line_of(k)
        return self.line_of(node)

    def key_line(self, path: str) -> int:
        """Line of the key that holds the value at `path` (same as `line_at` for list items)."""
        parts = _PATH_TOKEN.findall(path.removeprefix("$"))
        if parts and parts[-1][0]:
            parent_path = path[: path.rfind("." + parts[-1][0])]
            return self.line_at(parent_path, parts[-1][0])
        return self.line_at(path)


_PATH_TOKEN = re.compile(r"\.([^.\[\]]+)|\[(\d+|\.\.\.)\]")


def _mapping_value(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            found: yaml.Node = v
            return found
    return None


def parse_yaml(text: str, offset: int = 0) -> YamlDoc:
    """Parse one YAML document; raises YamlSyntaxError with a 1-based file line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark is not None else 1) + offset
        problem = exc.problem or exc.context or "invalid YAML"
        raise YamlSyntaxError(line, f"YAML syntax error: {problem}") from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(1 + offset, f"YAML syntax error: {exc}") from exc
    finally:
        loader.dispose()
    return YamlDoc(data=data, node=node, offset=offset)


def split_front_matter(text: str) -> tuple[str, int, str, int]:
    """Split a Markdown page into (front matter, its line offset, body, body's first line).

    Raises YamlSyntaxError when the page does not start with a `---` block.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise YamlSyntaxError(1, "a page must start with a front matter block between `---` lines")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), 1, "".join(lines[i + 1 :]), i + 2
    raise YamlSyntaxError(1, "the front matter block is not closed by a `---` line")
