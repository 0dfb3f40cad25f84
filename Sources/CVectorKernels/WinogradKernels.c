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

/* The 1-D input and output transforms of WinogradF2, WinogradF4 and WinogradF2K5 (whose
   input transform is WinogradF4's) on eight float tiles:
   x[i·xs] → y[i·ys], the Swift expressions' operations in their order. */
INLINE void input_f2(const __m256 *x, int xs, __m256 *y, int ys)
{
    const __m256 x0 = x[0], x1 = x[xs], x2 = x[2 * xs], x3 = x[3 * xs];
    y[0] = _mm256_sub_ps(x0, x2);
    y[ys] = _mm256_add_ps(x1, x2);
    y[2 * ys] = _mm256_sub_ps(x2, x1);
    y[3 * ys] = _mm256_sub_ps(x1, x3);
}

INLINE void input_f4(const __m256 *x, int xs, __m256 *y, int ys)
{
    const __m256 x0 = x[0], x1 = x[xs], x2 = x[2 * xs], x3 = x[3 * xs], x4 = x[4 * xs], x5 = x[5 * xs];
    const __m256 two = _mm256_set1_ps(2), four = _mm256_set1_ps(4), five = _mm256_set1_ps(5);
    y[0] = _mm256_add_ps(_mm256_sub_ps(_mm256_mul_ps(four, x0), _mm256_mul_ps(five, x2)), x4);
    y[ys] = _mm256_sub_ps(_mm256_add_ps(x3, x4), _mm256_mul_ps(four, _mm256_add_ps(x1, x2)));
    y[2 * ys] = _mm256_sub_ps(_mm256_add_ps(_mm256_mul_ps(four, _mm256_sub_ps(x1, x2)), x4), x3);
    y[3 * ys] = _mm256_sub_ps(_mm256_add_ps(_mm256_mul_ps(two, _mm256_sub_ps(x3, x1)), x4), x2);
    y[4 * ys] = _mm256_sub_ps(_mm256_add_ps(_mm256_mul_ps(two, _mm256_sub_ps(x1, x3)), x4), x2);
    y[5 * ys] = _mm256_add_ps(_mm256_sub_ps(_mm256_mul_ps(four, x1), _mm256_mul_ps(five, x3)), x5);
}

INLINE void output_f2(const __m256 *m, int ms, __m256 *y, int ys)
{
    const __m256 m0 = m[0], m1 = m[ms], m2 = m[2 * ms], m3 = m[3 * ms];
    y[0] = _mm256_add_ps(_mm256_add_ps(m0, m1), m2);
    y[ys] = _mm256_sub_ps(_mm256_sub_ps(m1, m2), m3);
}

/* WinogradF2K5.output: Aᵀ m (6 → 2). */
INLINE void output_f2k5(const __m256 *m, int ms, __m256 *y, int ys)
{
    const __m256 m0 = m[0], m1 = m[ms], m2 = m[2 * ms], m3 = m[3 * ms], m4 = m[4 * ms], m5 = m[5 * ms];
    y[0] = _mm256_add_ps(_mm256_add_ps(m0, _mm256_add_ps(m1, m2)), _mm256_add_ps(m3, m4));
    y[ys] = _mm256_add_ps(_mm256_add_ps(_mm256_sub_ps(m1, m2), _mm256_mul_ps(_mm256_set1_ps(2), _mm256_sub_ps(m3, m4))),
                          m5);
}

INLINE void output_f4(const __m256 *m, int ms, __m256 *y, int ys)
{
    const __m256 m0 = m[0], m1 = m[ms], m2 = m[2 * ms], m3 = m[3 * ms], m4 = m[4 * ms], m5 = m[5 * ms];
    const __m256 a = _mm256_add_ps(m1, m2), b = _mm256_sub_ps(m1, m2), c = _mm256_add_ps(m3, m4),
                 d = _mm256_sub_ps(m3, m4);
    y[0] = _mm256_add_ps(_mm256_add_ps(m0, a), c);
    y[ys] = _mm256_add_ps(b, _mm256_mul_ps(_mm256_set1_ps(2), d));
    y[2 * ys] = _mm256_add_ps(a, _mm256_mul_ps(_mm256_set1_ps(4), c));
    y[3 * ys] = _mm256_add_ps(_mm256_add_ps(b, _mm256_mul_ps(_mm256_set1_ps(8), d)), m5);
}

