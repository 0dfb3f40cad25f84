#ifndef CONVOLVE_STRIDE_TWO_ROWS_H
#define CONVOLVE_STRIDE_TWO_ROWS_H

/* The direct path's kernel for one plane of a layer with one input channel per group
   (depthwise) and stride 2 along x (Sources/Convolve/Paths/DirectPath.swift's plane
   route), compiled for AVX2 + FMA (call it only when convolve_avx2_fma_available()
   returns 1). From a padded plane P (rows paddedWidth apart), for oy < outHeight and
   ox < outWidth,

       out[oy·outWidth + ox] = Σ_{ry < ky} Σ_{rx < kx} w[ry·kx + rx] · P[oy·strideY + ry·dilationY][2·ox + rx]

   each output the chain acc = fma(w, p, acc) over (ry, rx) in that order from 0, plus
   *bias when bias is not NULL (added as the sum is stored: the bits of adding it to the
   stored output afterwards). LANES outputs (8 floats, 4 doubles) a vector: each tap's
   2·LANES consecutive samples are loaded and their even ones taken (one shuffle), in an
   order the vector's sums keep until one permutation puts them in place as they are
   stored. Reads up to 2·LANES − 1 scalars past a row's last window (the next row's, or
   slack after the plane's last row); writes only the outputs. */

typedef struct {
    const void *padded;
    long paddedWidth;
    const void *weights;
    long ky, kx, strideY, dilationY;
    void *out;
    long outHeight, outWidth;
    const void *bias;
} ConvolveStrideTwoRows;

void convolve_stride_two_rows_f32_avx2_fma(const ConvolveStrideTwoRows *rows);
void convolve_stride_two_rows_f64_avx2_fma(const ConvolveStrideTwoRows *rows);

#endif
