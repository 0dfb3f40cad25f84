#include "WinogradKernels.h"
#include <immintrin.h>

/* See WinogradKernels.h. Intrinsics are never contracted into fused multiply-adds; the
   pragma says so for anything else. */
#pragma STDC FP_CONTRACT OFF

#define KERNEL_TARGET __attribute__((target("avx2")))
#define INLINE static inline __attribute__((always_inline)) KERNEL_TARGET

/* The 1-D transforms y = G g (3 → α) of WinogradF2.kernel and WinogradF4.kernel, on vectors
   of type V with the vector operations ADD, SUB, MUL (a constant first) and SET1. */
#define KERNEL_F2(V, ADD, SUB, MUL, SET1, g0, g1, g2, y)                                \
    do {                                                                               \
        const V half = SET1(0.5);                                                      \
        (y)[0] = (g0);                                                                 \
        (y)[1] = MUL(half, ADD(ADD(g0, g1), g2));                                      \
        (y)[2] = MUL(half, ADD(SUB(g0, g1), g2));                                      \
        (y)[3] = (g2);                                                                 \
    } while (0)

#define KERNEL_F4(V, ADD, SUB, MUL, SET1, SCALAR, g0, g1, g2, y)                        \
    do {                                                                               \
        const V quarter = SET1((SCALAR)0.25), minusSixth = SET1(-((SCALAR)1 / (SCALAR)6)); \
        const V sixth = SET1((SCALAR)1 / (SCALAR)6), twelfth = SET1((SCALAR)1 / (SCALAR)12); \
        const V twentyFourth = SET1((SCALAR)1 / (SCALAR)24);                           \
        const V a = MUL(twentyFourth, g0), b = MUL(twelfth, g1), c = MUL(sixth, g2);   \
        (y)[0] = MUL(quarter, g0);                                                     \
        (y)[1] = MUL(minusSixth, ADD(ADD(g0, g1), g2));                                \
        (y)[2] = MUL(minusSixth, ADD(SUB(g0, g1), g2));                                \
        (y)[3] = ADD(ADD(a, b), c);                                                    \
        (y)[4] = ADD(SUB(a, b), c);                                                    \
        (y)[5] = (g2);                                                                 \
    } while (0)

/* G g Gᵀ of the kernels whose taps are in lanes (taps[r] holds tap r of each), element
   α·i + j stored to u + (α·i + j)·step, in that order: G down the three columns into α×3,
   then G along each of the α rows. */
#define TRANSFORM(V, SCALAR, STOREU, KERNEL, ALPHA, taps, u, step)                       \
    do {                                                                               \
        V columns[3][ALPHA], row[ALPHA];                                               \
        SCALAR *to = (u);                                                              \
        for (int j = 0; j < 3; j++) KERNEL(taps[j], taps[j + 3], taps[j + 6], columns[j]); \
        for (int i = 0; i < ALPHA; i++) {                                              \
            KERNEL(columns[0][i], columns[1][i], columns[2][i], row);                  \
            for (int j = 0; j < ALPHA; j++, to += (step)) STOREU(to, row[j]);          \
        }                                                                              \
    } while (0)

#define F2_F32(g0, g1, g2, y) KERNEL_F2(__m256, _mm256_add_ps, _mm256_sub_ps, _mm256_mul_ps, _mm256_set1_ps, g0, g1, g2, y)
#define F4_F32(g0, g1, g2, y) \
    KERNEL_F4(__m256, _mm256_add_ps, _mm256_sub_ps, _mm256_mul_ps, _mm256_set1_ps, float, g0, g1, g2, y)
#define F2_F64(g0, g1, g2, y) KERNEL_F2(__m256d, _mm256_add_pd, _mm256_sub_pd, _mm256_mul_pd, _mm256_set1_pd, g0, g1, g2, y)
#define F4_F64(g0, g1, g2, y) \
    KERNEL_F4(__m256d, _mm256_add_pd, _mm256_sub_pd, _mm256_mul_pd, _mm256_set1_pd, double, g0, g1, g2, y)

/* The nine taps of the eight kernels at g (72 floats) in lanes: taps 0–7 by an 8×8
   transpose of each kernel's first eight taps; tap 8 of kernel k, float 9k + 8 = 8(k + 1) + k,
   is lane k of the (k + 1)-th run of eight floats, so seven blends gather the diagonal. */
