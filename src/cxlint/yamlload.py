"""Safe YAML loading that remembers the line of every mapping key and list item.

PyYAML is imported on first use only: a run whose packs come from the plan cache and whose
configuration is not YAML never pays for it.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from cxlint.errors import PackError


class LineDict(dict):
    line = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line = 0
    item_lines: list


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise PackError("mapping keys must be plain values", line=key_node.start_mark.line + 1)
        if key in out:
            raise PackError(f"duplicate key {key!r}", line=key_node.start_mark.line + 1)
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = key_node.start_mark.line + 1
    return out


def _construct_sequence(loader, node):
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


@lru_cache(maxsize=None)
def _loader():
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc,valid-type]
        """Safe loader (SafeLoader or its C twin) with line-numbered mappings and lists."""

    Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)
    return Loader


def load_yaml(text: str, path: str) -> Any:
    """Parse YAML safely; every failure becomes an error naming ``path`` and the line."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - the loader derives from SafeLoader
    except PackError as exc:
        raise PackError(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise PackError(f"invalid YAML: {exc.problem or exc}", path, line) from None
    except yaml.YAMLError as exc:
        raise PackError(f"invalid YAML: {exc}", path) from None
    except RecursionError:
        raise PackError("invalid YAML: nested too deeply", path) from None
