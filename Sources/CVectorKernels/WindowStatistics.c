#include "WindowStatistics.h"
#include <immintrin.h>
#include <math.h>

/* See WindowStatistics.h. No fused multiply-adds anywhere: intrinsics are never contracted,
   and the pragma keeps the scalar tails' `a + b·c` from being contracted either, so every
   value is rounded where the Swift code rounds it. */
#pragma STDC FP_CONTRACT OFF

#define KERNEL_TARGET __attribute__((target("avx2")))

/* Four pixels as doubles. */
static inline __attribute__((always_inline)) KERNEL_TARGET __m256d load4_f32(const float *p)
{
    return _mm256_cvtps_pd(_mm_loadu_ps(p));
}
static inline __attribute__((always_inline)) KERNEL_TARGET __m256d load4_f64(const double *p)
{
    return _mm256_loadu_pd(p);
}

/* |v| without touching NaN's payload: the sign bit cleared. */
static inline __attribute__((always_inline)) KERNEL_TARGET __m256d abs4(__m256d v)
{
    return _mm256_andnot_pd(_mm256_set1_pd(-0.0), v);
}

#define COLUMNS_ADD(NAME, PIXEL, LOAD4)                                                            \
    KERNEL_TARGET void NAME(const PIXEL *row, long width, double *squares, double *sums,           \
                            double *magnitudes)                                                    \
    {                                                                                              \
        long x = 0;                                                                                \
        for (; x + 4 <= width; x += 4) {                                                           \
            __m256d v = LOAD4(row + x);                                                            \
            _mm256_storeu_pd(squares + x, _mm256_add_pd(_mm256_loadu_pd(squares + x), _mm256_mul_pd(v, v))); \
            if (sums) _mm256_storeu_pd(sums + x, _mm256_add_pd(_mm256_loadu_pd(sums + x), v));    \
            if (magnitudes)                                                                        \
                _mm256_storeu_pd(magnitudes + x, _mm256_add_pd(_mm256_loadu_pd(magnitudes + x), abs4(v))); \
        }                                                                                          \
        for (; x < width; x++) {                                                                   \
            double v = (double)row[x];                                                             \
            squares[x] += v * v;                                                                   \
            if (sums) sums[x] += v;                                                                \
            if (magnitudes) magnitudes[x] += fabs(v);                                              \
        }                                                                                          \
    }

#define COLUMNS_STEP(NAME, PIXEL, LOAD4)                                                           \
    KERNEL_TARGET void NAME(const PIXEL *incoming, const PIXEL *outgoing, long width,              \
                            double *squares, double *sums)                                         \
    {                                                                                              \
        long x = 0;                                                                                \
        for (; x + 4 <= width; x += 4) {                                                           \
            __m256d a = LOAD4(incoming + x), b = LOAD4(outgoing + x);                              \
            __m256d q = _mm256_add_pd(_mm256_loadu_pd(squares + x), _mm256_mul_pd(a, a));          \
            _mm256_storeu_pd(squares + x, _mm256_sub_pd(q, _mm256_mul_pd(b, b)));                  \
            if (sums)                                                                              \
                _mm256_storeu_pd(sums + x, _mm256_sub_pd(_mm256_add_pd(_mm256_loadu_pd(sums + x), a), b)); \
        }                                                                                          \
        for (; x < width; x++) {                                                                   \
            double a = (double)incoming[x], b = (double)outgoing[x];                               \
            double q = squares[x] + a * a;                                                         \
            squares[x] = q - b * b;                                                                \
            if (sums) {                                                                            \
                double s = sums[x] + a;                                                            \
                sums[x] = s - b;                                                                   \
            }                                                                                      \
        }                                                                                          \
    }

COLUMNS_ADD(convolve_columns_add_f32_avx2, float, load4_f32)
COLUMNS_ADD(convolve_columns_add_f64_avx2, double, load4_f64)
COLUMNS_STEP(convolve_columns_step_f32_avx2, float, load4_f32)
COLUMNS_STEP(convolve_columns_step_f64_avx2, double, load4_f64)

