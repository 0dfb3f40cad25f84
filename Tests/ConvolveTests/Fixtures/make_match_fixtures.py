#!/usr/bin/env python3
"""Writes template_matching.json: template-matching scores the Swift tests compare with.
Run from this folder: `python3 make_match_fixtures.py` (numpy; OpenCV optional).

Each case: a seeded image and template (shape + row-major values) and, per method
(ccorr, ccorr-normed, sqdiff, sqdiff-normed, zncc), the 'valid' score map computed here
in float64 from the definitions, window by window. When opencv-python is installed the
maps are also checked against cv2.matchTemplate (TM_CCORR, TM_CCORR_NORMED, TM_SQDIFF,
TM_SQDIFF_NORMED, TM_CCOEFF_NORMED) on float32 data, to float32 rounding.
"""
import json

import numpy as np

rng = np.random.default_rng(20261127)


def scores(image, template):
    h, w = template.shape
    out = {m: np.zeros((image.shape[0] - h + 1, image.shape[1] - w + 1)) for m in
           ["ccorr", "ccorr-normed", "sqdiff", "sqdiff-normed", "zncc"]}
    t = template
    tz = t - t.mean()
    for y in range(out["zncc"].shape[0]):
        for x in range(out["zncc"].shape[1]):
            win = image[y:y + h, x:x + w]
            wz = win - win.mean()
            energy = np.sqrt((t * t).sum() * (win * win).sum())
            out["ccorr"][y, x] = (t * win).sum()
            out["ccorr-normed"][y, x] = (t * win).sum() / energy
            out["sqdiff"][y, x] = ((t - win) ** 2).sum()
            out["sqdiff-normed"][y, x] = ((t - win) ** 2).sum() / energy
            out["zncc"][y, x] = (tz * wz).sum() / np.sqrt((tz * tz).sum() * (wz * wz).sum())
    return out


def cv_check(image, template, maps):
    try:
        import cv2
    except ImportError:
        return False
    codes = {"ccorr": cv2.TM_CCORR, "ccorr-normed": cv2.TM_CCORR_NORMED, "sqdiff": cv2.TM_SQDIFF,
             "sqdiff-normed": cv2.TM_SQDIFF_NORMED, "zncc": cv2.TM_CCOEFF_NORMED}
    for name, code in codes.items():
        theirs = cv2.matchTemplate(image.astype(np.float32), template.astype(np.float32), code)
        scale = max(1.0, np.abs(maps[name]).max())
        assert np.abs(theirs - maps[name]).max() < 2e-4 * scale, (name, np.abs(theirs - maps[name]).max())
    return True


def main():
    cases, checked = [], 0
    for (H, W), (h, w) in [((40, 50), (7, 9)), ((33, 31), (12, 5)), ((24, 24), (24, 24))]:
        image = np.round(rng.uniform(0, 1, (H, W)), 3)
        template = np.round(rng.uniform(0, 1, (h, w)), 3)
        maps = scores(image, template)
        checked += cv_check(image, template, maps)
        case = {"imageShape": [H, W], "image": image.ravel().tolist(),
                "templateShape": [h, w], "template": template.ravel().tolist(),
                "scores": {k: v.ravel().tolist() for k, v in maps.items()},
                "scoreShape": list(maps["zncc"].shape)}
        cases.append(case)
    with open("template_matching.json", "w") as f:
        json.dump({"numpy": np.__version__, "opencvChecked": checked, "cases": cases}, f)
    print(f"wrote template_matching.json: {len(cases)} cases, {checked} checked against OpenCV")


if __name__ == "__main__":
    main()
