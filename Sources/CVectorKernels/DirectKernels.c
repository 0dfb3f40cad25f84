#include "DirectKernels.h"
#include <immintrin.h>
#include "VectorMasks.h"

int convolve_direct_avx2_fma_available(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

int convolve_direct_avx512_available(void)
{
    __builtin_cpu_init();
    return convolve_direct_avx2_fma_available() && __builtin_cpu_supports("avx512f");
}

/* The row kernel's helpers are inlined wherever the compiler optimises: their constant
   arguments (vectors, rows, kernel widths) unroll their loops and fold their branches.
   Without optimisation (debug builds) they stay calls: inlined there, every copy's locals
   took a slot of its own in the entry point's frame, 4.5 MB for each AVX-512 form (2.3 MB
   for AVX2), more than a thread's stack may hold; as calls, each frame lives only while
   its call runs. */
#ifdef __OPTIMIZE__
#define ROWS_HELPER static inline __attribute__((always_inline))
#else
#define ROWS_HELPER static inline
#endif

/* AVX2 + FMA, float: 8 lanes */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR float
#define VEC __m256
#define LANES 8
#define MASK __m256i
#define MASKLOAD_MASK(count) _mm256_loadu_si256((const __m256i *)(masks32 + 8 - (count)))
#define LOADU _mm256_loadu_ps
#define MASKLOAD _mm256_maskload_ps
#define STOREU _mm256_storeu_ps
#define MASKSTORE _mm256_maskstore_ps
#define SET1 _mm256_set1_ps
#define ZERO _mm256_setzero_ps
#define FMADD _mm256_fmadd_ps
#define FOUR_ROWS 0
#define SQUARE_COPIES 1
#define THREE_BY_THREE 0
#define ROW_VECTORS_6 1
#define ROW_VECTORS_4 2
#define ROW_VECTORS_2 4
#define ROW_VECTORS_2_WIDE 6
#define WIDE_BLOCK 4
#define FUNCTION convolve_direct_rows_f32_avx2_fma
#define BLOCK block_f32_avx2
#define ROW_TAPS row_taps_f32_avx2
#define ROWS_FOR rows_for_f32_avx2
#define TAIL tail_f32_avx2
#define ALL_ROWS all_rows_f32_avx2
#define SINGLE_3X3 single_3x3_f32_avx2
#include "DirectRowsTemplate.h"

/* AVX2 + FMA, double: 4 lanes */
#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR double
#define VEC __m256d
#define LANES 4
#define MASK __m256i
#define MASKLOAD_MASK(count) _mm256_loadu_si256((const __m256i *)(masks64 + 4 - (count)))
#define LOADU _mm256_loadu_pd
#define MASKLOAD _mm256_maskload_pd
#define STOREU _mm256_storeu_pd
#define MASKSTORE _mm256_maskstore_pd
#define SET1 _mm256_set1_pd
#define ZERO _mm256_setzero_pd
#define FMADD _mm256_fmadd_pd
#define FOUR_ROWS 0
#define SQUARE_COPIES 1
#define THREE_BY_THREE 0
#define ROW_VECTORS_6 1
#define ROW_VECTORS_4 2
#define ROW_VECTORS_2 4
#define ROW_VECTORS_2_WIDE 6
#define WIDE_BLOCK 4
#define FUNCTION convolve_direct_rows_f64_avx2_fma
#define BLOCK block_f64_avx2
#define ROW_TAPS row_taps_f64_avx2
#define ROWS_FOR rows_for_f64_avx2
#define TAIL tail_f64_avx2
#define ALL_ROWS all_rows_f64_avx2
#define SINGLE_3X3 single_3x3_f64_avx2
#include "DirectRowsTemplate.h"

/* AVX-512 (F), float: 16 lanes, masks in mask registers */
#define KERNEL_TARGET __attribute__((target("avx512f,avx2,fma")))
#define SCALAR float
#define VEC __m512
#define LANES 16
#define MASK __mmask16
#define MASKLOAD_MASK(count) ((__mmask16)((1u << (count)) - 1))
#define LOADU _mm512_loadu_ps
#define MASKLOAD(p, mask) _mm512_maskz_loadu_ps(mask, p)
#define STOREU _mm512_storeu_ps
#define MASKSTORE(p, mask, v) _mm512_mask_storeu_ps(p, mask, v)
#define SET1 _mm512_set1_ps
#define ZERO _mm512_setzero_ps
#define FMADD _mm512_fmadd_ps
#define FOUR_ROWS 1
#define SQUARE_COPIES 0 /* slower here: 1024² 3×3 0.24 → 0.30 ms, 5×5 0.53 → 0.61, 7×7 0.98 → 1.16 (Zen 4) */
#define THREE_BY_THREE 1
#define ROW_VECTORS_6 4
#define ROW_VECTORS_4 4
#define ROW_VECTORS_2 4
#define ROW_VECTORS_2_WIDE 4
#define WIDE_BLOCK 8
#define FUNCTION convolve_direct_rows_f32_avx512
#define BLOCK block_f32_avx512
#define ROW_TAPS row_taps_f32_avx512
#define ROWS_FOR rows_for_f32_avx512
#define TAIL tail_f32_avx512
#define ALL_ROWS all_rows_f32_avx512
#define SINGLE_3X3 single_3x3_f32_avx512
#include "DirectRowsTemplate.h"

/* AVX-512 (F), double: 8 lanes */
#define KERNEL_TARGET __attribute__((target("avx512f,avx2,fma")))
#define SCALAR double
#define VEC __m512d
#define LANES 8
#define MASK __mmask8
#define MASKLOAD_MASK(count) ((__mmask8)((1u << (count)) - 1))
#define LOADU _mm512_loadu_pd
#define MASKLOAD(p, mask) _mm512_maskz_loadu_pd(mask, p)
#define STOREU _mm512_storeu_pd
#define MASKSTORE(p, mask, v) _mm512_mask_storeu_pd(p, mask, v)
#define SET1 _mm512_set1_pd
#define ZERO _mm512_setzero_pd
#define FMADD _mm512_fmadd_pd
#define FOUR_ROWS 1
#define SQUARE_COPIES 0 /* slower here: 1024² 3×3 0.24 → 0.30 ms, 5×5 0.53 → 0.61, 7×7 0.98 → 1.16 (Zen 4) */
#define THREE_BY_THREE 1
#define ROW_VECTORS_6 4
#define ROW_VECTORS_4 4
#define ROW_VECTORS_2 4
#define ROW_VECTORS_2_WIDE 4
#define WIDE_BLOCK 8
#define FUNCTION convolve_direct_rows_f64_avx512
#define BLOCK block_f64_avx512
#define ROW_TAPS row_taps_f64_avx512
#define ROWS_FOR rows_for_f64_avx512
#define TAIL tail_f64_avx512
#define ALL_ROWS all_rows_f64_avx512
#define SINGLE_3X3 single_3x3_f64_avx512
#include "DirectRowsTemplate.h"
