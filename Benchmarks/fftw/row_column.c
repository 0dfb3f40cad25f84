// Times, with libfftw3f on this machine, what the FFT path's paired 2-D tiles choose
// between (docs/performance.md, "Row-by-column complex transforms"):
//   - FFTW's own 2-D complex plan, forward then backward (fftwf_plan_dft_2d);
//   - the same transform by rows and columns as Sources/Convolve/FFTW/RowColumnDFT.swift
//     does it: batched row transforms in place, then per block of 8 columns a transposing
//     copy into 8 contiguous rows and their batched transforms (spectrum left transposed),
//     and the reverse;
//   - two tiles' worth of real transforms (r2c + c2r, twice): what an unpaired layout spends.
// Not part of the package build.
//
//   gcc -O2 Benchmarks/fftw/row_column.c -o /tmp/row_column -lfftw3f
//   /tmp/row_column 0 256 256 384 384 512 512 640 1024   # FFTW_ESTIMATE; 1 for FFTW_MEASURE
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { BLOCK = 8 };

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

typedef struct { int h, w; fftwf_plan rows, rows_rest, cols, cols_rest; } RowColumn;

static fftwf_plan batch(int length, int count, fftwf_complex *data, int sign, unsigned flags) {
    if (count == 0) return NULL;
    return fftwf_plan_many_dft(1, &length, count, data, NULL, 1, length, data, NULL, 1, length, sign, flags);
}

static RowColumn plan_row_column(int h, int w, int sign, unsigned flags) {
    fftwf_complex *scratch = fftwf_alloc_complex((size_t)h * w);
    RowColumn r = {h, w,
                   batch(w, h < BLOCK ? h : BLOCK, scratch, sign, flags),
                   batch(w, h > BLOCK ? h % BLOCK : 0, scratch, sign, flags),
                   batch(h, w < BLOCK ? w : BLOCK, scratch, sign, flags),
                   batch(h, w > BLOCK ? w % BLOCK : 0, scratch, sign, flags)};
    fftwf_free(scratch);
    return r;
}

static void rows(const RowColumn *r, fftwf_complex *x) {
    for (int m = 0; m < r->h; m += BLOCK)
        fftwf_execute_dft(m + BLOCK <= r->h || r->h <= BLOCK ? r->rows : r->rows_rest, x + (size_t)m * r->w,
                          x + (size_t)m * r->w);
}

// x (h × w, destroyed) -> y (w × h, transposed spectrum)
static void forward(const RowColumn *r, fftwf_complex *x, fftwf_complex *y) {
    rows(r, x);
    for (int j0 = 0; j0 < r->w; j0 += BLOCK) {
        int n = j0 + BLOCK <= r->w ? BLOCK : r->w - j0;
        for (int i = 0; i < r->h; i++)
            for (int j = 0; j < n; j++) memcpy(y[(size_t)(j0 + j) * r->h + i], x[(size_t)i * r->w + j0 + j], 8);
        fftwf_complex *b = y + (size_t)j0 * r->h;
        fftwf_execute_dft(n == BLOCK || r->w <= BLOCK ? r->cols : r->cols_rest, b, b);
    }
}

// y (w × h, destroyed) -> x (h × w)
static void backward(const RowColumn *r, fftwf_complex *y, fftwf_complex *x) {
    for (int j0 = 0; j0 < r->w; j0 += BLOCK) {
        int n = j0 + BLOCK <= r->w ? BLOCK : r->w - j0;
        fftwf_complex *b = y + (size_t)j0 * r->h;
        fftwf_execute_dft(n == BLOCK || r->w <= BLOCK ? r->cols : r->cols_rest, b, b);
        for (int i = 0; i < r->h; i++)
            for (int j = 0; j < n; j++) memcpy(x[(size_t)i * r->w + j0 + j], y[(size_t)(j0 + j) * r->h + i], 8);
    }
    rows(r, x);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s 0|1 H W [H W ...]\n", argv[0]); return 2; }
    unsigned flags = atoi(argv[1]) ? FFTW_MEASURE : FFTW_ESTIMATE;
    for (int a = 2; a + 1 < argc; a += 2) {
        int h = atoi(argv[a]), w = atoi(argv[a + 1]);
        size_t n = (size_t)h * w;
        fftwf_complex *x = fftwf_alloc_complex(n), *y = fftwf_alloc_complex(n), *keep = fftwf_alloc_complex(n);
        float *real = fftwf_alloc_real(n);
        fftwf_complex *half = fftwf_alloc_complex((size_t)h * (w / 2 + 1));
        for (size_t i = 0; i < n; i++) { keep[i][0] = rand() / (float)RAND_MAX - 0.5f; keep[i][1] = 0; }
        RowColumn f = plan_row_column(h, w, -1, flags), g = plan_row_column(h, w, 1, flags);
        fftwf_plan p2 = fftwf_plan_dft_2d(h, w, x, y, -1, flags), q2 = fftwf_plan_dft_2d(h, w, y, x, 1, flags);
        fftwf_plan pr = fftwf_plan_dft_r2c_2d(h, w, real, half, flags), qr = fftwf_plan_dft_c2r_2d(h, w, half, real, flags);
        int reps = 4000000 / (int)n + 9;
        double own = 1e9, ours = 1e9, reals = 1e9;
        for (int r = 0; r < reps; r++) {
            memcpy(x, keep, n * 8);
            double t0 = now(); fftwf_execute(p2); fftwf_execute(q2);
            double t1 = now(); memcpy(x, keep, n * 8);
            double t2 = now(); forward(&f, x, y); backward(&g, y, x);
            double t3 = now(); memset(real, 0, n * 4);
            double t4 = now(); fftwf_execute(pr); fftwf_execute(qr); fftwf_execute(pr); fftwf_execute(qr);
            double t5 = now();
            if (t1 - t0 < own) own = t1 - t0;
            if (t3 - t2 < ours) ours = t3 - t2;
            if (t5 - t4 < reals) reals = t5 - t4;
        }
        printf("%4d x %4d  fftw 2-D c2c %7.3f ms  rows+columns %7.3f ms  two r2c+c2r %7.3f ms  "
               "rows+columns / fftw %.2f  / two real %.2f\n",
               h, w, own * 1e3, ours * 1e3, reals * 1e3, ours / own, ours / reals);
    }
    return 0;
}