/* v shifted down one lane (lane k takes lane k + 1) with `last` in lane 7. */
INLINE __m256 next_lanes(__m256 v, const float *last)
{
    const __m256i up = _mm256_setr_epi32(1, 2, 3, 4, 5, 6, 7, 7);
    return _mm256_blend_ps(_mm256_permutevar8x32_ps(v, up), _mm256_broadcast_ss(last), 0x80);
}

/* Lane k of x[j] = p[mk + j] for j < α: the row of eight windows m apart. With m = 4 the
   32 floats from p are loaded as tile pairs (k, k + 4) in the two halves and transposed
   (j < 4); windows' elements 4 and 5 are the next window's 0 and 1. With m = 2 the 16
   floats' even and odd elements; 2 and 3 are the next window's 0 and 1. */
INLINE void window_row_f4(const float *p, __m256 *x)
{
    const __m256 r0 = _mm256_loadu2_m128(p + 16, p), r1 = _mm256_loadu2_m128(p + 20, p + 4);
    const __m256 r2 = _mm256_loadu2_m128(p + 24, p + 8), r3 = _mm256_loadu2_m128(p + 28, p + 12);
    const __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
    const __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
    x[0] = _mm256_shuffle_ps(t0, t2, 0x44);
    x[1] = _mm256_shuffle_ps(t0, t2, 0xEE);
    x[2] = _mm256_shuffle_ps(t1, t3, 0x44);
    x[3] = _mm256_shuffle_ps(t1, t3, 0xEE);
    x[4] = next_lanes(x[0], p + 32);
    x[5] = next_lanes(x[1], p + 33);
}

INLINE void window_row_f2(const float *p, __m256 *x)
{
    const __m256 r0 = _mm256_loadu2_m128(p + 8, p), r1 = _mm256_loadu2_m128(p + 12, p + 4);
    x[0] = _mm256_shuffle_ps(r0, r1, 0x88);
    x[1] = _mm256_shuffle_ps(r0, r1, 0xDD);
    x[2] = next_lanes(x[0], p + 16);
    x[3] = next_lanes(x[1], p + 17);
}

/* F(2×2, 5×5)'s rows: windows 2 apart as window_row_f2, six elements each (4 and 5 are the
   next window's 2 and 3). */
INLINE void window_row_f2k5(const float *p, __m256 *x)
{
    window_row_f2(p, x);
    x[4] = next_lanes(x[2], p + 18);
    x[5] = next_lanes(x[3], p + 19);
}

/* Bᵀ D B: the α windows' rows gathered into d[α·i + j], G-like passes down the columns and
   along the rows (as transformInputs8), element ξ stored to v + ξ·step. */
#define INPUTS8(ALPHA, ROW, INPUT)                                                       \
    do {                                                                               \
        __m256 gathered[ALPHA * ALPHA], columns[ALPHA * ALPHA];                        \
        for (int i = 0; i < ALPHA; i++) ROW(d + i * rowStride, gathered + ALPHA * i);   \
        for (int j = 0; j < ALPHA; j++) INPUT(gathered + j, ALPHA, columns + j, ALPHA); \
        for (int i = 0; i < ALPHA; i++) INPUT(columns + ALPHA * i, 1, gathered + ALPHA * i, 1); \
        float *to = v;                                                                 \
        for (int xi = 0; xi < ALPHA * ALPHA; xi++, to += step) _mm256_storeu_ps(to, gathered[xi]); \
    } while (0)

KERNEL_TARGET void convolve_winograd_inputs8_f32_avx2(const float *d, long rowStride, int tile, float *v,
                                                      long step)
{
    if (tile == 2) {
        INPUTS8(4, window_row_f2, input_f2);
    } else if (tile == 25) {
        INPUTS8(6, window_row_f2k5, input_f4);
    } else {
        INPUTS8(6, window_row_f4, input_f4);
    }
}

/* Lane k of x[j] = p[offsets[k] + j] for j < α: eight windows anywhere, element by element. */
#define GATHERED_ROW(ALPHA)                                                               \
    INLINE void gathered_row_##ALPHA(const float *p, const long *offsets, __m256 *x)       \
    {                                                                                      \
        for (int j = 0; j < ALPHA; j++)                                                    \
            x[j] = _mm256_setr_ps(p[offsets[0] + j], p[offsets[1] + j], p[offsets[2] + j], \
                                  p[offsets[3] + j], p[offsets[4] + j], p[offsets[5] + j], \
                                  p[offsets[6] + j], p[offsets[7] + j]);                   \
    }
