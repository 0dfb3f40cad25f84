// Times, with libfftw3f on this machine, one complex transform pair (forward + backward,
// P(plan_dft)) against two tiles' real transforms (r2c + c2r, twice) of the same
// extents: whether two overlap-save tiles should share one complex transform
// (FFTLayout.pairsTiles; docs/performance.md). Not part of the package build.
//
//   gcc -O2 Benchmarks/fftw/pairing.c -o /tmp/pairing -lfftw3f
//   gcc -O2 -DPAIRING_DOUBLE Benchmarks/fftw/pairing.c -o /tmp/pairing64 -lfftw3   # double
//   /tmp/pairing 0 1 131072 163840 262144      # FFTW_ESTIMATE (1: FFTW_MEASURE), 1-D lengths
//   /tmp/pairing 0 3 64 80 80x80x64 160x64x32   # 3-D: a cube side or ZxYxX
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef PAIRING_DOUBLE
#define P(name) fftw_##name
typedef double real_t;
#else
#define P(name) fftwf_##name
typedef float real_t;
#endif

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: %s 0|1 RANK SIZE [SIZE ...]\n", argv[0]); return 2; }
    unsigned flags = atoi(argv[1]) ? FFTW_MEASURE : FFTW_ESTIMATE;
    int rank = atoi(argv[2]);
    if (rank < 1 || rank > 3) { fprintf(stderr, "rank must be 1, 2 or 3\n"); return 2; }
    for (int a = 3; a < argc; a++) {
        int dims[3];
        int got = sscanf(argv[a], "%dx%dx%d", &dims[0], &dims[1], &dims[2]);
        if (got < rank) dims[1] = dims[2] = dims[0];
        size_t n = 1;
        for (int r = 0; r < rank; r++) n *= (size_t)dims[r];
        size_t half = n / dims[rank - 1] * (dims[rank - 1] / 2 + 1);
        P(complex) *x = P(alloc_complex)(n), *y = P(alloc_complex)(n), *h = P(alloc_complex)(half);
        real_t *real = P(alloc_real)(n);
        P(plan) p = P(plan_dft)(rank, dims, x, y, FFTW_FORWARD, flags);
        P(plan) q = P(plan_dft)(rank, dims, y, x, FFTW_BACKWARD, flags);
        P(plan) pr = P(plan_dft_r2c)(rank, dims, real, h, flags);
        P(plan) qr = P(plan_dft_c2r)(rank, dims, h, real, flags);
        // Zeros: the transforms do the same work on any values and round trips stay finite.
        memset(x, 0, n * sizeof(P(complex)));
        memset(real, 0, n * sizeof(real_t));
        int reps = (int)(20000000 / n) + 5;
        double pair = 1e9, reals = 1e9;
        for (int r = 0; r < reps; r++) {
            double t0 = now();
            P(execute)(p); P(execute)(q);
            double t1 = now();
            P(execute)(pr); P(execute)(qr); P(execute)(pr); P(execute)(qr);
            double t2 = now();
            if (t1 - t0 < pair) pair = t1 - t0;
            if (t2 - t1 < reals) reals = t2 - t1;
        }
        printf("rank %d %s (%zu points): complex pair %.2f us, two r2c + c2r %.2f us, ratio %.2f\n",
               rank, argv[a], n, pair * 1e6, reals * 1e6, pair / reals);
        P(destroy_plan)(p); P(destroy_plan)(q); P(destroy_plan)(pr); P(destroy_plan)(qr);
        P(free)(x); P(free)(y); P(free)(h); P(free)(real);
    }
    return 0;
}
