"""The plan's own numbering ("1:1", "3.1", "2:2:4").

The document is not consistent about ':' and '.', so codes are kept as written for display
and compared through a sort key in which every number is zero-padded: "2:10" sorts after "2:9".
"""

import re

_NUMBER = re.compile(r"\d+")


def code_parts(code: str) -> tuple[int, ...]:
    return tuple(int(n) for n in _NUMBER.findall(code))


def sort_key(code: str) -> str:
    parts = code_parts(code)
    if not parts:
        return "~" + code  # codes without numbers sort last, in text order
    return ".".join(f"{n:04d}" for n in parts)
