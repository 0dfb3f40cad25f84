#ifndef CONVOLVE_DEPTHWISE_LANES_H
#define CONVOLVE_DEPTHWISE_LANES_H

/* The direct path's kernel for depthwise layers on small planes
   (Sources/Convolve/Paths/DirectDepthwiseLanes.swift), compiled for AVX2 + FMA and for
   AVX-512 like the row kernel (DirectKernels.h; call a form only when its *_available()
   returns 1). Channels go in vector lanes instead of outputs: LANES channels at a time
   (8 floats or 4 doubles in AVX2, 16 or 8 in AVX-512) are interleaved into a padded
   plane whose every sample is a vector of the channels' values, so each output of a
   plane of any width is one vector of LANES channels' outputs, and for c < channels

       out[c·outStride + oy·outWidth + ox] =
           Σ_{ry < ky} Σ_{rx < kx} w_c[ry·kx + rx] · P_c[oy·strideY + ry·dilationY, ox·strideX + rx·dilationX]

   with w_c = weights + c·ky·kx and P_c channel c's input plane (input + c·inputStride,
   height × width, row-major) padded by padTop rows and padLeft columns before (to
   paddedHeight × paddedWidth) with *fill. Each output is the chain acc = fma(w, p, acc)
   over (ry, rx) in that order from 0: the row kernel's chain for one input channel; a
   bias (channels values, or NULL) is added to each sum as it is stored, one rounding, the
   bits of adding it to the stored output afterwards.
   Lanes past the last channel compute the last channel's sums again and store nothing.

   scratch: LANES·(paddedHeight·paddedWidth + outHeight·outWidth + ky·kx) scalars (any
   alignment: the vectors are loaded and stored unaligned). */

typedef struct {
    const void *input;
    long inputStride, height, width;
    const void *weights;
    long ky, kx, strideY, strideX, dilationY, dilationX;
    long padTop, padLeft, paddedHeight, paddedWidth;
    void *out;
    long outStride, outHeight, outWidth;
    long channels;
    const void *bias;
    const void *fill;
    void *scratch;
} ConvolveDepthwiseLanes;

void convolve_depthwise_lanes_f32_avx2_fma(const ConvolveDepthwiseLanes *lanes);
void convolve_depthwise_lanes_f64_avx2_fma(const ConvolveDepthwiseLanes *lanes);
void convolve_depthwise_lanes_f32_avx512(const ConvolveDepthwiseLanes *lanes);
void convolve_depthwise_lanes_f64_avx512(const ConvolveDepthwiseLanes *lanes);

#endif
