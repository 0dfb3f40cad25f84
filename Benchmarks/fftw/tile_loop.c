// The 1-D overlap-save tile loop in plain C with libfftw3f's measured plans: per tile a
// window copied in, r2c, a product with a fixed spectrum, c2r, the kept outputs copied
// out; against the r2c + c2r pairs alone (the bench's floor), and the same loop with
// in-place transforms. What the tiles' own memory passes cost above FFTW's transforms
// when no Swift is involved (docs/benchmarks.md, the prepared FFT against its floor).
// Not part of the package build.
//
//   gcc -O2 Benchmarks/fftw/tile_loop.c -o /tmp/tile_loop -lfftw3f
//   /tmp/tile_loop 327680 4 262144 20     # tile length, tiles, outputs kept per tile, reps
#include <fftw3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

// o = x · conj(k), bin by bin.
static void multiply(const fftwf_complex *x, const fftwf_complex *k, fftwf_complex *o, long bins) {
    for (long i = 0; i < bins; i++) {
        float a = x[i][0], b = x[i][1], c = k[i][0], d = k[i][1];
        o[i][0] = a * c + b * d;
        o[i][1] = b * c - a * d;
    }
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s LENGTH TILES KEPT REPS\n", argv[0]); return 2; }
    long L = atol(argv[1]), tiles = atol(argv[2]), B = atol(argv[3]);
    int reps = atoi(argv[4]);
    if (B > L || L < 2 || tiles < 1 || reps < 1) { fprintf(stderr, "need 0 < KEPT <= LENGTH\n"); return 2; }
    long n = tiles * B + L, bins = L / 2 + 1;
    float *in = fftwf_alloc_real(n), *out = fftwf_alloc_real(tiles * B);
    for (long i = 0; i < n; i++) in[i] = (float)(i * 7919 % 1000) / 1000.f;
    fftwf_complex *kernel = fftwf_alloc_complex(bins);
    for (long i = 0; i < bins; i++) { kernel[i][0] = 1e-6f * (i % 7); kernel[i][1] = 1e-6f * (i % 5); }
    float *frame = fftwf_alloc_real(L);
    fftwf_complex *spectrum = fftwf_alloc_complex(bins);
    fftwf_plan f = fftwf_plan_dft_r2c_1d(L, frame, spectrum, FFTW_MEASURE);
    fftwf_plan b = fftwf_plan_dft_c2r_1d(L, spectrum, frame, FFTW_MEASURE);
    float *both = fftwf_alloc_real(2 * bins);
    fftwf_plan fi = fftwf_plan_dft_r2c_1d(L, both, (fftwf_complex *)both, FFTW_MEASURE);
    fftwf_plan bi = fftwf_plan_dft_c2r_1d(L, (fftwf_complex *)both, both, FFTW_MEASURE);
    double outOfPlace = 1e9, inPlace = 1e9, floor = 1e9;
    for (int r = 0; r < reps; r++) {
        double t0 = now();
        for (long t = 0; t < tiles; t++) {
            memcpy(frame, in + t * B, L * sizeof(float));
            fftwf_execute(f);
            multiply(spectrum, kernel, spectrum, bins);
            fftwf_execute(b);
            memcpy(out + t * B, frame, B * sizeof(float));
        }
        double t1 = now();
        for (long t = 0; t < tiles; t++) {
            memcpy(both, in + t * B, L * sizeof(float));
            fftwf_execute(fi);
            multiply((fftwf_complex *)both, kernel, (fftwf_complex *)both, bins);
            fftwf_execute(bi);
            memcpy(out + t * B, both, B * sizeof(float));
        }
        double t2 = now();
        for (long t = 0; t < tiles; t++) { fftwf_execute(f); fftwf_execute(b); }
        double t3 = now();
        if (t1 - t0 < outOfPlace) outOfPlace = t1 - t0;
        if (t2 - t1 < inPlace) inPlace = t2 - t1;
        if (t3 - t2 < floor) floor = t3 - t2;
    }
    printf("L=%ld, %ld tiles: tile loop %.3f ms, in place %.3f ms, r2c + c2r alone %.3f ms (ratios %.2f, %.2f)\n",
           L, tiles, outOfPlace * 1e3, inPlace * 1e3, floor * 1e3, outOfPlace / floor, inPlace / floor);
    return 0;
}
