#ifndef CONVOLVE_DIRECT_KERNELS_H
#define CONVOLVE_DIRECT_KERNELS_H

/* The direct path's inner kernel compiled for AVX2 + FMA and for AVX-512, which Swift
   cannot target one function at a time (its code for x86-64 is baseline SSE2 unless the
   whole package is built with unsafe flags). Each function is compiled with
   __attribute__((target)) and may only be called when its *_available() returns 1. Both
   forms compute every output as the same chain of fused multiply-adds: the same bits.

   One call computes outputs [x0, x1) of `rows` consecutive output rows y (rows > 1 needs
   stride 1 and dilation 1 along y, so that consecutive output rows share input rows):

       out[y·outRowStride + x] = Σ_c Σ_rz Σ_r Σ_rx  w[c, rz, r, rx] ·
           P[c·channelStride + rz·sliceStride + y·rowStep + r·rowStride + x + rx]

   P is `padded` (the sample under output (0, 0), tap (0, 0, 0), channel 0; it need not
   be padded where the taps stay inside the data) and w the kernel in correlation
   orientation (channels × kz × ky × kx, row-major). Every output is the chain
   acc = fma(w, p, acc) over (c, rz, r, rx) in that order, starting from 0 (or, with
   `accumulate`, from the value already in `out`, so that calls over disjoint sets of taps
   continue one chain), whatever block
   or form it falls in, so results do not depend on [x0, x1), on how rows are grouped or
   on the instruction set. Loads stay inside [x0 + rx, x1 + rx) of each row: no slack
   after the rows is read. */

typedef struct {
    const void *padded;
    const void *weights;
    long channels, kz, ky, kx;
    long channelStride, sliceStride, rowStride;
    long x0, x1;
    long rows, rowStep;   /* output rows, and the input step between them */
    void *out;
    long outRowStride;
    long accumulate;      /* nonzero: each chain starts from the output's value, not 0 */
} ConvolveDirectRows;

/* 1 when the processor and the operating system run AVX2 and FMA instructions. */
int convolve_direct_avx2_fma_available(void);

/* 1 when they also run AVX-512 Foundation instructions. */
int convolve_direct_avx512_available(void);

void convolve_direct_rows_f32_avx2_fma(const ConvolveDirectRows *rows);
void convolve_direct_rows_f64_avx2_fma(const ConvolveDirectRows *rows);
void convolve_direct_rows_f32_avx512(const ConvolveDirectRows *rows);
void convolve_direct_rows_f64_avx512(const ConvolveDirectRows *rows);

#endif
