#ifndef CONVOLVE_WINOGRAD_KERNELS_H
#define CONVOLVE_WINOGRAD_KERNELS_H

/* The Winograd path's transforms (Sources/Convolve/Paths/WinogradPath.swift) compiled for
   AVX2. Each forms every value with the Swift code's operations in its order, with no
   fused multiply-adds, so both give the same bits (tested). Call only when
   convolve_direct_avx2_fma_available() returns 1.

   The kernel transform U = G g Gᵀ: eight float (four double) kernels per pass, their taps
   transposed into lanes with shuffles instead of lane-by-lane inserts. `outputs` is m of
   F(m×m, 3×3), 2 or 4 (α = m + 2). Kernel n is the row-major 3×3 at g + 9n; element
   ξ = α·i + j of its transform is written to u[ξ·step + n] (WinogradF2.kernel,
   WinogradF4.kernel: the columns, then the rows). Transforms the first ⌊count / 8⌋·8 kernels (⌊count / 4⌋·4 for
   double) and returns how many it did; the caller transforms the rest. */
long convolve_winograd_kernels_f32_avx2(const float *g, long count, int outputs, float *u, long step);
long convolve_winograd_kernels_f64_avx2(const double *g, long count, int outputs, double *u, long step);

/* The input and output transforms of eight tiles, float only (double keeps the Swift
   SIMD8 loops), for `tile` 2 (F(2×2, 3×3)), 4 (F(4×4, 3×3)) or 25 (F(2×2, 5×5); m = 2,
   α = 6). V = Bᵀ D B of eight input windows side by side (WinogradTile.inputTiles8):
   window k at d + k·m (row stride rowStride), element ξ of tile k written to
   v[ξ·step + k]; each window row's values come out of the lanes of whole-row loads by
   shuffles. Reads the first 8m + α − 1 elements of each window row from d (all readable
   there). */
void convolve_winograd_inputs8_f32_avx2(const float *d, long rowStride, int tile, float *v, long step);

/* The same for eight windows anywhere in one plane (WinogradTile.inputTiles8 with offsets):
   window k at plane + offsets[k], its elements loaded one by one. */
void convolve_winograd_inputs8_gathered_f32_avx2(const float *plane, const long *offsets, long rowStride,
                                                 int tile, float *v, long step);

/* Y = Aᵀ M A of eight tiles (WinogradTile.outputTiles8): element ξ of tile k at
   m[ξ·step + k], tile k's m×m outputs written to y + corners[k] (row stride rowStride),
   with `bias` added to each when `addBias` is 1 (one rounding, as a pass after it): the
   tiles' rows moved out of the lanes by shuffles and stored whole, where the Swift form
   stores each output alone. */
void convolve_winograd_outputs8_f32_avx2(const float *m, long step, int tile, float *y, const long *corners,
                                         long rowStride, float bias, int addBias);

#endif
