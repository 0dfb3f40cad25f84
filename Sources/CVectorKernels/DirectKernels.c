#include "DirectKernels.h"
#include <immintrin.h>

/* The masks of masked loads: lane i of MASKS + (LANES - count) is all ones for i < count. */
static const long long masks64[8] = {-1, -1, -1, -1, 0, 0, 0, 0};
static const int masks32[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

int convolve_direct_avx2_fma_available(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/* float: 8 lanes */
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
#define FUNCTION convolve_direct_rows_f32_avx2_fma
#define BLOCK block_f32
#define ROW_TAPS row_taps_f32
#define ROWS_FOR rows_for_f32
#define TAIL tail_f32
#include "DirectRowsTemplate.h"
#undef SCALAR
#undef VEC
#undef LANES
#undef MASK
#undef MASKLOAD_MASK
#undef LOADU
#undef MASKLOAD
#undef STOREU
#undef MASKSTORE
#undef SET1
#undef ZERO
#undef FMADD
#undef FUNCTION
#undef BLOCK
#undef ROW_TAPS
#undef ROWS_FOR
#undef TAIL

/* double: 4 lanes */
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
#define FUNCTION convolve_direct_rows_f64_avx2_fma
#define BLOCK block_f64
#define ROW_TAPS row_taps_f64
#define ROWS_FOR rows_for_f64
#define TAIL tail_f64
#include "DirectRowsTemplate.h"
