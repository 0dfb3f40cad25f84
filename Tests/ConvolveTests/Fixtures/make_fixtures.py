#!/usr/bin/env python3
"""Writes scipy_signal.json: scipy.signal.convolve/correlate results the Swift tests
compare with. Run from this folder: `python3 make_fixtures.py` (numpy, scipy).

Each case: op (convolve|correlate), mode (full|same|valid), boundary (a numpy.pad mode,
or 'zero' / 'constant:V'), x and k (shape + row-major values), y (the expected result).
For 'zero' the result is scipy.signal's own; for other boundaries it is scipy.signal's
'valid' result on numpy.pad(x, ...) extended by floor(k/2) before and floor((k-1)/2) after
('same') or k-1 on both sides ('full'), which is how Convolve defines boundaries.
Also writes the numpy.pad pictures used to test the boundary index maps.
"""
import json
import numpy as np
import scipy
import scipy.signal as ss

rng = np.random.default_rng(20261125)


def rounded(a):
    return np.round(rng.uniform(-1, 1, a), 3)


SHAPES = {  # rank: (input, odd kernel, even kernel, kernel larger than the input)
    1: ((9,), (3,), (4,), (12,)),
    2: ((6, 7), (3, 3), (2, 4), (8, 9)),
    3: ((4, 5, 3), (3, 3, 1), (2, 4, 2), (5, 6, 4)),
}
BOUNDARIES = ["zero", "constant:0.5", "edge", "reflect", "symmetric", "wrap"]


def extend(x, k_shape, mode, boundary):
    if mode == "full":
        pads = [(k - 1, k - 1) for k in k_shape]
    else:
        pads = [(k // 2, (k - 1) // 2) for k in k_shape]
    if boundary.startswith("constant:"):
        return np.pad(x, pads, mode="constant", constant_values=float(boundary.split(":")[1]))
    return np.pad(x, pads, mode=boundary)


cases = []
for rank, (xs, *kernels) in SHAPES.items():
    for ks in kernels:
        x, k = rounded(xs), rounded(ks)
        for op in ("convolve", "correlate"):
            f = getattr(ss, op)
            for mode in ("full", "same", "valid"):
                for boundary in BOUNDARIES:
                    if mode == "valid" and boundary != "zero":
                        continue  # valid never extends the input
                    if boundary == "zero":
                        y = f(x, k, mode=mode, method="direct")
                    else:
                        y = f(extend(x, ks, mode, boundary), k, mode="valid", method="direct")
                    cases.append({
                        "op": op, "mode": mode, "boundary": boundary,
                        "xShape": list(x.shape), "x": x.ravel().tolist(),
                        "kShape": list(k.shape), "k": k.ravel().tolist(),
                        "yShape": list(y.shape), "y": y.ravel().tolist(),
                    })

pads = []
for n in (1, 2, 3, 5):
    row = np.arange(1, n + 1, dtype=float)
    for mode in ("edge", "reflect", "symmetric", "wrap"):
        if mode == "reflect" and n == 1:
            continue  # Convolve refuses to reflect a single sample
        for before, after in ((0, 0), (2, 1), (7, 11)):
            pads.append({"mode": mode, "row": row.tolist(), "before": before, "after": after,
                         "padded": np.pad(row, (before, after), mode=mode).tolist()})

with open("scipy_signal.json", "w") as out:
    json.dump({"scipy": scipy.__version__, "numpy": np.__version__, "cases": cases, "pads": pads}, out,
              separators=(",", ":"))
print(f"{len(cases)} cases, {len(pads)} pad pictures")
