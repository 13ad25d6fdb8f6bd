# Writes Stata fixtures with byte, int, long and float storage types, in both byte orders, with
# pandas (haven writes only long, double and strings). Run with Debian's python3-pandas:
#   /usr/bin/python3 test/readers/make-fixtures.py
# make-fixtures.R then reads them back with haven and records the expected contents.
import numpy as np
import pandas as pd

d = pd.DataFrame({
    "b": np.array([-127, 0, 100, 1, 2, -1], dtype=np.int8),
    "i": np.array([-32767, 32740, 0, 300, -2, 7], dtype=np.int16),
    "l": np.array([-2147483647, 2147483620, 0, 70000, -3, 8], dtype=np.int32),
    "f": np.array([0.1, -1.5, np.nan, 1.7e38, 1e-30, 16777217], dtype=np.float32),
    "d": np.array([0.1, np.nan, -2.5e300, 1e-300, 123456789.125, -0.0], dtype=np.float64),
    "s": ["one", "twö", "", "four", "five", "six"],
    "day": pd.to_datetime(["2020-01-31", "1960-01-01", None, "1900-02-28", "2024-02-29", "1999-12-31"]),
    "stamp": pd.to_datetime(["2020-01-31 23:59:59", "1960-01-01 00:00:00", None, "1959-12-31 23:00:00", "2024-02-29 12:00:00", "2000-01-01 00:00:01"]),
    "grp": np.array([1, 2, 1, 2, 3, 1], dtype=np.int8),
})
labels = {"grp": {1: "North", 2: "South", 3: "Wales"}}
for version in (117, 118, 119):
    for order in ("little", "big"):
        d.to_stata(
            f"test/readers/fixtures/pandas-{version}-{'msf' if order == 'big' else 'lsf'}.dta",
            write_index=False, version=version, byteorder=order,
            convert_dates={"day": "td", "stamp": "tc"}, value_labels=labels,
        )
