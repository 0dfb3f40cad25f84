#include "ChannelBlocks.h"
#include <immintrin.h>
#include "VectorMasks.h"

/* AVX2 + FMA, float: 8 lanes, 4 channels per pass (12 accumulators of 16 registers) */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR float
#define VEC __m256
#define LANES 8
#define GROUP 4
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

/* AVX2 + FMA, double: 4 lanes */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR double
#define VEC __m256d
#define LANES 4
#define GROUP 4
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
