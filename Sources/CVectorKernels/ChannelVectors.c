#include "ChannelVectors.h"
#include <immintrin.h>
#include <stddef.h>
#include "VectorMasks.h"
#include "Transpose8.h"
#include "Transpose16.h"

/* Share `part` of `parts` of `rows` rows of `bytes` bytes, `stride` bytes apart from
   `start`, fetched into L2 (_MM_HINT_T1; a prefetch never faults, so a row's first line may
   begin before `start`). With `prefetchWeights` the kernel fetches the weights of its next
   block while the tiles of this one run: with weights out of cache (c512@7², 9.4 MB, the
   caches flushed between calls; C harness, AMD EPYC Zen 4, `clang -O2`, best of 100) a call
   packing its own rows ran 2.78 → 2.40 ms and one with packed weights 2.42 → 2.22. Weights
   already in cache gain nothing and lose 3–5% (the fetched lines go to L1 as well on AMD and
   push out the block in use), so callers ask for it only where the weights are read once.
   Packed weights, one span, are fetched a line per tap instead (ChannelVectorsTemplate.h). */
static inline __attribute__((always_inline)) void prefetch_share(
    const char *start, long rows, long bytes, long stride, long part, long parts)
{
    for (long r = rows * part / parts; r < rows * (part + 1) / parts; r++) {
        const char *row = start + r * stride;
        for (const char *line = (const char *)((unsigned long)row & ~63ul); line < row + bytes; line += 64)
            _mm_prefetch(line, _MM_HINT_T1);
    }
}

/* One block's taps [k0, k1) of `n` ≤ 16 rows (rows[l·stride + k]) into packed[(k − k0)·16 + l],
   zero for l ≥ n: each half of 8 rows by 8 × 8 transposes of whole groups of eight taps,
   the taps past the last group one by one. */
static inline __attribute__((always_inline, target("avx2"))) void pack_block_f32_avx2(
    const float *rows, long stride, long n, long k0, long k1, float *packed)
{
    for (int half = 0; half < 2; half++) {
        const float *row[8];
        for (int l = 0; l < 8; l++) row[l] = 8 * half + l < n ? rows + (8 * half + l) * stride : NULL;
        float *to = packed + 8 * half;
        long k = k0;
        for (; k + 8 <= k1; k += 8) {
            __m256 v[8];
            for (int l = 0; l < 8; l++) v[l] = row[l] ? _mm256_loadu_ps(row[l] + k) : _mm256_setzero_ps();
            transpose8_f32(v);
            for (int i = 0; i < 8; i++) _mm256_storeu_ps(to + (k - k0 + i) * 16, v[i]);
        }
        for (; k < k1; k++)
            for (int l = 0; l < 8; l++) to[(k - k0) * 16 + l] = row[l] ? row[l][k] : 0;
    }
}

/* One block's taps [k0, k1) of `n` ≤ `width` rows into packed[(k − k0)·width + l], zero for
   l ≥ n, element by element (double: 8 channels a block in AVX2, 16 in AVX-512). */
static inline __attribute__((always_inline)) void pack_block_f64_width(
    const double *rows, long stride, long n, long k0, long k1, double *packed, const long width)
{
    for (long k = k0; k < k1; k++)
        for (long l = 0; l < width; l++) packed[(k - k0) * width + l] = l < n ? rows[l * stride + k] : 0;
}

static inline __attribute__((always_inline)) void pack_block_f64(
    const double *rows, long stride, long n, long k0, long k1, double *packed)
{
    pack_block_f64_width(rows, stride, n, k0, k1, packed, 8);
}

static inline __attribute__((always_inline)) void pack_block_f64_avx512(
    const double *rows, long stride, long n, long k0, long k1, double *packed)
{
    pack_block_f64_width(rows, stride, n, k0, k1, packed, 16);
}

/* One block's taps [k0, k1) of `n` ≤ 32 rows (rows[l·stride + k]) into packed[(k − k0)·32 + l],
   zero for l ≥ n: each half of 16 rows by 16 × 16 transposes of whole groups of sixteen
   taps, the taps past the last group one by one. */
static inline __attribute__((always_inline, target("avx512f"))) void pack_block_f32_avx512(
    const float *rows, long stride, long n, long k0, long k1, float *packed)
{
    for (int half = 0; half < 2; half++) {
        const float *row[16];
        for (int l = 0; l < 16; l++) row[l] = 16 * half + l < n ? rows + (16 * half + l) * stride : NULL;
        float *to = packed + 16 * half;
        long k = k0;
        for (; k + 16 <= k1; k += 16) {
            __m512 v[16];
            for (int l = 0; l < 16; l++) v[l] = row[l] ? _mm512_loadu_ps(row[l] + k) : _mm512_setzero_ps();
            transpose16_f32(v);
            for (int i = 0; i < 16; i++) _mm512_storeu_ps(to + (k - k0 + i) * 32, v[i]);
        }
        for (; k < k1; k++)
            for (int l = 0; l < 16; l++) to[(k - k0) * 32 + l] = row[l] ? row[l][k] : 0;
    }
}

