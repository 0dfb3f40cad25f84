/* The direct row kernel alone (CVectorKernels' AVX-512 Float form), on one thread: a
   2-D correlation of an n × n output with a k × k kernel over a padded input, called in
   bands of `band` output rows as the direct path calls it, best of `reps` calls.

       clang -O2 -I Sources/CVectorKernels/include -I Sources/CVectorKernels \
           Benchmarks/kernels/direct_rows.c Sources/CVectorKernels/DirectKernels.c -o /tmp/direct_rows
       /tmp/direct_rows 1024 9 30 48        # n k reps band

   -O2 is what `swift build -c release` compiles C targets with (`-O3` unrolls the kernel
   differently: the 9×9 kernel read 3.0–3.3 ms at -O3 against 2.2–2.6 at -O2 with the
   four-row form). Prints the time and the useful multiply-adds' rate (n²·k² of them, 2
   flops each). */
#include "DirectKernels.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s n k reps [band]\n", argv[0]);
        return 2;
    }
    const long n = atol(argv[1]), k = atol(argv[2]), reps = atol(argv[3]);
    const long band = argc > 4 ? atol(argv[4]) : n;
    if (!convolve_direct_avx512_available()) {
        fprintf(stderr, "this processor does not run AVX-512\n");
        return 1;
    }
    const long width = n + k - 1; /* padded row length */
    float *in = aligned_alloc(64, sizeof(float) * width * width + 64);
    float *out = aligned_alloc(64, sizeof(float) * n * n + 64);
    float *w = malloc(sizeof(float) * k * k);
    for (long i = 0; i < width * width; i++) in[i] = (float)(i * 7919 % 1000) / 1000.f;
    for (long i = 0; i < k * k; i++) w[i] = (float)(i % 7) / 7.f - .3f;
    double best = 1e9;
    for (long r = 0; r < reps; r++) {
        const double t0 = now();
        for (long y0 = 0; y0 < n; y0 += band) {
            const long rows = band < n - y0 ? band : n - y0;
            const ConvolveDirectRows a = {in + y0 * width, w, 1, 1, k, k, 0, 0, width, 0, n, rows, width,
                                          out + y0 * n, n};
            convolve_direct_rows_f32_avx512(&a);
        }
        const double t = now() - t0;
        if (t < best) best = t;
    }
    printf("%ld² %ld×%ld, bands of %ld rows: %.3f ms, %.1f GFLOP/s\n", n, k, k, band, best * 1e3,
           2.0 * n * n * k * k / best / 1e9);
    free(in);
    free(out);
    free(w);
    return 0;
}
