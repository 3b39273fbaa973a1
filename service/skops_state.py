"""A skops artefact's saved state as plain values: no estimator built, no skops imported."""

# A .skops file is a zip: schema.json describes every saved object as a tree of nodes (its type,
# and its __dict__ as a dict node), and each array is a .npy file beside it. The serving path
# reads the fitted parameters straight from that tree, so that a worker never imports
# scikit-learn or skops (see service/text_hashing.py for why). This reader knows the node kinds
# a pipeline of hashed features and linear models is saved with; any other kind, or another
# protocol, raises UnreadableStateError and the caller loads the artefact with skops instead.
# Nothing here runs code from the file: types are names to check against the trust list,
# values are JSON, arrays are read with allow_pickle=False.

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

SCHEMA = "schema.json"
PROTOCOL = 2  # skops' schema version this reader was written against
# Types any saved state is made of; skops trusts them by default, too.
_BUILTINS = frozenset(f"builtins.{name}" for name in ("dict", "list", "tuple", "str"))


class UnreadableStateError(Exception):
    """The artefact uses a node kind or protocol this reader does not know."""


class UntrustedStateError(Exception):
    """The artefact names types outside the trust list."""

    def __init__(self, types: list[str]) -> None:
        super().__init__(f"untrusted types: {', '.join(types)}")
        self.types = types


@dataclass(frozen=True, slots=True)
class SavedObject:
    """One saved object: its type's full name and its attributes, as plain values."""

    type_name: str
    attrs: dict[str, Any]


def read_state(path: Path, trusted: Collection[str]) -> Any:
    """The saved tree of `path`, checked against `trusted` before any array is read."""
    with zipfile.ZipFile(path) as archive:
        schema = json.loads(archive.read(SCHEMA))
        if not isinstance(schema, dict) or schema.get("protocol") != PROTOCOL:
            raise UnreadableStateError(f"skops protocol {schema.get('protocol')!r}")
        refused = sorted(_untrusted(schema, _BUILTINS | set(trusted)))
        if refused:
            raise UntrustedStateError(refused)
        return _Reader(archive).read(schema)


def _untrusted(node: Any, trusted: Collection[str]) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if "__loader__" in node and node.get("__loader__") != "JsonNode":
                name = f"{node.get('__module__')}.{node.get('__class__')}"
                if name not in trusted:
                    found.add(name)
            stack.extend(value for value in node.values() if isinstance(value, dict | list))
    return found


class _Reader:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def read(self, node: Any) -> Any:
        if not isinstance(node, dict):
            raise UnreadableStateError("a node that is not a JSON object")
        loader = node.get("__loader__")
        content = node.get("content")
        if loader == "JsonNode" and isinstance(content, str):
            return json.loads(content)
        if loader == "ObjectNode" and isinstance(content, dict):
            attrs = self.read(content)
            if not isinstance(attrs, dict):
                raise UnreadableStateError("an object whose state is not a dict")
            return SavedObject(f"{node['__module__']}.{node['__class__']}", attrs)
        if loader == "DictNode" and isinstance(content, dict):
            return self._dict(node, content)
        if loader in ("ListNode", "TupleNode") and isinstance(content, list):
            items = [self.read(item) for item in content]
            return items if loader == "ListNode" else tuple(items)
        if loader == "NdArrayNode" and node.get("type") == "numpy":
            return self._array(node)
        if loader == "TypeNode":
            return f"{node['__module__']}.{node['__class__']}"
        raise UnreadableStateError(f"node kind {loader!r}")

    def _dict(self, node: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        key_types = node.get("key_types", {}).get("content", [])
        if any(key.get("__class__") != "str" for key in key_types):
            raise UnreadableStateError("a dict with keys that are not strings")
        return {key: self.read(value) for key, value in content.items()}

    def _array(self, node: dict[str, Any]) -> np.ndarray:
        if f"{node['__module__']}.{node['__class__']}" != "numpy.ndarray":
            raise UnreadableStateError(f"array type {node['__module__']}.{node['__class__']}")
        with self.archive.open(node["file"]) as member:
            array = np.load(io.BytesIO(member.read()), allow_pickle=False)
        if not isinstance(array, np.ndarray):
            raise UnreadableStateError("an .npy member that is not one array")
        return array
