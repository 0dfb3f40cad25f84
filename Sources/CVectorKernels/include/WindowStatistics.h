#ifndef CONVOLVE_WINDOW_STATISTICS_H
#define CONVOLVE_WINDOW_STATISTICS_H

/* Template matching's window statistics (Sources/Convolve/Image/WindowSums.swift and
   ZNCCRows.swift) compiled for AVX2: four doubles per instruction where Swift's baseline
   x86-64 code has two. Every function performs the Swift code's operations in the same
   order, with no fused multiply-adds, so both give the same bits (tested). Call only when
   convolve_direct_avx2_fma_available() returns 1. `_f32` functions read float pixels,
   `_f64` double pixels; all sums are double. */

/* For x < width: squares[x] += v·v; sums[x] += v (when sums is not NULL); magnitudes[x]
   += |v| (when magnitudes is not NULL); v = (double)row[x]. */
void convolve_columns_add_f32_avx2(const float *row, long width, double *squares, double *sums,
                                   double *magnitudes);
void convolve_columns_add_f64_avx2(const double *row, long width, double *squares, double *sums,
                                   double *magnitudes);

/* For x < width, a = incoming[x], b = outgoing[x] (as doubles):
   squares[x] = (squares[x] + a·a) − b·b;  sums[x] = (sums[x] + a) − b (when sums is not NULL). */
void convolve_columns_step_f32_avx2(const float *incoming, const float *outgoing, long width,
                                    double *squares, double *sums);
void convolve_columns_step_f64_avx2(const double *incoming, const double *outgoing, long width,
                                    double *squares, double *sums);

/* The prefix sums p[x] = Σ_{x' < x} c[x'] for x ≤ 4·length of c (and of c2 into p2 when
   c2 is not NULL), `length` a multiple of 4: the row in four quarters of `length`, the
   quarters' starts from vector partial sums, then one running sum per quarter (WindowSums's
   `prefix`). Both arrays in one loop: eight independent chains of additions. */
void convolve_prefix_quarters(const double *c, const double *c2, long length, double *p, double *p2);

/* ZNCC's scores of one output row from float correlations (ZNCCRows.swift, the Float form):
   for x < count, with Q = squares, S = sums (prefix sums, window width w),
       q = max(0, Q[x+w] − Q[x]),  s = S[x+w] − S[x],  variance = q − s·s·inverse_n,
       d = (float)(variance · inverse_total), or 0 when variance ≤ per_square·q + slope·|s| + base,
       scores[x] = clamp(scale · scores[x] · y, −1, 1), or 0 when d = 0,
   y ≈ 1/√d by three Newton steps y ← y·(3/2 − (d/2)·y·y) from the bit-level first guess,
   eight at a time; the last count mod 8 as (scale · scores[x]) / √d. */
typedef struct {
    const double *squares;
    const double *sums;
    long w, count;
    double inverse_n, per_square, slope, base, inverse_total;
    float scale;
    float *scores;
} ConvolveZNCCRow;

void convolve_zncc_row_f32_avx2(const ConvolveZNCCRow *row);

#endif