/* The starts of the four quarters of c: 0, then the running total of the quarters' sums,
   each quarter summed as four lane-wise partial sums added left to right. */
static inline __attribute__((always_inline)) KERNEL_TARGET void quarter_starts(const double *c, long length,
                                                                                double start[4])
{
    __m256d partial0 = _mm256_setzero_pd(), partial1 = partial0, partial2 = partial0;
    for (long x = 0; x < length; x += 4) {
        partial0 = _mm256_add_pd(partial0, _mm256_loadu_pd(c + x));
        partial1 = _mm256_add_pd(partial1, _mm256_loadu_pd(c + x + length));
        partial2 = _mm256_add_pd(partial2, _mm256_loadu_pd(c + x + 2 * length));
    }
    double l0[4], l1[4], l2[4];
    _mm256_storeu_pd(l0, partial0);
    _mm256_storeu_pd(l1, partial1);
    _mm256_storeu_pd(l2, partial2);
    start[0] = 0;
    start[1] = ((l0[0] + l0[1]) + l0[2]) + l0[3];
    start[2] = start[1] + (((l1[0] + l1[1]) + l1[2]) + l1[3]);
    start[3] = start[2] + (((l2[0] + l2[1]) + l2[2]) + l2[3]);
}

KERNEL_TARGET void convolve_prefix_quarters(const double *c, const double *c2, long length, double *p, double *p2)
{
    double r[4], s[4] = {0, 0, 0, 0};
    quarter_starts(c, length, r);
    if (c2) quarter_starts(c2, length, s);
    const double *a0 = c, *a1 = c + length, *a2 = c + 2 * length, *a3 = c + 3 * length;
    double *q0 = p + 1, *q1 = q0 + length, *q2 = q1 + length, *q3 = q2 + length;
    double r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3];
    p[0] = 0;
    if (!c2) {
        for (long i = 0; i < length; i++) {
            r0 += a0[i]; q0[i] = r0;
            r1 += a1[i]; q1[i] = r1;
            r2 += a2[i]; q2[i] = r2;
            r3 += a3[i]; q3[i] = r3;
        }
        return;
    }
    const double *b0 = c2, *b1 = c2 + length, *b2 = c2 + 2 * length, *b3 = c2 + 3 * length;
    double *t0 = p2 + 1, *t1 = t0 + length, *t2 = t1 + length, *t3 = t2 + length;
    double s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
    p2[0] = 0;
    for (long i = 0; i < length; i++) {
        r0 += a0[i]; q0[i] = r0;
        s0 += b0[i]; t0[i] = s0;
        r1 += a1[i]; q1[i] = r1;
        s1 += b1[i]; t1[i] = s1;
        r2 += a2[i]; q2[i] = r2;
        s2 += b2[i]; t2[i] = s2;
        r3 += a3[i]; q3[i] = r3;
        s3 += b3[i]; t3[i] = s3;
    }
}

/* Four windows' d = variance / Σ_image I² as doubles (0 where flat). */
static inline __attribute__((always_inline)) KERNEL_TARGET __m256d scaled_variances(const ConvolveZNCCRow *row,
                                                                                     long x)
{
    const __m256d zero = _mm256_setzero_pd();
    __m256d q = _mm256_sub_pd(_mm256_loadu_pd(row->squares + x + row->w), _mm256_loadu_pd(row->squares + x));
    /* max(q, 0) and |s| here, where the Swift loop selects 0 or −s under a comparison: the
       same values whenever they can matter (they differ only in the sign of a zero, and a
       window whose q is ±0 or whose s is ±0 lands on the same side of the threshold). */
    q = _mm256_max_pd(q, zero);
    __m256d s = _mm256_sub_pd(_mm256_loadu_pd(row->sums + x + row->w), _mm256_loadu_pd(row->sums + x));
    __m256d variance = _mm256_sub_pd(q, _mm256_mul_pd(_mm256_mul_pd(s, s), _mm256_set1_pd(row->inverse_n)));
    __m256d magnitude = abs4(s);
    __m256d threshold = _mm256_add_pd(
        _mm256_add_pd(_mm256_mul_pd(_mm256_set1_pd(row->per_square), q), _mm256_mul_pd(_mm256_set1_pd(row->slope), magnitude)),
        _mm256_set1_pd(row->base));
    __m256d scaled = _mm256_mul_pd(variance, _mm256_set1_pd(row->inverse_total));
    return _mm256_blendv_pd(scaled, zero, _mm256_cmp_pd(variance, threshold, _CMP_LE_OQ));
}