INLINE void taps_f32(const float *g, __m256 taps[9])
{
    __m256 r[8], s[8], t[8];
    for (int k = 0; k < 8; k++) r[k] = _mm256_loadu_ps(g + 9 * k);
    for (int k = 0; k < 8; k += 2) {
        s[k] = _mm256_unpacklo_ps(r[k], r[k + 1]);
        s[k + 1] = _mm256_unpackhi_ps(r[k], r[k + 1]);
    }
    for (int k = 0; k < 8; k += 4) {
        t[k] = _mm256_shuffle_ps(s[k], s[k + 2], 0x44);
        t[k + 1] = _mm256_shuffle_ps(s[k], s[k + 2], 0xEE);
        t[k + 2] = _mm256_shuffle_ps(s[k + 1], s[k + 3], 0x44);
        t[k + 3] = _mm256_shuffle_ps(s[k + 1], s[k + 3], 0xEE);
    }
    for (int k = 0; k < 4; k++) {
        taps[k] = _mm256_permute2f128_ps(t[k], t[k + 4], 0x20);
        taps[k + 4] = _mm256_permute2f128_ps(t[k], t[k + 4], 0x31);
    }
    __m256 last = _mm256_loadu_ps(g + 8);
    last = _mm256_blend_ps(last, _mm256_loadu_ps(g + 16), 0x02);
    last = _mm256_blend_ps(last, _mm256_loadu_ps(g + 24), 0x04);
    last = _mm256_blend_ps(last, _mm256_loadu_ps(g + 32), 0x08);
    last = _mm256_blend_ps(last, _mm256_loadu_ps(g + 40), 0x10);
    last = _mm256_blend_ps(last, _mm256_loadu_ps(g + 48), 0x20);
    last = _mm256_blend_ps(last, _mm256_loadu_ps(g + 56), 0x40);
    taps[8] = _mm256_blend_ps(last, _mm256_loadu_ps(g + 64), 0x80);
}

/* The same for four double kernels (36 doubles): taps 0–3 and 4–7 by two 4×4 transposes;
   tap 8 of kernel k, double 9k + 8 = 4(2k + 2) + k, is lane k of the (2k + 2)-th run of four. */
INLINE void taps_f64(const double *g, __m256d taps[9])
{
    for (int half = 0; half < 2; half++) {
        __m256d r[4], s[4];
        for (int k = 0; k < 4; k++) r[k] = _mm256_loadu_pd(g + 9 * k + 4 * half);
        s[0] = _mm256_unpacklo_pd(r[0], r[1]);
        s[1] = _mm256_unpackhi_pd(r[0], r[1]);
        s[2] = _mm256_unpacklo_pd(r[2], r[3]);
        s[3] = _mm256_unpackhi_pd(r[2], r[3]);
        taps[4 * half + 0] = _mm256_permute2f128_pd(s[0], s[2], 0x20);
        taps[4 * half + 1] = _mm256_permute2f128_pd(s[1], s[3], 0x20);
        taps[4 * half + 2] = _mm256_permute2f128_pd(s[0], s[2], 0x31);
        taps[4 * half + 3] = _mm256_permute2f128_pd(s[1], s[3], 0x31);
    }
    __m256d last = _mm256_loadu_pd(g + 8);
    last = _mm256_blend_pd(last, _mm256_loadu_pd(g + 16), 0x2);
    last = _mm256_blend_pd(last, _mm256_loadu_pd(g + 24), 0x4);
    taps[8] = _mm256_blend_pd(last, _mm256_loadu_pd(g + 32), 0x8);
}

/* Each entry point once per precision: WIDTH kernels a pass, their taps from TAPS. */
#define WINOGRAD_KERNELS(NAME, SCALAR, V, WIDTH, TAPS, STOREU, F2, F4)                          \
    KERNEL_TARGET long NAME(const SCALAR *g, long count, int outputs, SCALAR *u, long step)     \
    {                                                                                           \
        long n = 0;                                                                             \
        for (; n + WIDTH <= count; n += WIDTH) {                                                \
            V taps[9];                                                                          \
            TAPS(g + 9 * n, taps);                                                              \
            if (outputs == 2) {                                                                 \
                TRANSFORM(V, SCALAR, STOREU, F2, 4, taps, u + n, step);                         \
            } else {                                                                            \
                TRANSFORM(V, SCALAR, STOREU, F4, 6, taps, u + n, step);                         \
            }                                                                                   \
        }                                                                                       \
        return n;                                                                               \
    }

WINOGRAD_KERNELS(convolve_winograd_kernels_f32_avx2, float, __m256, 8, taps_f32, _mm256_storeu_ps, F2_F32, F4_F32)
WINOGRAD_KERNELS(convolve_winograd_kernels_f64_avx2, double, __m256d, 4, taps_f64, _mm256_storeu_pd, F2_F64, F4_F64)
