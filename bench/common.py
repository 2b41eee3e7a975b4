"""Shared helpers for the benchmark scripts (run by hand; they print figures, assert nothing)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


# wrk script posting check-ins for a list of patients, with a fresh UUID each; one in ten carries
# a red breathing rate (and so opens an alert). Fill with patients, csrf, cookie and seed.
CHECKIN_LUA = r"""
local patients = {%(patients)s}
local headers = {["Content-Type"] = "application/json", ["x-csrftoken"] = "%(csrf)s",
                 ["Cookie"] = "%(cookie)s"}
local n = 0
math.randomseed(os.time() + %(seed)d)
local function uuid4()
  local t = "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx"
  return (string.gsub(t, "[xy]", function(c)
    local v = (c == "x") and math.random(0, 15) or math.random(8, 11)
    return string.format("%%x", v)
  end))
end
request = function()
  n = n + 1
  local pid = patients[(n %% #patients) + 1]
  local rr = (n %% 10 == 0) and 30 or 16
  local body = string.format('{"id":"%%s","taken_at":"%%s","answers":{"da_confusion":0,' ..
    '"da_no_urine":0},"vitals":{"temperature":37.1,"spo2":97,"heart_rate":76,"resp_rate":%%d}}',
    uuid4(), os.date("!%%Y-%%m-%%dT%%H:%%M:%%SZ", os.time() - 120), rr)
  return wrk.format("POST", "/api/patients/" .. pid .. "/checkins", headers, body)
end
"""