/* One tile's sums (acc: 6 positions × 16 channels, position-major) plus bias (16 values,
   or NULL) into out[l·stride + i] for channels l < jn and positions i < n: each half of
   the channels transposed (positions 6 and 7 zero) so that a channel's positions are one
   vector, stored whole where `whole` (positions 6 and 7 of out belong to the call's next
   tile, which stores them afterwards) or its first n lanes masked. The bias is added to
   each sum once, as the scalar loop would. */
static inline __attribute__((always_inline, target("avx2"))) void store_tile_f32_avx2(
    const float *acc, const float *bias, float *out, long stride, long jn, long n, int whole)
{
    const __m256i mask = _mm256_loadu_si256((const __m256i *)(masks32 + 8 - n));
    for (int half = 0; half < 2 && 8 * half < jn; half++) {
        __m256 v[8];
        for (int i = 0; i < 6; i++) v[i] = _mm256_loadu_ps(acc + i * 16 + 8 * half);
        if (bias) {
            const __m256 b = _mm256_loadu_ps(bias + 8 * half);
            for (int i = 0; i < 6; i++) v[i] = _mm256_add_ps(v[i], b);
        }
        v[6] = v[7] = _mm256_setzero_ps();
        transpose8_f32(v);
        const long ln = jn - 8 * half < 8 ? jn - 8 * half : 8;
        for (long l = 0; l < ln; l++) {
            float *o = out + (8 * half + l) * stride;
            if (whole) _mm256_storeu_ps(o, v[l]);
            else _mm256_maskstore_ps(o, mask, v[l]);
        }
    }
}

static inline __attribute__((always_inline)) void store_tile_f64_width(
    const double *acc, const double *bias, double *out, long stride, long jn, long n, const long width)
{
    for (long j = 0; j < jn; j++)
        for (long i = 0; i < n; i++) out[j * stride + i] = bias ? acc[i * width + j] + bias[j] : acc[i * width + j];
}

static inline __attribute__((always_inline)) void store_tile_f64(
    const double *acc, const double *bias, double *out, long stride, long jn, long n, int whole)
{
    (void)whole;
    store_tile_f64_width(acc, bias, out, stride, jn, n, 8);
}

static inline __attribute__((always_inline)) void store_tile_f64_avx512(
    const double *acc, const double *bias, double *out, long stride, long jn, long n, int whole)
{
    (void)whole;
    store_tile_f64_width(acc, bias, out, stride, jn, n, 16);
}

/* store_tile_f32_avx2 for a tile of 6 positions × 32 channels: each half of 16 channels
   transposed (positions 6 to 15 zero), a channel's n positions stored under a mask (the
   positions past a tile's six belong to later tiles, some of them another worker's). */
static inline __attribute__((always_inline, target("avx512f"))) void store_tile_f32_avx512(
    const float *acc, const float *bias, float *out, long stride, long jn, long n, int whole)
{
    (void)whole;
    const __mmask16 mask = (__mmask16)((1u << n) - 1);
    for (int half = 0; half < 2 && 16 * half < jn; half++) {
        __m512 v[16];
        for (int i = 0; i < 6; i++) v[i] = _mm512_loadu_ps(acc + i * 32 + 16 * half);
        if (bias) {
            const __m512 b = _mm512_loadu_ps(bias + 16 * half);
            for (int i = 0; i < 6; i++) v[i] = _mm512_add_ps(v[i], b);
        }
        for (int i = 6; i < 16; i++) v[i] = _mm512_setzero_ps();
        transpose16_f32(v);
        const long ln = jn - 16 * half < 16 ? jn - 16 * half : 16;
        for (long l = 0; l < ln; l++) _mm512_mask_storeu_ps(out + (16 * half + l) * stride, mask, v[l]);
    }
}

__attribute__((target("avx2"))) void convolve_channel_vectors_pack_f32_avx2(
    const float *weights, long channels, long taps, float *packed)
{
    for (long j0 = 0; j0 < channels; j0 += 16)
        pack_block_f32_avx2(weights + j0 * taps, taps, channels - j0, 0, taps, packed + j0 * taps);
}

