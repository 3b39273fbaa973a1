"""JSON text whose \\u escapes leave a lone surrogate: json.loads accepts it, no codec writes it."""

from __future__ import annotations

import json
import re
from typing import Any

# The message for such input, wherever it is read (bulk lines, training data).
LONE_SURROGATE = "a \\u escape is a lone surrogate, not a character"
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def has_lone_surrogate(raw: str, value: Any) -> bool:
    """Tell whether `value`, which json.loads made of `raw`, holds an unpaired surrogate."""
    # Only text with a surrogate escape can; a pair of escapes makes one character.
    if _SURROGATE_ESCAPE.search(raw) is None:
        return False
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
