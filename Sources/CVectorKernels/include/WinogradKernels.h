#ifndef CONVOLVE_WINOGRAD_KERNELS_H
#define CONVOLVE_WINOGRAD_KERNELS_H

/* The Winograd path's kernel transform U = G g Gᵀ (Sources/Convolve/Paths/WinogradPath.swift)
   compiled for AVX2: eight float (four double) kernels per pass, their taps transposed into
   lanes with shuffles instead of lane-by-lane inserts. `outputs` is m of F(m×m, 3×3), 2 or
   4 (α = m + 2). Kernel n is the row-major 3×3 at g + 9n; element ξ = α·i + j of its
   transform is written to u[ξ·step + n]. Each element is formed with the Swift code's
   operations in its order (WinogradF2.kernel, WinogradF4.kernel: the columns, then the
   rows), with no fused multiply-adds, so both give the same bits (tested). Transforms the
   first ⌊count / 8⌋·8 kernels (⌊count / 4⌋·4 for double) and returns how many it did;
   the caller transforms the rest. Call only when convolve_direct_avx2_fma_available()
   returns 1. */
long convolve_winograd_kernels_f32_avx2(const float *g, long count, int outputs, float *u, long step);
long convolve_winograd_kernels_f64_avx2(const double *g, long count, int outputs, double *u, long step);

#endif
