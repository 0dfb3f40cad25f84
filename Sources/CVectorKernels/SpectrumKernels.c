#include "SpectrumKernels.h"
#include <immintrin.h>

/* See SpectrumKernels.h. No fused multiply-adds: intrinsics are never contracted, and the
   pragma keeps the scalar tails from being contracted either, so every value is rounded
   where the Swift code rounds it. Negating a product and multiplying by zero are exact. */
#pragma STDC FP_CONTRACT OFF

#define KERNEL_TARGET __attribute__((target("avx2")))

/* Four complex floats: x·conj(k). With x = (a, b), k = (c, d) per bin: x·(c, c) is
   (ac, bc); swap(x)·(d, d) is (bd, ad), negated in the odd lanes to (bd, −ad); their sum
   is (ac + bd, bc − ad). */
static inline __attribute__((always_inline)) KERNEL_TARGET __m256 product_f32(__m256 x, __m256 k)
{
    const __m256 odd = _mm256_castsi256_ps(_mm256_setr_epi32(0, (int)0x80000000, 0, (int)0x80000000, 0,
                                                             (int)0x80000000, 0, (int)0x80000000));
    const __m256 xc = _mm256_mul_ps(x, _mm256_moveldup_ps(k));
    const __m256 sd = _mm256_mul_ps(_mm256_permute_ps(x, 0xB1), _mm256_movehdup_ps(k));
    return _mm256_add_ps(xc, _mm256_xor_ps(sd, odd));
}

static inline __attribute__((always_inline)) KERNEL_TARGET __m256d product_f64(__m256d x, __m256d k)
{
    const __m256d odd = _mm256_setr_pd(0.0, -0.0, 0.0, -0.0);
    const __m256d xc = _mm256_mul_pd(x, _mm256_movedup_pd(k));
    const __m256d sd = _mm256_mul_pd(_mm256_permute_pd(x, 0x5), _mm256_permute_pd(k, 0xF));
    return _mm256_add_pd(xc, _mm256_xor_pd(sd, odd));
}

KERNEL_TARGET void convolve_multiply_conjugate_f32_avx2(const float *x, const float *k, float *out, long bins,
                                                        int accumulate)
{
    long i = 0;
    for (; i + 4 <= bins; i += 4) {
        __m256 p = product_f32(_mm256_loadu_ps(x + 2 * i), _mm256_loadu_ps(k + 2 * i));
        if (accumulate) p = _mm256_add_ps(_mm256_loadu_ps(out + 2 * i), p);
        _mm256_storeu_ps(out + 2 * i, p);
    }
    for (; i < bins; i++) {
        const float a = x[2 * i], b = x[2 * i + 1], c = k[2 * i], d = k[2 * i + 1];
        const float re = a * c + b * d, im = b * c - a * d;
        out[2 * i] = accumulate ? out[2 * i] + re : re;
        out[2 * i + 1] = accumulate ? out[2 * i + 1] + im : im;
    }
}

KERNEL_TARGET void convolve_multiply_conjugate_f64_avx2(const double *x, const double *k, double *out, long bins,
                                                        int accumulate)
{
    long i = 0;
    for (; i + 2 <= bins; i += 2) {
        __m256d p = product_f64(_mm256_loadu_pd(x + 2 * i), _mm256_loadu_pd(k + 2 * i));
        if (accumulate) p = _mm256_add_pd(_mm256_loadu_pd(out + 2 * i), p);
        _mm256_storeu_pd(out + 2 * i, p);
    }
    for (; i < bins; i++) {
        const double a = x[2 * i], b = x[2 * i + 1], c = k[2 * i], d = k[2 * i + 1];
        const double re = a * c + b * d, im = b * c - a * d;
        out[2 * i] = accumulate ? out[2 * i] + re : re;
        out[2 * i + 1] = accumulate ? out[2 * i + 1] + im : im;
    }
}

/* Eight floats from source[0], source[2], …, source[14]: the even lanes of two vectors
   (within each 128-bit half), put back in order. The loop stops while 2i + 15 is still
   before the last value wanted, so nothing past it is read. */
KERNEL_TARGET float convolve_copy_even_f32_avx2(const float *source, float *destination, long count)
{
    __m256 probe = _mm256_setzero_ps();
    const __m256 zero = _mm256_setzero_ps();
    long i = 0;
    for (; i + 8 < count; i += 8) {
        const __m256 lo = _mm256_loadu_ps(source + 2 * i), hi = _mm256_loadu_ps(source + 2 * i + 8);
        const __m256 even = _mm256_castpd_ps(
            _mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(lo, hi, 0x88)), 0xD8));
        _mm256_storeu_ps(destination + i, even);
        probe = _mm256_add_ps(probe, _mm256_mul_ps(even, zero));
    }
    float lanes[8], sum = 0;
    _mm256_storeu_ps(lanes, probe);
    for (int j = 0; j < 8; j++) sum += lanes[j];
    for (; i < count; i++) {
        destination[i] = source[2 * i];
        sum += source[2 * i] * 0.f;
    }
    return sum;
}

KERNEL_TARGET double convolve_copy_even_f64_avx2(const double *source, double *destination, long count)
{
    __m256d probe = _mm256_setzero_pd();
    const __m256d zero = _mm256_setzero_pd();
    long i = 0;
    for (; i + 4 < count; i += 4) {
        const __m256d lo = _mm256_loadu_pd(source + 2 * i), hi = _mm256_loadu_pd(source + 2 * i + 4);
        const __m256d even = _mm256_permute4x64_pd(_mm256_unpacklo_pd(lo, hi), 0xD8);
        _mm256_storeu_pd(destination + i, even);
        probe = _mm256_add_pd(probe, _mm256_mul_pd(even, zero));
    }
    double lanes[4], sum = 0;
    _mm256_storeu_pd(lanes, probe);
    for (int j = 0; j < 4; j++) sum += lanes[j];
    for (; i < count; i++) {
        destination[i] = source[2 * i];
        sum += source[2 * i] * 0.0;
    }
    return sum;
}

KERNEL_TARGET void convolve_interleave_f32_avx2(const float *a, const float *b, float *out, long count)
{
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        const __m256 e = _mm256_loadu_ps(a + i), o = b ? _mm256_loadu_ps(b + i) : _mm256_setzero_ps();
        const __m256 lo = _mm256_unpacklo_ps(e, o), hi = _mm256_unpackhi_ps(e, o);
        _mm256_storeu_ps(out + 2 * i, _mm256_permute2f128_ps(lo, hi, 0x20));
        _mm256_storeu_ps(out + 2 * i + 8, _mm256_permute2f128_ps(lo, hi, 0x31));
    }
    for (; i < count; i++) {
        out[2 * i] = a[i];
        out[2 * i + 1] = b ? b[i] : 0.f;
    }
}

KERNEL_TARGET void convolve_interleave_f64_avx2(const double *a, const double *b, double *out, long count)
{
    long i = 0;
    for (; i + 4 <= count; i += 4) {
        const __m256d e = _mm256_loadu_pd(a + i), o = b ? _mm256_loadu_pd(b + i) : _mm256_setzero_pd();
        const __m256d lo = _mm256_unpacklo_pd(e, o), hi = _mm256_unpackhi_pd(e, o);
        _mm256_storeu_pd(out + 2 * i, _mm256_permute2f128_pd(lo, hi, 0x20));
        _mm256_storeu_pd(out + 2 * i + 4, _mm256_permute2f128_pd(lo, hi, 0x31));
    }
    for (; i < count; i++) {
        out[2 * i] = a[i];
        out[2 * i + 1] = b ? b[i] : 0.0;
    }
}
