#include "ChannelBlocks.h"
#include <immintrin.h>
#include "VectorMasks.h"

/* AVX2 + FMA, float: 8 lanes, 6 channels × 2 vectors per pass (12 accumulators, 2 input
   vectors and a broadcast: 15 of 16 registers). With 4 channels × 3 vectors, 16 of 16, clang
   spilled two accumulators and shuffled the rest inside the tap loop: a C harness (clang -O2,
   the kernel alone, best of 40) read c256@14² 3×3 at 35 against 80 GF/s, c128@28² 41 against
   79, a 3-channel 7×7 layer at 112² 40 against 92; a plain FMA loop peaks at 102 here (AMD
   EPYC Zen 3). */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR float
#define VEC __m256
#define LANES 8
#define GROUP 6
#define BLOCK 2
#define LOADU _mm256_loadu_ps
#define STOREU _mm256_storeu_ps
#define SET1 _mm256_set1_ps
#define ZERO _mm256_setzero_ps
#define ADD _mm256_add_ps
#define FMADD _mm256_fmadd_ps
#define MASK __m256i
#define MASK_FIRST(count) _mm256_loadu_si256((const __m256i *)(masks32 + 8 - (count)))
#define MASKLOAD _mm256_maskload_ps
#define MASKSTORE _mm256_maskstore_ps
#define FUNCTION convolve_channel_block_f32_avx2_fma
#define OUTPUTS outputs_f32_avx2
#include "ChannelBlocksTemplate.h"

/* AVX2 + FMA, double: 4 lanes, the same 6 channels × 2 vectors */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR double
#define VEC __m256d
#define LANES 4
#define GROUP 6
#define BLOCK 2
#define LOADU _mm256_loadu_pd
#define STOREU _mm256_storeu_pd
#define SET1 _mm256_set1_pd
#define ZERO _mm256_setzero_pd
#define ADD _mm256_add_pd
#define FMADD _mm256_fmadd_pd
#define MASK __m256i
#define MASK_FIRST(count) _mm256_loadu_si256((const __m256i *)(masks64 + 4 - (count)))
#define MASKLOAD _mm256_maskload_pd
#define MASKSTORE _mm256_maskstore_pd
#define FUNCTION convolve_channel_block_f64_avx2_fma
#define OUTPUTS outputs_f64_avx2
#include "ChannelBlocksTemplate.h"

/* AVX-512 (F), float: 16 lanes, 8 channels per pass (24 accumulators of 32 registers) */
#define KERNEL_TARGET __attribute__((target("avx512f,avx2,fma")))
#define SCALAR float
#define VEC __m512
#define LANES 16
#define GROUP 8
#define BLOCK 3
#define LOADU _mm512_loadu_ps
#define STOREU _mm512_storeu_ps
#define SET1 _mm512_set1_ps
#define ZERO _mm512_setzero_ps
#define ADD _mm512_add_ps
#define FMADD _mm512_fmadd_ps
#define MASK __mmask16
#define MASK_FIRST(count) ((__mmask16)((1u << (count)) - 1))
#define MASKLOAD(p, mask) _mm512_maskz_loadu_ps(mask, p)
#define MASKSTORE(p, mask, v) _mm512_mask_storeu_ps(p, mask, v)
#define FUNCTION convolve_channel_block_f32_avx512
#define OUTPUTS outputs_f32_avx512
#include "ChannelBlocksTemplate.h"

/* AVX-512 (F), double: 8 lanes */
#define KERNEL_TARGET __attribute__((target("avx512f,avx2,fma")))
#define SCALAR double
#define VEC __m512d
#define LANES 8
#define GROUP 8
#define BLOCK 3
#define LOADU _mm512_loadu_pd
#define STOREU _mm512_storeu_pd
#define SET1 _mm512_set1_pd
#define ZERO _mm512_setzero_pd
#define ADD _mm512_add_pd
#define FMADD _mm512_fmadd_pd
#define MASK __mmask8
#define MASK_FIRST(count) ((__mmask8)((1u << (count)) - 1))
#define MASKLOAD(p, mask) _mm512_maskz_loadu_pd(mask, p)
#define MASKSTORE(p, mask, v) _mm512_mask_storeu_pd(p, mask, v)
#define FUNCTION convolve_channel_block_f64_avx512
#define OUTPUTS outputs_f64_avx512
#include "ChannelBlocksTemplate.h"
