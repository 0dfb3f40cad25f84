#ifndef CONVOLVE_PROCESSOR_FEATURES_H
#define CONVOLVE_PROCESSOR_FEATURES_H

/* 1 when the processor runs the AVX-512 subsets Skylake-X introduced (F, CD, BW, DQ, VL):
   what OpenBLAS's SkylakeX kernels use (Sources/Convolve/BLAS/BLASCore.swift). */
int convolve_avx512_skylake_available(void);

#endif
