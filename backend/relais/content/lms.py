"""WHO growth tables as the content holds them (content/growth/tables/*.csv): reading a table
(`parse_lms_csv`) and its L, M, S at a given age or length (`LmsTable.lms_at`). The z-scores that
use them are in relais.children.growth."""

from __future__ import annotations

import bisect
import csv
import io
from dataclasses import dataclass

SD_COLUMNS = ("SD3neg", "SD2neg", "SD1neg", "SD0", "SD1", "SD2", "SD3")


class TableError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class LmsTable:
    """One WHO table: x (age in months, or length/height in cm) with L, M, S per row, and the
    published SD columns (-3 ... +3) when the source gives them."""

    x: tuple[float, ...]
    lms: tuple[tuple[float, float, float], ...]
    #: Published SD values by k (-3 ... 3), row by row; empty when not published with the table.
    sd: dict[int, tuple[float, ...]]

    def lms_at(self, x: float, extend: float = 0.0) -> tuple[float, float, float] | None:
        """L, M, S at x, interpolated linearly; None outside the table. Up to `extend` beyond the
        last row, the last row's values are used."""
        xs = self.x
        if x < xs[0] or x > xs[-1] + extend:
            return None
        if x >= xs[-1]:
            return self.lms[-1]
        i = bisect.bisect_right(xs, x) - 1
        x0, x1 = xs[i], xs[i + 1]
        if x == x0:
            return self.lms[i]
        t = (x - x0) / (x1 - x0)
        a, b = self.lms[i], self.lms[i + 1]
        return (
            a[0] + t * (b[0] - a[0]),
            a[1] + t * (b[1] - a[1]),
            a[2] + t * (b[2] - a[2]),
        )


def parse_lms_csv(text: str) -> LmsTable:
    """Parse `x,L,M,S[,SD3neg,...,SD3]` with a header; lines starting with # are comments."""
    rows: list[tuple[int, list[str]]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            rows.append((n, next(csv.reader(io.StringIO(line)))))
    if len(rows) < 3:
        raise TableError(1, "a growth table needs a header and at least two rows")
    (hline, header), body = rows[0], rows[1:]
    if header[1:4] != ["L", "M", "S"]:
        raise TableError(hline, "columns must be x, L, M, S (then optionally SD3neg ... SD3)")
    with_sd = len(header) > 4
    if with_sd and tuple(header[4:]) != SD_COLUMNS:
        raise TableError(hline, f"SD columns must be {', '.join(SD_COLUMNS)}")
    xs: list[float] = []
    lms: list[tuple[float, float, float]] = []
    sd: dict[int, list[float]] = {k: [] for k in range(-3, 4)} if with_sd else {}
    for n, cells in body:
        if len(cells) != len(header):
            raise TableError(n, f"expected {len(header)} values, found {len(cells)}")
        try:
            values = [float(c) for c in cells]
        except ValueError:
            raise TableError(n, "every value must be a number") from None
        x, lv, mv, sv = values[:4]
        if xs and x <= xs[-1]:
            raise TableError(n, "x must increase from row to row")
        if mv <= 0 or sv <= 0:
            raise TableError(n, "M and S must be positive")
        xs.append(x)
        lms.append((lv, mv, sv))
        for k, v in zip(range(-3, 4), values[4:], strict=False):
            sd[k].append(v)
    return LmsTable(tuple(xs), tuple(lms), {k: tuple(v) for k, v in sd.items()})


__all__ = ["SD_COLUMNS", "LmsTable", "TableError", "parse_lms_csv"]
