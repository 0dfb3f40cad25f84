#ifndef CONVOLVE_DIRECT_KERNELS_H
#define CONVOLVE_DIRECT_KERNELS_H

/* The direct path's inner kernel compiled for AVX2 + FMA, which Swift cannot target one
   function at a time (its code for x86-64 is baseline SSE2 unless the whole package is
   built with unsafe flags). Each function is compiled with __attribute__((target)) and
   may only be called when convolve_direct_avx2_fma_available() returns 1.

   One call computes outputs [x0, x1) of one output row, or of two consecutive output rows
   that share their input rows (stride 1 and dilation 1 along y):

       out0[x] = Σ_c Σ_rz Σ_r Σ_rx  w[c, rz, r, rx] · P[c·channelStride + rz·sliceStride + r·rowStride + x + rx]
       out1[x] = the same with r·rowStride replaced by (r + 1)·rowStride

   P is `padded` (the first padded sample under output x = 0, tap (0, 0, 0), channel 0)
   and w the kernel in correlation orientation (channels × kz × ky × kx, row-major). Every
   output is the chain acc = fma(w, p, acc) over (c, rz, r, rx) in that order, starting
   from 0, whatever block it falls in, so results do not depend on [x0, x1). Loads stay
   inside [x0 + rx, x1 + rx) of each row: no slack after the rows is read. */

typedef struct {
    const void *padded;
    const void *weights;
    long channels, kz, ky, kx;
    long channelStride, sliceStride, rowStride;
    long x0, x1;
    void *out0;
    void *out1; /* NULL: one row */
} ConvolveDirectRows;

/* 1 when the processor and the operating system run AVX2 and FMA instructions. */
int convolve_direct_avx2_fma_available(void);

void convolve_direct_rows_f32_avx2_fma(const ConvolveDirectRows *rows);
void convolve_direct_rows_f64_avx2_fma(const ConvolveDirectRows *rows);

#endif
