#!/usr/bin/env python3
"""Times peer libraries on the bench's cases, for `bench --peers`.

A long-running worker: each line on stdin is a JSON case, a signal
  {"input": [..], "kernel": [..], "mode": "same", "dtype": "float32", "threads": 1, "repeats": 5, "macs": N}
or a Gaussian blur {"blur": {"image": n, "sigma": s, "size": k}, ...}, a ZNCC match
{"match": {"image": n, "template": t}, ...}, or a CNN layer (ONNX Conv: NCHW input, OIHW weight, pads = begins then ends)
  {"layer": {"input": [N, C, ..], "weight": [O, C/G, ..], "groups": G, "stride": [..], "dilation": [..],
   "pads": [..]}, "dtype": "float32", "threads": 1, "repeats": 5, "macs": N}
and each line on stdout is {"peers": [{"name", "median", "minimum", "note"}]}, after a first
line {"ready": true} once the imports are done. A peer that
is not installed is reported as missing; one that would take far too long, as skipped.
Times are seconds per call, median and minimum of up to `repeats` runs after a warm-up,
within about 1.5 s per peer. Nothing here is a dependency of the library or its tests.
"""
import json
import sys
import time

missing = {}
try:
    import numpy as np
except ImportError as e:  # without numpy nothing can run
    np = None
    missing["numpy"] = str(e)
try:
    import scipy.signal as ss
except ImportError as e:
    ss = None
    missing["scipy"] = str(e)
try:
    import scipy.ndimage as ndi
except ImportError as e:
    ndi = None
try:
    import cv2
except ImportError as e:
    cv2 = None
    missing["opencv-python-headless"] = str(e)
try:
    import onnx
    import onnx.helper as oh
    import onnx.numpy_helper
    import onnxruntime as ort
except ImportError as e:
    ort = None
    missing["onnxruntime/onnx"] = str(e)


# Seconds of untimed calls before a peer's timed ones (Stopwatch.turnWarmupSeconds).
WARMUP_SECONDS = 0.01


def timed(fn, repeats, budget=1.5):
    median, minimum, _ = timed_samples(fn, repeats, budget)
    return median, minimum


def timed_samples(fn, repeats, budget=1.5):
    """Untimed calls for at least WARMUP_SECONDS (one at least, at most 50), as the bench
    warms its own side up (Stopwatch.turnWarmupSeconds), then up to `repeats` timed calls
    within `budget` seconds: (median, minimum, the samples in the order they ran)."""
    warmed, warming = 0, 0.0
    while warmed < 1 or (warming < WARMUP_SECONDS and warmed < 50):
        t = time.perf_counter()
        fn()
        warming += time.perf_counter() - t
        warmed += 1
    samples = []
    while len(samples) < repeats and (not samples or sum(samples) < budget):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    ordered = sorted(samples)
    n = len(ordered)
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    return median, ordered[0], samples


def onnx_conv(x, k, threads):
    """ONNX Conv (cross-correlation) of one channel with 'same' zero padding."""
    pads = [n // 2 for n in k.shape] + [(n - 1) // 2 for n in k.shape]
    elem = onnx.TensorProto.FLOAT if x.dtype == np.float32 else onnx.TensorProto.DOUBLE
    weights = np.ascontiguousarray(np.flip(k)).reshape((1, 1) + k.shape)
    init = onnx.numpy_helper.from_array(weights, name="W")
    node = oh.make_node("Conv", ["X", "W"], ["Y"], pads=pads, kernel_shape=list(k.shape))
    graph = oh.make_graph([node], "conv", [oh.make_tensor_value_info("X", elem, (1, 1) + x.shape)],
                          [oh.make_tensor_value_info("Y", elem, None)], [init])
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 13)])
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feed = {"X": x.reshape((1, 1) + x.shape)}
    return lambda: session.run(None, feed)


def onnx_layer(layer, dtype, threads):
    """onnxruntime's Conv on a layer, with a bias (as a CNN runs it)."""
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, layer["input"]).astype(dtype)
    w = rng.uniform(-1, 1, layer["weight"]).astype(dtype)
    b = rng.uniform(-1, 1, [layer["weight"][0]]).astype(dtype)
    elem = onnx.TensorProto.FLOAT if dtype == np.float32 else onnx.TensorProto.DOUBLE
    node = oh.make_node("Conv", ["X", "W", "B"], ["Y"], kernel_shape=layer["weight"][2:], strides=layer["stride"],
                        dilations=layer["dilation"], pads=layer["pads"], group=layer["groups"])
    graph = oh.make_graph([node], "layer", [oh.make_tensor_value_info("X", elem, x.shape)],
                          [oh.make_tensor_value_info("Y", elem, None)],
                          [onnx.numpy_helper.from_array(w, name="W"), onnx.numpy_helper.from_array(b, name="B")])
    model = oh.make_model(graph, opset_imports=[oh.make_opsetid("", 13)])
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Idle pool threads must not spin into the next case, which times us.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
    feed = {"X": x}
    return lambda: session.run(None, feed)


def run_layer(case):
    dtype = np.float32 if case["dtype"] == "float32" else np.float64
    if ort is None:
        return [{"name": "onnxruntime Conv", "note": "missing: " + missing["onnxruntime/onnx"]}]
    try:
        median, minimum, samples = timed_samples(onnx_layer(case["layer"], dtype, case["threads"]), case["repeats"])
        return [{"name": "onnxruntime Conv", "median": median, "minimum": minimum, "samples": samples}]
    except Exception as e:
        return [{"name": "onnxruntime Conv", "note": f"failed: {type(e).__name__}: {e}"}]


