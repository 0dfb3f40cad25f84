#ifndef CONVOLVE_SPECTRUM_KERNELS_H
#define CONVOLVE_SPECTRUM_KERNELS_H

/* The FFT path's pointwise loops (Sources/Convolve/Paths/Spectrum.swift and Finite.copy)
   compiled for AVX2: eight floats or four doubles per instruction where Swift's baseline
   x86-64 code has four or two. Each performs the Swift code's operations in the same
   order, with no fused multiply-adds, so both give the same bits (tested). Call only when
   convolve_direct_avx2_fma_available() returns 1. Spectra are interleaved (re, im) pairs. */

/* For i < bins: p = x[i]·conj(k[i]) = (ac + bd) + i(bc − ad) with x[i] = a + ib, k[i] = c + id;
   out[i] = p, or out[i] += p when `accumulate` is 1. `out` may be `x`. */
void convolve_multiply_conjugate_f32_avx2(const float *x, const float *k, float *out, long bins, int accumulate);
void convolve_multiply_conjugate_f64_avx2(const double *x, const double *k, double *out, long bins,
                                          int accumulate);

/* For i < count: destination[i] = source[2i] (the real parts of a complex frame, or with
   source + 1 the imaginary ones); returns Σ source[2i]·0, which is 0 when every value
   copied is finite and NaN otherwise. Reads nothing past source[2·count − 2]. */
float convolve_copy_even_f32_avx2(const float *source, float *destination, long count);
double convolve_copy_even_f64_avx2(const double *source, double *destination, long count);

/* For i < count: out[2i] = a[i], out[2i + 1] = b[i] (0 when b is NULL): two real frames
   as the real and imaginary parts of one complex frame. */
void convolve_interleave_f32_avx2(const float *a, const float *b, float *out, long count);
void convolve_interleave_f64_avx2(const double *a, const double *b, double *out, long count);

#endif
