#ifndef CONVOLVE_TRANSPOSE16_H
#define CONVOLVE_TRANSPOSE16_H

#include <immintrin.h>

/* The steps of transpose16_f32 after the first: t[2k] and t[2k + 1] are rows 2k and 2k + 1
   interleaved (unpacklo, unpackhi); the transposed rows go to v. */
static inline __attribute__((always_inline, target("avx512f"))) void transpose16_f32_pairs(__m512 t[16], __m512 v[16])
{
    __m512 s[16];
    /* s[4b + k], lane L: column 4L + k of rows 4b ..< 4b + 4. */
    for (int b = 0; b < 4; b++) {
        s[4 * b] = _mm512_shuffle_ps(t[4 * b], t[4 * b + 2], _MM_SHUFFLE(1, 0, 1, 0));
        s[4 * b + 1] = _mm512_shuffle_ps(t[4 * b], t[4 * b + 2], _MM_SHUFFLE(3, 2, 3, 2));
        s[4 * b + 2] = _mm512_shuffle_ps(t[4 * b + 1], t[4 * b + 3], _MM_SHUFFLE(1, 0, 1, 0));
        s[4 * b + 3] = _mm512_shuffle_ps(t[4 * b + 1], t[4 * b + 3], _MM_SHUFFLE(3, 2, 3, 2));
    }
    /* Column 4L + k is lane L of s[k], s[4 + k], s[8 + k], s[12 + k]: lanes 0–1 and 2–3 of
       each pair of row blocks first, then the even and odd lanes of those. */
    for (int k = 0; k < 4; k++) {
        const __m512 low01 = _mm512_shuffle_f32x4(s[k], s[4 + k], 0x44);
        const __m512 high01 = _mm512_shuffle_f32x4(s[k], s[4 + k], 0xEE);
        const __m512 low23 = _mm512_shuffle_f32x4(s[8 + k], s[12 + k], 0x44);
        const __m512 high23 = _mm512_shuffle_f32x4(s[8 + k], s[12 + k], 0xEE);
        v[k] = _mm512_shuffle_f32x4(low01, low23, 0x88);
        v[4 + k] = _mm512_shuffle_f32x4(low01, low23, 0xDD);
        v[8 + k] = _mm512_shuffle_f32x4(high01, high23, 0x88);
        v[12 + k] = _mm512_shuffle_f32x4(high01, high23, 0xDD);
    }
}

/* v[j][l] ← v[l][j] for sixteen vectors of sixteen floats: pairs interleaved, then quads
   (each 128-bit lane then holds four rows of one column), then the lanes gathered in two
   exchanges of 128-bit blocks. AVX-512 F only, so that kernels of any AVX-512 target
   inline it (the depthwise lanes' interleaving and its inverse, the channel vectors'
   packing and stores). */
static inline __attribute__((always_inline, target("avx512f"))) void transpose16_f32(__m512 v[16])
{
    __m512 t[16];
    for (int k = 0; k < 8; k++) {
        t[2 * k] = _mm512_unpacklo_ps(v[2 * k], v[2 * k + 1]);
        t[2 * k + 1] = _mm512_unpackhi_ps(v[2 * k], v[2 * k + 1]);
    }
    transpose16_f32_pairs(t, v);
}

/* transpose16_f32 of the sixteen vectors at rows + j·stride, loaded as the first step
   consumes them: a loop loading contiguous rows into v[] first is a copy that clang turns
   into a call of memcpy (the depthwise lanes' sums: a libc call and a vzeroupper every
   square, 5% of c960@7²'s call on an AMD Zen 4). */
static inline __attribute__((always_inline, target("avx512f"))) void transpose16_f32_from(const float *rows, long stride,
                                                                                           __m512 v[16])
{
    __m512 t[16];
    for (int k = 0; k < 8; k++) {
        const __m512 a = _mm512_loadu_ps(rows + 2 * k * stride), b = _mm512_loadu_ps(rows + (2 * k + 1) * stride);
        t[2 * k] = _mm512_unpacklo_ps(a, b);
        t[2 * k + 1] = _mm512_unpackhi_ps(a, b);
    }
    transpose16_f32_pairs(t, v);
}

#endif
