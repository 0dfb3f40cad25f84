#include "StrideTwoRows.h"
#include "VectorMasks.h"
#include <immintrin.h>

/* Floats: shuffle_ps takes samples 0, 2 of each 128-bit half of a and of b, so the sums
   hold outputs (0, 1, 4, 5 | 2, 3, 6, 7); exchanging the middle 64-bit pairs puts them
   in order. */
static inline __attribute__((always_inline, target("avx2,fma"))) __m256 even_f32(__m256 a, __m256 b)
{
    return _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0));
}

static inline __attribute__((always_inline, target("avx2,fma"))) __m256 order_f32(__m256 s)
{
    return _mm256_castpd_ps(_mm256_permute4x64_pd(_mm256_castps_pd(s), _MM_SHUFFLE(3, 1, 2, 0)));
}

static inline __attribute__((always_inline, target("avx2,fma"))) void maskstore_f32(float *o, long n, __m256 s)
{
    _mm256_maskstore_ps(o, _mm256_loadu_si256((const __m256i *)(masks32 + 8 - n)), s);
}

/* Doubles: unpacklo_pd takes sample 0 of each 128-bit half of a and of b, outputs
   (0, 2, 1, 3); the same exchange puts them in order. */
static inline __attribute__((always_inline, target("avx2,fma"))) __m256d even_f64(__m256d a, __m256d b)
{
    return _mm256_unpacklo_pd(a, b);
}

static inline __attribute__((always_inline, target("avx2,fma"))) __m256d order_f64(__m256d s)
{
    return _mm256_permute4x64_pd(s, _MM_SHUFFLE(3, 1, 2, 0));
}

static inline __attribute__((always_inline, target("avx2,fma"))) void maskstore_f64(double *o, long n, __m256d s)
{
    _mm256_maskstore_pd(o, _mm256_loadu_si256((const __m256i *)(masks64 + 4 - n)), s);
}

#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR float
#define VEC __m256
#define LANES 8
#define LOADU _mm256_loadu_ps
#define STOREU _mm256_storeu_ps
#define MASKSTORE maskstore_f32
#define SET1 _mm256_set1_ps
#define ZERO _mm256_setzero_ps
#define ADD _mm256_add_ps
#define FMADD _mm256_fmadd_ps
#define EVEN even_f32
#define ORDER order_f32
#define FUNCTION convolve_stride_two_rows_f32_avx2_fma
#include "StrideTwoRowsTemplate.h"

#define KERNEL_TARGET __attribute__((target("avx2,fma")))
#define SCALAR double
#define VEC __m256d
#define LANES 4
#define LOADU _mm256_loadu_pd
#define STOREU _mm256_storeu_pd
#define MASKSTORE maskstore_f64
#define SET1 _mm256_set1_pd
#define ZERO _mm256_setzero_pd
#define ADD _mm256_add_pd
#define FMADD _mm256_fmadd_pd
#define EVEN even_f64
#define ORDER order_f64
#define FUNCTION convolve_stride_two_rows_f64_avx2_fma
#include "StrideTwoRowsTemplate.h"
