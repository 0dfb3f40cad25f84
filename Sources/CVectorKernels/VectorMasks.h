#ifndef CONVOLVE_VECTOR_MASKS_H
#define CONVOLVE_VECTOR_MASKS_H

/* The masks of AVX2's masked loads and stores: lane i of masksNN + (LANES - count) is all
   ones for i < count. AVX-512 has mask registers instead. */
static const long long masks64[8] = {-1, -1, -1, -1, 0, 0, 0, 0};
static const int masks32[16] = {-1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0};

#endif
