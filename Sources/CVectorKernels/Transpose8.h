#ifndef CONVOLVE_TRANSPOSE8_H
#define CONVOLVE_TRANSPOSE8_H

#include <immintrin.h>

/* The steps of transpose8_f32 after the first: t[2k] and t[2k + 1] are rows 2k and 2k + 1
   interleaved (unpacklo, unpackhi); the transposed rows go to v. */
static inline __attribute__((always_inline, target("avx2"))) void transpose8_f32_pairs(__m256 t[8], __m256 v[8])
{
    __m256 s[8];
    for (int k = 0; k < 2; k++) {
        s[4 * k] = _mm256_shuffle_ps(t[4 * k], t[4 * k + 2], _MM_SHUFFLE(1, 0, 1, 0));
        s[4 * k + 1] = _mm256_shuffle_ps(t[4 * k], t[4 * k + 2], _MM_SHUFFLE(3, 2, 3, 2));
        s[4 * k + 2] = _mm256_shuffle_ps(t[4 * k + 1], t[4 * k + 3], _MM_SHUFFLE(1, 0, 1, 0));
        s[4 * k + 3] = _mm256_shuffle_ps(t[4 * k + 1], t[4 * k + 3], _MM_SHUFFLE(3, 2, 3, 2));
    }
    for (int k = 0; k < 4; k++) {
        v[k] = _mm256_permute2f128_ps(s[k], s[k + 4], 0x20);
        v[k + 4] = _mm256_permute2f128_ps(s[k], s[k + 4], 0x31);
    }
}

/* v[j][l] ← v[l][j] for eight vectors of eight floats: pairs interleaved, then quads,
   then the 128-bit halves exchanged. AVX only, so that kernels of any AVX2 target inline
   it (the depthwise lanes' interleaving, the channel vectors' packing and stores). */
static inline __attribute__((always_inline, target("avx2"))) void transpose8_f32(__m256 v[8])
{
    __m256 t[8];
    for (int k = 0; k < 4; k++) {
        t[2 * k] = _mm256_unpacklo_ps(v[2 * k], v[2 * k + 1]);
        t[2 * k + 1] = _mm256_unpackhi_ps(v[2 * k], v[2 * k + 1]);
    }
    transpose8_f32_pairs(t, v);
}

/* transpose8_f32 of the eight vectors at rows + j·stride, loaded as the first step consumes
   them (as transpose16_f32_from: no copy of contiguous rows for clang to make a memcpy of). */
static inline __attribute__((always_inline, target("avx2"))) void transpose8_f32_from(const float *rows, long stride,
                                                                                       __m256 v[8])
{
    __m256 t[8];
    for (int k = 0; k < 4; k++) {
        const __m256 a = _mm256_loadu_ps(rows + 2 * k * stride), b = _mm256_loadu_ps(rows + (2 * k + 1) * stride);
        t[2 * k] = _mm256_unpacklo_ps(a, b);
        t[2 * k + 1] = _mm256_unpackhi_ps(a, b);
    }
    transpose8_f32_pairs(t, v);
}

#endif