def run_match(case):
    """cv2.matchTemplate with TM_CCOEFF_NORMED (ZNCC) on a seeded float32 image."""
    if cv2 is None:
        return [{"name": "cv2.matchTemplate", "note": "missing: " + missing["opencv-python-headless"]}]
    cv2.setNumThreads(case["threads"])
    rng = np.random.default_rng(11)
    n, t = case["match"]["image"], case["match"]["template"]
    image = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    template = np.ascontiguousarray(image[n // 3:n // 3 + t, n // 2 - t:n // 2])
    try:
        median, minimum, samples = timed_samples(lambda: cv2.matchTemplate(image, template, cv2.TM_CCOEFF_NORMED),
                                                 case["repeats"])
        return [{"name": "cv2.matchTemplate", "median": median, "minimum": minimum, "samples": samples}]
    except Exception as e:
        return [{"name": "cv2.matchTemplate", "note": f"failed: {type(e).__name__}: {e}"}]


def run_blur(case):
    """Gaussian blur, 'same' size, BORDER_REFLECT_101 (scipy.ndimage 'mirror'), radius 3σ."""
    rng = np.random.default_rng(12)
    n, sigma, size = case["blur"]["image"], case["blur"]["sigma"], case["blur"]["size"]
    image = rng.uniform(-1, 1, (n, n)).astype(np.float32)
    out = []
    if cv2 is None:
        out.append({"name": "cv2.GaussianBlur", "note": "missing: " + missing["opencv-python-headless"]})
    else:
        cv2.setNumThreads(case["threads"])
        try:
            median, minimum = timed(lambda: cv2.GaussianBlur(image, (size, size), sigma, sigmaY=sigma,
                                                             borderType=cv2.BORDER_REFLECT_101), case["repeats"])
            out.append({"name": "cv2.GaussianBlur", "median": median, "minimum": minimum})
        except Exception as e:
            out.append({"name": "cv2.GaussianBlur", "note": f"failed: {type(e).__name__}: {e}"})
    if ndi is None:
        out.append({"name": "scipy.ndimage.gaussian_filter", "note": "missing: " + missing["scipy"]})
    else:
        radius = (size - 1) // 2
        median, minimum = timed(lambda: ndi.gaussian_filter(image, sigma, mode="mirror", truncate=radius / sigma),
                                case["repeats"])
        out.append({"name": "scipy.ndimage.gaussian_filter", "median": median, "minimum": minimum})
    return out


def run_case(case):
    if "match" in case:
        return run_match(case)
    if "blur" in case:
        return run_blur(case)
    if "layer" in case:
        return run_layer(case)
    dtype = np.float32 if case["dtype"] == "float32" else np.float64
    rng = np.random.default_rng(1)
    x = rng.uniform(-1, 1, case["input"]).astype(dtype)
    k = rng.uniform(-1, 1, case["kernel"]).astype(dtype)
    mode, repeats, macs, threads = case["mode"], case["repeats"], case["macs"], case["threads"]
    out = []

    def peer(name, make, limit=None, why_missing=None):
        if why_missing:
            out.append({"name": name, "note": "missing: " + why_missing})
            return
        if limit is not None and macs > limit:
            out.append({"name": name, "note": f"skipped: {macs:.2e} multiply-adds by sliding sums would take too long"})
            return
        try:
            median, minimum, samples = timed_samples(make(), repeats)
            out.append({"name": name, "median": median, "minimum": minimum, "samples": samples})
        except Exception as e:  # a peer that cannot run this case says so
            out.append({"name": name, "note": f"failed: {type(e).__name__}: {e}"})

    scipy_missing = missing.get("scipy")
    # 1-D direct goes through numpy.convolve (fast); N-D through a generic loop (~0.07 GMAC/s here).
    direct_limit = 2e9 if x.ndim == 1 else 2e8
    peer("scipy direct", lambda: (lambda: ss.convolve(x, k, mode=mode, method="direct")), direct_limit, scipy_missing)
    peer("scipy fft", lambda: (lambda: ss.fftconvolve(x, k, mode=mode)), None, scipy_missing)
    peer("scipy oaconvolve", lambda: (lambda: ss.oaconvolve(x, k, mode=mode)), None, scipy_missing)
    peer("scipy auto", lambda: (lambda: ss.convolve(x, k, mode=mode, method="auto")), None, scipy_missing)
    if x.ndim == 2 and mode == "same":
        cv_missing = missing.get("opencv-python-headless")
        if cv2 is not None:
            cv2.setNumThreads(threads)
        flipped = np.ascontiguousarray(np.flip(k))
        peer("cv2.filter2D", lambda: (lambda: cv2.filter2D(x, -1, flipped, borderType=cv2.BORDER_CONSTANT)),
             None, cv_missing)
        if x.dtype == np.float32:
            padded = np.pad(x, [(n // 2, (n - 1) // 2) for n in k.shape])
            peer("cv2.matchTemplate", lambda: (lambda: cv2.matchTemplate(padded, flipped, cv2.TM_CCORR)),
                 None, cv_missing)
    if mode == "same":
        peer("onnxruntime Conv", lambda: onnx_conv(x, k, threads), 5e9, missing.get("onnxruntime/onnx"))
    return out


def main():
    # Imports are done: say so, so the bench starts timing only once this process is idle.
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        if np is None:
            result = [{"name": "numpy", "note": "missing: " + missing["numpy"]}]
        else:
            result = run_case(json.loads(line))
        sys.stdout.write(json.dumps({"peers": result}) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
