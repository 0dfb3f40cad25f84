#!/usr/bin/env python3
"""Writes npy/: .npy files in every layout `conv` must read, malformed ones it must refuse,
and scipy.signal oracle cases; manifest.json says what each holds. Run from this folder:
`python3 make_npy_fixtures.py` (numpy, scipy)."""
import io
import json
import os
import numpy as np
import scipy.signal as ss

OUT = "npy"
os.makedirs(OUT, exist_ok=True)
rng = np.random.default_rng(7)
manifest = {"valid": [], "malformed": [], "oracle": []}


def save(name, array, version=None):
    with open(os.path.join(OUT, name), "wb") as f:
        np.lib.format.write_array(f, array, version=version)


def valid(name, array, version=None):
    save(name, array, version)
    c = np.ascontiguousarray(array)
    manifest["valid"].append({"file": name, "shape": list(array.shape),
                              "float32": array.dtype.kind == "f" and array.dtype.itemsize == 4,
                              "values": c.astype(np.float64).ravel().tolist()})


valid("f4_v1_le_2d.npy", rng.standard_normal((3, 4)).astype("<f4"))
valid("f8_v1_be_3d.npy", rng.standard_normal((2, 3, 2)).astype(">f8"))
valid("f4_v2_be_1d.npy", rng.standard_normal(7).astype(">f4"), version=(2, 0))
valid("f8_v3_le_2d.npy", rng.standard_normal((2, 5)), version=(3, 0))
valid("f8_fortran_2d.npy", np.asfortranarray(rng.standard_normal((3, 5))))
valid("f4_fortran_3d.npy", np.asfortranarray(rng.standard_normal((2, 3, 4)).astype(np.float32)))
valid("i2_le_2d.npy", rng.integers(-300, 300, (3, 3)).astype("<i2"))
valid("u1_1d.npy", rng.integers(0, 255, 6).astype(np.uint8))
valid("i8_be_1d.npy", rng.integers(-2**40, 2**40, 4).astype(">i8"))
valid("bool_2d.npy", rng.integers(0, 2, (2, 2)).astype(bool))
valid("f8_4d.npy", rng.standard_normal((2, 1, 2, 3)))
valid("f4_5d.npy", rng.standard_normal((1, 2, 1, 2, 2)).astype(np.float32))


def malformed(name, data, error):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
    manifest["malformed"].append({"file": name, "error": error})


def npy_bytes(array, version=None):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, version=version)
    return buffer.getvalue()


good = npy_bytes(np.arange(12, dtype=np.float32).reshape(3, 4))
malformed("bad_magic.npy", b"\x93NUMPX" + good[6:], "notNPY")
malformed("empty.npy", b"", "notNPY")
malformed("truncated_header.npy", good[:40], "truncatedHeader")
malformed("truncated_data.npy", good[:-5], "sizeMismatch")
malformed("extra_data.npy", good + b"\x00" * 8, "sizeMismatch")
header = good[10:good.index(b"\n") + 1].replace(b"(3, 4)", b"(3, 5)")
malformed("header_lies.npy", good[:10] + header + good[10 + len(header):], "sizeMismatch")
malformed("version_4.npy", good[:6] + b"\x04\x00" + good[8:], "unsupportedVersion")
malformed("complex.npy", npy_bytes(np.zeros(3, dtype=np.complex64)), "unsupportedDType")
malformed("float16.npy", npy_bytes(np.zeros(3, dtype=np.float16)), "unsupportedDType")
malformed("strings.npy", npy_bytes(np.array(["ab", "cd"])), "unsupportedDType")
malformed("scalar.npy", npy_bytes(np.float64(3.0)), "unsupportedRank")
malformed("six_dims.npy", npy_bytes(np.zeros((1, 1, 1, 1, 1, 2))), "unsupportedRank")
malformed("garbage_header.npy", good[:8] + b"\x10\x00" + b"{'descr': <f4 }\n", "malformedHeader")


def oracle(name, op, mode, boundary, x, k):
    """scipy's result; for a boundary other than zero, scipy's 'valid' on numpy.pad(x)."""
    f = getattr(ss, op)
    if boundary == "zero":
        y = f(x.astype(np.float64), k.astype(np.float64), mode=mode, method="direct")
    else:
        pads = ([(n - 1, n - 1) for n in k.shape] if mode == "full"
                else [(n // 2, (n - 1) // 2) for n in k.shape])
        y = f(np.pad(x.astype(np.float64), pads, mode=boundary), k.astype(np.float64), mode="valid", method="direct")
    save(f"{name}_x.npy", x)
    save(f"{name}_k.npy", k)
    save(f"{name}_y.npy", y)
    manifest["oracle"].append({"name": name, "op": op, "mode": mode, "boundary": boundary})


oracle("c1d_full", "convolve", "full", "zero", rng.standard_normal(50).astype(np.float32),
       rng.standard_normal(7).astype(np.float32))
oracle("r2d_same_reflect", "correlate", "same", "reflect", rng.standard_normal((30, 25)),
       rng.standard_normal((6, 5)))
oracle("c2d_valid_f4", "convolve", "valid", "zero", rng.standard_normal((33, 40)).astype(np.float32),
       rng.standard_normal((9, 9)).astype(np.float32))
oracle("c3d_same_wrap", "convolve", "same", "wrap", rng.standard_normal((8, 9, 10)),
       rng.standard_normal((3, 4, 3)))
oracle("r1d_valid_big_kernel", "correlate", "valid", "zero", rng.standard_normal(10),
       rng.standard_normal(31))

with open(os.path.join(OUT, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=1)
print(len(manifest["valid"]), "valid,", len(manifest["malformed"]), "malformed,", len(manifest["oracle"]), "oracle cases")
