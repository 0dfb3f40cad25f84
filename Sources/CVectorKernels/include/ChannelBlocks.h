#ifndef CONVOLVE_CHANNEL_BLOCKS_H
#define CONVOLVE_CHANNEL_BLOCKS_H

/* The direct path's kernel for layers with many output channels
   (Sources/Convolve/Paths/DirectChannelBlocks.swift), compiled for AVX2 + FMA and for
   AVX-512 like the row kernel (DirectKernels.h; call a form only when its *_available()
   returns 1). It sees a convolution as a product whose second factor is never formed:
   tap k (an input channel and kernel offset) reads the input at a fixed shift, so for
   output channels j < channels, runs r < runs and outputs o < count of each run

       out[j·outStride + r·outRunStep + o] =
           Σ_{k < taps} weights[j·weightStride + k] · input[r·inputRunStep + offsets[k] + o]
           (+ bias[j] when bias is not NULL)

   Each output is the chain acc = fma(w, x, acc) over k ascending, from 0, whichever form,
   block or group of channels it falls in (the row kernel's order when the taps are listed
   channel, then z, y, x: the same bits); a bias is added to the chain's sum as it is
   stored, one rounding, the bits of adding it to the stored output afterwards. Output
   channels go in groups and outputs in blocks of vectors (8 channels × 3 vectors in AVX-512,
   6 × 2 in AVX2): per tap, one vector load per vector of the block and one broadcast per
   channel feed channels × vectors multiply-adds. The last
   block's last vector loads and stores only its lanes below `count` (masked), so nothing
   past a run's input[r·inputRunStep + offsets[k] + count − 1] is read.

   With tapChunk = n (0 < n < taps), the taps go in passes of n, each pass over every run
   and block: a pass after the first loads each output's sum from `out` where the pass
   before stored it and goes on with its taps (a stored value is the register's value, so
   the chain and its bits are those of one pass), and the bias is added in the last pass
   only. Passes keep the rows that a pass's taps read in the L1 cache from one block to
   the next where all taps' rows would not fit. */

typedef struct {
    const void *input;
    const long *offsets;
    long taps;
    const void *weights;
    long weightStride;
    long channels;
    long count;
    void *out;
    long outStride;
    long runs, inputRunStep, outRunStep;
    const void *bias;   /* `channels` values, or NULL */
    long tapChunk;      /* taps per pass over all runs and blocks (0: all in one pass) */
} ConvolveChannelBlock;

void convolve_channel_block_f32_avx2_fma(const ConvolveChannelBlock *block);
void convolve_channel_block_f64_avx2_fma(const ConvolveChannelBlock *block);
void convolve_channel_block_f32_avx512(const ConvolveChannelBlock *block);
void convolve_channel_block_f64_avx512(const ConvolveChannelBlock *block);

#endif
