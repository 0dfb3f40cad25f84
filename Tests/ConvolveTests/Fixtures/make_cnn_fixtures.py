#!/usr/bin/env python3
"""Writes cnn_layers.json: ONNX Conv / torch.nn.functional.conv{1,2,3}d layers and their
gradients, which the Swift tests compare with. Run from this folder:
`python3 make_cnn_fixtures.py` (numpy; onnxruntime + onnx optional, see below).

The forward pass y = bias + cross-correlation of the zero-padded input with the weights,
per group, with stride and dilation, is computed here in float64 by numpy from the
operator's definition (every kernel tap is one strided slice of the padded input). The
gradients for a seeded output gradient dy follow from the same slices: dx scatters
dy * w back through each slice, dw and db are sums. When onnxruntime is installed, every
forward case is also run through its Conv operator (float32, its only Conv precision on
CPU) and must agree to float32 rounding, so
the fixtures encode ONNX's semantics, not only our reading of them.

Each case: x, w, b (shape + row-major values), stride, dilation, pads (ONNX order:
begins then ends), groups, y, dy, dx, dw, db.
"""
import itertools
import json

import numpy as np

rng = np.random.default_rng(20261126)


def values(shape):
    return np.round(rng.uniform(-1, 1, shape), 3)


def taps(w_spatial):
    return itertools.product(*[range(k) for k in w_spatial])


def window(xp, r, stride, dilation, out):
    """The slice of padded input xp ([N, C, ...]) that tap r reads for every output."""
    index = [slice(None), slice(None)]
    for a, (ra, s, d, o) in enumerate(zip(r, stride, dilation, out)):
        start = ra * d
        index.append(slice(start, start + (o - 1) * s + 1, s))
    return tuple(index)


def layer(x, w, b, stride, dilation, pads, groups, dy=None):
    rank = x.ndim - 2
    begins, ends = pads[:rank], pads[rank:]
    xp = np.pad(x, [(0, 0), (0, 0)] + list(zip(begins, ends)))
    out = [(xp.shape[2 + a] - dilation[a] * (w.shape[2 + a] - 1) - 1) // stride[a] + 1 for a in range(rank)]
    n, c = x.shape[:2]
    o, cg = w.shape[:2]
    og = o // groups
    y = np.zeros([n, o] + out)
    dxp = np.zeros_like(xp)
    dw = np.zeros_like(w)
    for g in range(groups):
        xs = slice(g * cg, (g + 1) * cg)
        os_ = slice(g * og, (g + 1) * og)
        for r in taps(w.shape[2:]):
            sl = window(xp, r, stride, dilation, out)
            patch = xp[sl][:, xs]                       # [N, Cg, out...]
            wr = w[(os_, slice(None)) + r]              # [Og, Cg]
            y[:, os_] += np.einsum("nc...,oc->no...", patch, wr)
            if dy is not None:
                dyg = dy[:, os_]
                dw[(os_, slice(None)) + r] += np.tensordot(dyg, patch, axes=([0] + list(range(2, 2 + rank)),
                                                                          [0] + list(range(2, 2 + rank))))
                region = dxp[sl]
                region[:, xs] += np.einsum("no...,oc->nc...", dyg, wr)
                dxp[sl] = region
    y += b.reshape([1, o] + [1] * rank)
    if dy is None:
        return y
    crop = tuple([slice(None), slice(None)] + [slice(bg, bg + x.shape[2 + a]) for a, bg in enumerate(begins)])
    return y, dxp[crop], dw, dy.sum(axis=tuple([0] + list(range(2, 2 + rank))))


def onnx_check(case, x, w, b, y):
    try:
        import onnx
        import onnx.helper as oh
        import onnx.numpy_helper
        import onnxruntime as ort
    except ImportError:
        return False
    node = oh.make_node("Conv", ["X", "W", "B"], ["Y"], strides=case["stride"], dilations=case["dilation"],
                        pads=case["pads"], group=case["groups"], kernel_shape=list(w.shape[2:]))
    graph = oh.make_graph([node], "conv", [oh.make_tensor_value_info("X", onnx.TensorProto.FLOAT, x.shape)],
                          [oh.make_tensor_value_info("Y", onnx.TensorProto.FLOAT, None)],
                          [onnx.numpy_helper.from_array(w.astype(np.float32), "W"),
                           onnx.numpy_helper.from_array(b.astype(np.float32), "B")])
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 13)])
    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    theirs = session.run(None, {"X": x.astype(np.float32)})[0]
    assert theirs.shape == y.shape, (theirs.shape, y.shape)
    error = np.abs(theirs - y).max()
    assert error < 1e-5 * (1 + np.abs(y).max()) * w[0].size, error
    return True


CASES = [  # (x shape, w shape, stride, dilation, pads, groups)
    ([2, 3, 9, 8], [4, 3, 3, 3], [1, 1], [1, 1], [1, 1, 1, 1], 1),
    ([1, 4, 11, 10], [6, 2, 3, 2], [2, 3], [1, 2], [1, 0, 2, 1], 2),
    ([3, 4, 10, 9], [8, 1, 3, 3], [2, 2], [2, 1], [2, 1, 0, 2], 4),
    ([1, 3, 16, 16], [5, 3, 7, 7], [2, 2], [1, 1], [3, 3, 3, 3], 1),
    ([2, 2, 7, 7], [2, 2, 4, 4], [1, 1], [1, 1], [1, 1, 2, 2], 1),
    ([2, 3, 17], [4, 3, 5], [3], [2], [2, 1], 1),
    ([1, 2, 6, 5, 7], [4, 1, 3, 2, 3], [1, 2, 1], [1, 1, 2], [1, 0, 1, 1, 1, 2], 2),
]


def main():
    cases, checked = [], 0
    for xs, ws, stride, dilation, pads, groups in CASES:
        x, w, b = values(xs), values(ws), values([ws[0]])
        y = layer(x, w, b, stride, dilation, pads, groups)
        dy = values(y.shape)
        y2, dx, dw, db = layer(x, w, b, stride, dilation, pads, groups, dy)
        assert np.array_equal(y, y2)
        case = {"stride": stride, "dilation": dilation, "pads": pads, "groups": groups}
        checked += onnx_check(case, x, w, b, y)
        for name, a in [("x", x), ("w", w), ("b", b), ("y", y), ("dy", dy), ("dx", dx), ("dw", dw), ("db", db)]:
            case[name + "Shape"] = list(a.shape)
            case[name] = a.ravel().tolist()
        cases.append(case)
    with open("cnn_layers.json", "w") as f:
        json.dump({"numpy": np.__version__, "onnxChecked": checked, "cases": cases}, f)
    print(f"wrote cnn_layers.json: {len(cases)} cases, {checked} checked against onnxruntime")


if __name__ == "__main__":
    main()