void convolve_channel_vectors_pack_f64(const double *weights, long channels, long taps, double *packed)
{
    for (long j0 = 0; j0 < channels; j0 += 8)
        pack_block_f64(weights + j0 * taps, taps, channels - j0, 0, taps, packed + j0 * taps);
}

__attribute__((target("avx512f"))) void convolve_channel_vectors_pack_f32_avx512(
    const float *weights, long channels, long taps, float *packed)
{
    for (long j0 = 0; j0 < channels; j0 += 32)
        pack_block_f32_avx512(weights + j0 * taps, taps, channels - j0, 0, taps, packed + j0 * taps);
}

void convolve_channel_vectors_pack_f64_avx512(const double *weights, long channels, long taps, double *packed)
{
    for (long j0 = 0; j0 < channels; j0 += 16)
        pack_block_f64_avx512(weights + j0 * taps, taps, channels - j0, 0, taps, packed + j0 * taps);
}

/* AVX2 + FMA, float: 8 lanes, 16 channels (two vectors) × 6 positions per tile (12
   accumulators, 2 weight vectors and a broadcast: 15 of 16 registers). A C harness of this
   tile (gcc -O3, the kernel alone with its stores, best of 40, AMD EPYC Zen 3) read 93 GF/s
   on c128@56² 3×3 stride 2 and c256@28² stride 2 in passes of 16 channels, where OpenBLAS's
   sgemm of the same product read 87–88 without its im2col. */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR float
#define VEC __m256
#define LANES 8
#define LOADU _mm256_loadu_ps
#define STOREU _mm256_storeu_ps
#define BROADCAST _mm256_broadcast_ss
#define ZERO _mm256_setzero_ps
#define FMADD _mm256_fmadd_ps
#define FUNCTION convolve_channel_vectors_f32_avx2_fma
#define TILE tile_f32_avx2
#define TILE_TAIL tile_tail_f32_avx2
#define PACK_BLOCK pack_block_f32_avx2
#define STORE_TILE store_tile_f32_avx2
#include "ChannelVectorsTemplate.h"

/* AVX2 + FMA, double: 4 lanes, 8 channels × 6 positions */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR double
#define VEC __m256d
#define LANES 4
#define LOADU _mm256_loadu_pd
#define STOREU _mm256_storeu_pd
#define BROADCAST _mm256_broadcast_sd
#define ZERO _mm256_setzero_pd
#define FMADD _mm256_fmadd_pd
#define FUNCTION convolve_channel_vectors_f64_avx2_fma
#define TILE tile_f64_avx2
#define TILE_TAIL tile_tail_f64_avx2
#define PACK_BLOCK pack_block_f64
#define STORE_TILE store_tile_f64
#include "ChannelVectorsTemplate.h"


/* AVX-512 (F), float: 16 lanes, 32 channels (two vectors) × 6 positions per tile, the same
   tile in wider vectors (12 accumulators of 32 registers). A C harness of the kernel (AMD
   EPYC Zen 4, one thread, best of 40, passes of 16 channels) read 108–112 GF/s on c512@7²,
   c128@56² stride 2 and c256→512@14² stride 2 against the AVX2 form's 91–101; twelve
   positions a tile (24 accumulators) read the same. */
#define KERNEL_TARGET __attribute__((target("avx512f,avx2,fma")))
#define SCALAR float
#define VEC __m512
#define LANES 16
#define LOADU _mm512_loadu_ps
#define STOREU _mm512_storeu_ps
#define BROADCAST(p) _mm512_set1_ps(*(p))
#define ZERO _mm512_setzero_ps
#define FMADD _mm512_fmadd_ps
#define FUNCTION convolve_channel_vectors_f32_avx512
#define TILE tile_f32_avx512
#define TILE_TAIL tile_tail_f32_avx512
#define PACK_BLOCK pack_block_f32_avx512
#define STORE_TILE store_tile_f32_avx512
#include "ChannelVectorsTemplate.h"

/* AVX-512 (F), double: 8 lanes, 16 channels × 6 positions */
#define KERNEL_TARGET __attribute__((target("avx512f,avx2,fma")))
#define SCALAR double
#define VEC __m512d
#define LANES 8
#define LOADU _mm512_loadu_pd
#define STOREU _mm512_storeu_pd
#define BROADCAST(p) _mm512_set1_pd(*(p))
#define ZERO _mm512_setzero_pd
#define FMADD _mm512_fmadd_pd
#define FUNCTION convolve_channel_vectors_f64_avx512
#define TILE tile_f64_avx512
#define TILE_TAIL tile_tail_f64_avx512
#define PACK_BLOCK pack_block_f64_avx512
#define STORE_TILE store_tile_f64_avx512
#include "ChannelVectorsTemplate.h"
