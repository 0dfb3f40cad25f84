#ifndef CONVOLVE_CHANNEL_VECTORS_H
#define CONVOLVE_CHANNEL_VECTORS_H

/* The direct path's kernel with output channels in the vector lanes
   (Sources/Convolve/Paths/DirectChannelVectors.swift), compiled for AVX2 + FMA (call it
   only where convolve_direct_avx2_fma_available() returns 1) and for AVX-512. Where the channel
   blocks (ChannelBlocks.h) load vectors of neighbouring outputs and broadcast weights,
   this kernel loads vectors of weights (2·LANES output channels of one tap, packed) and
   broadcasts one input sample per output position, so an output's taps may lie anywhere:
   a stride, a dilation or a position on another row costs nothing. For output channels
   j < channels and positions p < count:

       out[j·outStride + first + p] = Σ_{k < taps} weights[j][k] · input[positions[first + p] + offsets[k]]
                                      (+ bias[j] when bias is not NULL)

   `weights` are either packed in blocks of 2·LANES channels (element (j, k) at
   ((j / (2·LANES))·taps + k)·2·LANES + j mod (2·LANES), zero for j ≥ channels;
   `packing` NULL), or rows of `weightStride` scalars (element (j, k) at
   j·weightStride + k) that the call packs one block and pass of taps at a time into
   `packing` (2·LANES · tapChunk scalars, or · taps with one pass) just before the tiles
   read them, so weights used by few tiles are read once rather than packed, stored and
   read again. Each output is the chain acc = fma(w, x, acc) over k ascending from 0 (the
   channel blocks' and the row kernel's chain when the taps are listed channel, then z,
   y, x: the same bits); a bias is added to the chain's sum as it is stored.

   Positions go in ⌈count/6⌉ tiles of at most 6 (12 accumulators: 6 positions × 2 vectors
   of channels), the count shared as evenly as that many tiles allow (49 = 4 × 6 + 5 × 5),
   each tile computing only its own positions. With
   tapChunk = n (0 < n < taps), the taps go in passes of n, each over every tile and block
   of channels, the sums between passes kept in `scratch` (⌈count/6⌉ · blocks · 12·LANES
   scalars; unused with one pass): a pass resumes the register values the one before
   stored, so the chain and its bits are those of one pass. With `prefetchWeights` (for
   weights the call reads once, out of cache), each tile of a block also fetches a share of
   the weights the next block (or the next pass's first block) reads. */

typedef struct {
    const void *input;
    const long *offsets;
    long taps;
    const void *weights;
    long weightStride;  /* with `packing`: scalars per row of `weights` */
    long channels;
    const long *positions;
    long first, count;
    void *out;
    long outStride;
    const void *bias;   /* `channels` values, or NULL */
    long tapChunk;      /* taps per pass over all tiles and blocks (0: all in one pass) */
    void *scratch;
    void *packing;      /* NULL: `weights` are packed */
    int prefetchWeights; /* nonzero: fetch the next block's weights while a block's tiles run */
    /* With `tileEnds` (not NULL) the positions go in `tileCount` tiles given by the caller:
       tile t is positions tileEnds[t − 1] ..< tileEnds[t] of the call (from 0; at most 6),
       its output at out[j·outStride + outIndex[first + p]] (they need not be one run), and
       it sums only the taps of its class c = tileClass[t], the ascending list
       classTaps[classStarts[c] ..< classStarts[c + 1]] of tap indices: the caller leaves out
       the taps that read the padding's zeros for every position of the tile, which add
       nothing to a sum of finite products (fma(w, 0, s) = s, and a chain from +0 never
       holds −0), so the bits are those of all taps. */
    const long *tileEnds;
    long tileCount;
    const long *tileClass;
    const long *classTaps;
    const long *classStarts;
    long classCount;     /* at most CONVOLVE_CHANNEL_VECTOR_CLASSES */
    const long *outIndex;
} ConvolveChannelVectors;

/* The most tap classes a call with `tileEnds` may have. */
#define CONVOLVE_CHANNEL_VECTOR_CLASSES 64

void convolve_channel_vectors_f32_avx2_fma(const ConvolveChannelVectors *vectors);
void convolve_channel_vectors_f64_avx2_fma(const ConvolveChannelVectors *vectors);
/* The same in AVX-512 (F) (call it only where convolve_direct_avx512_available() returns 1):
   16 float or 8 double lanes, blocks of 32 float or 16 double channels (2·LANES). */
void convolve_channel_vectors_f32_avx512(const ConvolveChannelVectors *vectors);
void convolve_channel_vectors_f64_avx512(const ConvolveChannelVectors *vectors);

/* Packs `channels` rows of `taps` weights (row-major: weights[j·taps + k]) into `packed`
   as the kernel reads them (blocks of 16 float or 8 double channels, tap-major inside a
   block, zero past `channels`): 8 × 8 transposes in AVX2 for float, so the rows are read
   and the blocks written in whole vectors. */
void convolve_channel_vectors_pack_f32_avx2(const float *weights, long channels, long taps, float *packed);
void convolve_channel_vectors_pack_f64(const double *weights, long channels, long taps, double *packed);
/* The packing for the AVX-512 kernel: blocks of 32 float (16 × 16 transposes) or 16 double channels. */
void convolve_channel_vectors_pack_f32_avx512(const float *weights, long channels, long taps, float *packed);
void convolve_channel_vectors_pack_f64_avx512(const double *weights, long channels, long taps, double *packed);

#endif
