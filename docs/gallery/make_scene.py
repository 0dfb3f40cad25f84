#!/usr/bin/env python3
"""Makes the gallery's source images (nothing is downloaded): run from this folder,
`python3 make_scene.py` (numpy only). Writes

- scene.pgm: 320×240 8-bit grey: a diagonal gradient, filled and outlined shapes
  (rectangles, discs, a ring, a triangle), a few thick strokes, and seeded noise;
- template.pgm: the 40×40 patch of scene.pgm at row 150, column 40 (around the triangle);
- scene-dim.pgm: the scene at lower contrast and higher brightness, 0.45·I + 90.
"""
import numpy as np

H, W = 240, 320
y, x = np.mgrid[0:H, 0:W].astype(float)
rng = np.random.default_rng(2026)

img = 40 + 80 * (x + y) / (W + H)                      # gradient
img[30:90, 30:120] = 210                                # filled rectangle
img[40:80, 40:110] = 90                                 # its hole
img[((x - 220) ** 2 + (y - 70) ** 2) < 40 ** 2] = 235   # disc
ring = np.abs(np.hypot(x - 240, y - 170) - 35) < 5
img[ring] = 20                                          # ring
tri = (y > 155) & (y < 185) & (np.abs(x - 60) < (y - 155) * 0.6)
img[tri] = 250                                          # triangle
for k in range(4):                                      # strokes
    t = np.linspace(0, 1, 400)
    px = 130 + 60 * t + 10 * k
    py = 120 + 90 * t ** 2 - 15 * k
    for a, b in zip(py.astype(int), px.astype(int)):
        img[max(0, a - 2):a + 3, max(0, b - 2):b + 3] = 15 + 50 * k
img += rng.normal(0, 6, img.shape)                      # noise
img = np.clip(np.round(img), 0, 255).astype(np.uint8)


def write_pgm(path, a):
    with open(path, "wb") as f:
        f.write(f"P5\n{a.shape[1]} {a.shape[0]}\n255\n".encode())
        f.write(a.tobytes())


write_pgm("scene.pgm", img)
write_pgm("template.pgm", img[150:190, 40:80])
write_pgm("scene-dim.pgm", np.clip(np.round(0.45 * img.astype(float) + 90), 0, 255).astype(np.uint8))
print("wrote scene.pgm, template.pgm, scene-dim.pgm")