/* The last step for outputs [x0, x1) (x1 − x0 a multiple of 8), their d already in d[0 ..<]. */
static inline __attribute__((always_inline)) KERNEL_TARGET void scores8(float *c, const float *d, long count,
                                                                         float scale)
{
    const __m256 half = _mm256_set1_ps(0.5f), three_halves = _mm256_set1_ps(1.5f), one = _mm256_set1_ps(1.0f);
    const __m256 minus_one = _mm256_set1_ps(-1.0f), factor = _mm256_set1_ps(scale), zero = _mm256_setzero_ps();
    const __m256i magic = _mm256_set1_epi32(0x5f3759df);
    for (long x = 0; x < count; x += 8) {
        __m256 dx = _mm256_loadu_ps(d + x);
        __m256 y = _mm256_castsi256_ps(_mm256_sub_epi32(magic, _mm256_srli_epi32(_mm256_castps_si256(dx), 1)));
        __m256 half_d = _mm256_mul_ps(half, dx);
        for (int step = 0; step < 3; step++)
            y = _mm256_mul_ps(y, _mm256_sub_ps(three_halves, _mm256_mul_ps(_mm256_mul_ps(half_d, y), y)));
        __m256 r = _mm256_mul_ps(_mm256_mul_ps(_mm256_loadu_ps(c + x), factor), y);
        r = _mm256_blendv_ps(r, one, _mm256_cmp_ps(r, one, _CMP_GT_OQ));
        r = _mm256_blendv_ps(r, minus_one, _mm256_cmp_ps(r, minus_one, _CMP_LT_OQ));
        r = _mm256_blendv_ps(r, zero, _mm256_cmp_ps(dx, zero, _CMP_EQ_OQ));
        _mm256_storeu_ps(c + x, r);
    }
}

KERNEL_TARGET void convolve_zncc_row_f32_avx2(const ConvolveZNCCRow *row)
{
    const long count = row->count, w = row->w;
    float *c = row->scores;
    /* Two passes over chunks that stay in L1 (the variances, then the scores): each pass's
       iterations are short chains the processor overlaps. One fused pass over the row took
       1.66, 1.95, 2.49 ms per 1000 rows of 961 where two passes took 1.08, 1.53, 1.75 (a C
       harness, best of 150, the two alternating). */
    enum { CHUNK = 512 };
    float d[CHUNK];
    long x = 0;
    for (; x + 8 <= count; ) {
        long n = count - x >= CHUNK ? CHUNK : (count - x) / 8 * 8;
        for (long i = 0; i < n; i += 8) {
            __m128 low = _mm256_cvtpd_ps(scaled_variances(row, x + i));
            __m128 high = _mm256_cvtpd_ps(scaled_variances(row, x + i + 4));
            _mm256_storeu_ps(d + i, _mm256_insertf128_ps(_mm256_castps128_ps256(low), high, 1));
        }
        scores8(c + x, d, n, row->scale);
        x += n;
    }
    for (; x < count; x++) {
        double q = row->squares[x + w] - row->squares[x];
        if (q < 0) q = 0;
        double s = row->sums[x + w] - row->sums[x];
        double variance = q - s * s * row->inverse_n;
        double threshold = (row->per_square * q + row->slope * fabs(s)) + row->base;
        float d = variance <= threshold ? 0.0f : (float)(variance * row->inverse_total);
        if (d == 0) {
            c[x] = 0;
        } else {
            float score = row->scale * c[x] / sqrtf(d);
            c[x] = score > 1 ? 1 : (score < -1 ? -1 : score);
        }
    }
}
