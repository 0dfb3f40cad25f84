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

/* Each function once per precision: SCALAR and its vector type, the complex values (or
   scalars) per vector, and the intrinsics that differ. */
#define MULTIPLY_CONJUGATE(NAME, SCALAR, BINS, LOADU, STOREU, ADD, PRODUCT)                         \
    KERNEL_TARGET void NAME(const SCALAR *x, const SCALAR *k, SCALAR *out, long bins, int accumulate) \
    {                                                                                               \
        long i = 0;                                                                                 \
        for (; i + BINS <= bins; i += BINS) {                                                       \
            __typeof__(LOADU(x)) p = PRODUCT(LOADU(x + 2 * i), LOADU(k + 2 * i));                  \
            if (accumulate) p = ADD(LOADU(out + 2 * i), p);                                         \
            STOREU(out + 2 * i, p);                                                                 \
        }                                                                                           \
        for (; i < bins; i++) {                                                                     \
            const SCALAR a = x[2 * i], b = x[2 * i + 1], c = k[2 * i], d = k[2 * i + 1];            \
            const SCALAR re = a * c + b * d, im = b * c - a * d;                                    \
            out[2 * i] = accumulate ? out[2 * i] + re : re;                                         \
            out[2 * i + 1] = accumulate ? out[2 * i + 1] + im : im;                                 \
        }                                                                                           \
    }

MULTIPLY_CONJUGATE(convolve_multiply_conjugate_f32_avx2, float, 4, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_add_ps,
                   product_f32)
MULTIPLY_CONJUGATE(convolve_multiply_conjugate_f64_avx2, double, 2, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_add_pd,
                   product_f64)

/* The even scalars of two vectors (lo, hi), in order. Float: within each 128-bit half the
   shuffle takes lo's and hi's even lanes, (s0, s2, s8, s10 | s4, s6, s12, s14), and the
   permutation of 64-bit pairs puts them back in order. Double: (s0, s4 | s2, s6), likewise. */
static inline __attribute__((always_inline)) KERNEL_TARGET __m256 even_f32(__m256 lo, __m256 hi)
{
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(_mm256_shuffle_ps(lo, hi, 0x88)), 0xD8));
}
static inline __attribute__((always_inline)) KERNEL_TARGET __m256d even_f64(__m256d lo, __m256d hi)
{
    return _mm256_permute4x64_pd(_mm256_unpacklo_pd(lo, hi), 0xD8);
}

/* LANES outputs from 2·LANES scalars at a time. The loop stops while the last scalar a
   vector pair reads (2i + 2·LANES − 1) is still before the last one wanted, so nothing
   past it is read. */
#define COPY_EVEN(NAME, SCALAR, LANES, LOADU, STOREU, ADD, MUL, ZERO, EVEN)                         \
    KERNEL_TARGET SCALAR NAME(const SCALAR *source, SCALAR *destination, long count)               \
    {                                                                                               \
        __typeof__(ZERO()) probe = ZERO();                                                          \
        long i = 0;                                                                                 \
        for (; i + LANES < count; i += LANES) {                                                     \
            const __typeof__(ZERO()) even = EVEN(LOADU(source + 2 * i), LOADU(source + 2 * i + LANES)); \
            STOREU(destination + i, even);                                                          \
            probe = ADD(probe, MUL(even, ZERO()));                                                  \
        }                                                                                           \
        SCALAR lanes[LANES], sum = 0;                                                               \
        STOREU(lanes, probe);                                                                       \
        for (int j = 0; j < LANES; j++) sum += lanes[j];                                            \
        for (; i < count; i++) {                                                                    \
            destination[i] = source[2 * i];                                                         \
            sum += source[2 * i] * (SCALAR)0;                                                       \
        }                                                                                           \
        return sum;                                                                                 \
    }

COPY_EVEN(convolve_copy_even_f32_avx2, float, 8, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_add_ps, _mm256_mul_ps,
          _mm256_setzero_ps, even_f32)
COPY_EVEN(convolve_copy_even_f64_avx2, double, 4, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_add_pd, _mm256_mul_pd,
          _mm256_setzero_pd, even_f64)

/* LANES scalars of each frame at a time: unpacking pairs them within 128-bit halves, and
   the two cross-half permutations put the halves in order. */
#define INTERLEAVE(NAME, SCALAR, LANES, LOADU, STOREU, ZERO, UNPACKLO, UNPACKHI, HALVES)            \
    KERNEL_TARGET void NAME(const SCALAR *a, const SCALAR *b, SCALAR *out, long count)             \
    {                                                                                               \
        long i = 0;                                                                                 \
        for (; i + LANES <= count; i += LANES) {                                                    \
            const __typeof__(ZERO()) e = LOADU(a + i), o = b ? LOADU(b + i) : ZERO();               \
            const __typeof__(ZERO()) lo = UNPACKLO(e, o), hi = UNPACKHI(e, o);                      \
            STOREU(out + 2 * i, HALVES(lo, hi, 0x20));                                              \
            STOREU(out + 2 * i + LANES, HALVES(lo, hi, 0x31));                                      \
        }                                                                                           \
        for (; i < count; i++) {                                                                    \
            out[2 * i] = a[i];                                                                      \
            out[2 * i + 1] = b ? b[i] : (SCALAR)0;                                                  \
        }                                                                                           \
    }

INTERLEAVE(convolve_interleave_f32_avx2, float, 8, _mm256_loadu_ps, _mm256_storeu_ps, _mm256_setzero_ps,
           _mm256_unpacklo_ps, _mm256_unpackhi_ps, _mm256_permute2f128_ps)
INTERLEAVE(convolve_interleave_f64_avx2, double, 4, _mm256_loadu_pd, _mm256_storeu_pd, _mm256_setzero_pd,
           _mm256_unpacklo_pd, _mm256_unpackhi_pd, _mm256_permute2f128_pd)