GATHERED_ROW(4)
GATHERED_ROW(6)
#define GATHERED_ROW_4(p, x) gathered_row_4(p, offsets, x)
#define GATHERED_ROW_6(p, x) gathered_row_6(p, offsets, x)

KERNEL_TARGET void convolve_winograd_inputs8_gathered_f32_avx2(const float *plane, const long *offsets,
                                                               long rowStride, int tile, float *v, long step)
{
    const float *d = plane;
    if (tile == 2) {
        INPUTS8(4, GATHERED_ROW_4, input_f2);
    } else {
        INPUTS8(6, GATHERED_ROW_6, input_f4);
    }
}

/* Row i of the eight tiles, y[m·i + s] holding output (i, s) of tile k in lane k, stored
   to the tiles' places: with m = 4 a transpose puts tile k's row in a 128-bit half; with
   m = 2 interleaving puts it in a 64-bit quarter. */
INLINE void store_row_f4(const __m256 *y, float *out, const long *corners)
{
    const __m256 u0 = _mm256_unpacklo_ps(y[0], y[1]), u1 = _mm256_unpackhi_ps(y[0], y[1]);
    const __m256 u2 = _mm256_unpacklo_ps(y[2], y[3]), u3 = _mm256_unpackhi_ps(y[2], y[3]);
    const __m256 w[4] = {_mm256_shuffle_ps(u0, u2, 0x44), _mm256_shuffle_ps(u0, u2, 0xEE),
                         _mm256_shuffle_ps(u1, u3, 0x44), _mm256_shuffle_ps(u1, u3, 0xEE)};
    for (int k = 0; k < 4; k++) {
        _mm_storeu_ps(out + corners[k], _mm256_castps256_ps128(w[k]));
        _mm_storeu_ps(out + corners[k + 4], _mm256_extractf128_ps(w[k], 1));
    }
}

INLINE void store_row_f2(const __m256 *y, float *out, const long *corners)
{
    const __m256 u[2] = {_mm256_unpacklo_ps(y[0], y[1]), _mm256_unpackhi_ps(y[0], y[1])};
    for (int h = 0; h < 2; h++) {
        const __m128 low = _mm256_castps256_ps128(u[h]), high = _mm256_extractf128_ps(u[h], 1);
        _mm_storel_pi((__m64 *)(out + corners[2 * h]), low);
        _mm_storeh_pi((__m64 *)(out + corners[2 * h + 1]), low);
        _mm_storel_pi((__m64 *)(out + corners[2 * h + 4]), high);
        _mm_storeh_pi((__m64 *)(out + corners[2 * h + 5]), high);
    }
}

/* Aᵀ M A as outputTiles8: the α² elements loaded, Aᵀ down the columns into m×α, then
   along each of the m rows, `bias` added (when asked), each row stored. */
#define OUTPUTS8(ALPHA, M, OUTPUT, STORE_ROW)                                           \
    do {                                                                               \
        __m256 loaded[ALPHA * ALPHA], columns[ALPHA * ALPHA], row[M];                  \
        const __m256 b = _mm256_set1_ps(bias);                                         \
        const float *from = m;                                                         \
        for (int xi = 0; xi < ALPHA * ALPHA; xi++, from += step) loaded[xi] = _mm256_loadu_ps(from); \
        for (int j = 0; j < ALPHA; j++) OUTPUT(loaded + j, ALPHA, columns + j, ALPHA);  \
        for (int i = 0; i < M; i++) {                                                  \
            OUTPUT(columns + ALPHA * i, 1, row, 1);                                    \
            if (addBias)                                                               \
                for (int s = 0; s < M; s++) row[s] = _mm256_add_ps(row[s], b);         \
            STORE_ROW(row, y + i * rowStride, corners);                                \
        }                                                                              \
    } while (0)

KERNEL_TARGET void convolve_winograd_outputs8_f32_avx2(const float *m, long step, int tile, float *y,
                                                       const long *corners, long rowStride, float bias, int addBias)
{
    if (tile == 2) {
        OUTPUTS8(4, 2, output_f2, store_row_f2);
    } else if (tile == 25) {
        OUTPUTS8(6, 2, output_f2k5, store_row_f2);
    } else {
        OUTPUTS8(6, 4, output_f4, store_row_f4);
    }
}
