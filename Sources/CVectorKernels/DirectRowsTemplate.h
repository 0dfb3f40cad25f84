/* The AVX2 + FMA row kernel, written once and included by DirectKernels.c for each
   precision with these names defined:
     SCALAR  float or double        VEC      __m256 or __m256d      LANES  8 or 4
     MASK    the mask type of VEC's masked loads and stores (__m256i)
     LOADU, MASKLOAD, STOREU, MASKSTORE, SET1, ZERO, FMADD: VEC's intrinsics
     MASKS   a table of LANES all-ones lanes followed by LANES zero lanes
     FUNCTION  the public entry point; ROWS_FOR, TAIL, BLOCK, ROW_TAPS  the names of its helpers */

#define KERNEL_TARGET __attribute__((target("avx2,fma")))

/* The taps of one input row: `first` (tap row of output row 0) into acc0 when
   `use_first`, `second` (tap row of output row 1) into acc1 when `use_second`; with
   `masked`, the last of the `nv` vectors loads only the lanes of `mask`. */
static inline __attribute__((always_inline)) KERNEL_TARGET void ROW_TAPS(
    const SCALAR *row, const SCALAR *first, const SCALAR *second, long kx, const int nv,
    const int use_first, const int use_second, const int masked, MASK mask, VEC *acc0, VEC *acc1)
{
    for (long rx = 0; rx < kx; rx++) {
        VEC in[8];
        for (int v = 0; v < nv; v++)
            in[v] = masked && v == nv - 1 ? MASKLOAD(row + rx + v * LANES, mask) : LOADU(row + rx + v * LANES);
        if (use_first) {
            VEC w = SET1(first[rx]);
            for (int v = 0; v < nv; v++) acc0[v] = FMADD(w, in[v], acc0[v]);
        }
        if (use_second) {
            VEC w = SET1(second[rx]);
            for (int v = 0; v < nv; v++) acc1[v] = FMADD(w, in[v], acc1[v]);
        }
    }
}

/* `nv` vectors of LANES outputs of one row (`two` == 0) or two rows at x; with `masked`
   the last vector holds only its first `count` outputs (loads and stores of the others
   are masked off). Constant `nv`, `two` and `masked` at every call, so the loops over
   vectors unroll and the branches fold; `kx` is constant too where ROWS_FOR is
   specialised, so the loop over taps unrolls. */
static inline __attribute__((always_inline)) KERNEL_TARGET void BLOCK(
    const ConvolveDirectRows *a, long x, const long kx, const int nv, const int two, const int masked, long count)
{
    VEC acc0[8], acc1[8];
    for (int v = 0; v < nv; v++) { acc0[v] = ZERO(); acc1[v] = ZERO(); }
    MASK mask = masked ? MASKLOAD_MASK(count) : (MASK){0};
    const long ky = a->ky, kz = a->kz, channels = a->channels;
    const long channelStride = a->channelStride, sliceStride = a->sliceStride, rowStride = a->rowStride;
    const SCALAR *taps = (const SCALAR *)a->weights;
    const SCALAR *base = (const SCALAR *)a->padded + x;
    for (long c = 0; c < channels; c++, base += channelStride) {
        const SCALAR *plane = base;
        for (long rz = 0; rz < kz; rz++, plane += sliceStride, taps += ky * kx) {
            if (!two) {
                for (long r = 0; r < ky; r++)
                    ROW_TAPS(plane + r * rowStride, taps + r * kx, 0, kx, nv, 1, 0, masked, mask, acc0, acc1);
                continue;
            }
            /* Input row r serves tap row r of output row 0 and tap row r - 1 of output row 1. */
            ROW_TAPS(plane, taps, 0, kx, nv, 1, 0, masked, mask, acc0, acc1);
            for (long r = 1; r < ky; r++)
                ROW_TAPS(plane + r * rowStride, taps + r * kx, taps + (r - 1) * kx, kx, nv, 1, 1, masked, mask,
                         acc0, acc1);
            ROW_TAPS(plane + ky * rowStride, 0, taps + (ky - 1) * kx, kx, nv, 0, 1, masked, mask, acc0, acc1);
        }
    }
    SCALAR *out0 = (SCALAR *)a->out0 + x, *out1 = two ? (SCALAR *)a->out1 + x : 0;
    for (int v = 0; v < nv; v++) {
        if (masked && v == nv - 1) {
            MASKSTORE(out0 + v * LANES, mask, acc0[v]);
            if (two) MASKSTORE(out1 + v * LANES, mask, acc1[v]);
        } else {
            STOREU(out0 + v * LANES, acc0[v]);
            if (two) STOREU(out1 + v * LANES, acc1[v]);
        }
    }
}

/* The last x1 - x < 4·LANES outputs in one block of 1 to 4 vectors, the last one masked
   when it is partial: as many FMA chains as the tail allows. */
static inline __attribute__((always_inline)) KERNEL_TARGET void TAIL(
    const ConvolveDirectRows *a, long x, const long kx, const int two)
{
    const long left = a->x1 - x, partial = left % LANES;
    const long vectors = (left + LANES - 1) / LANES;
    switch (vectors * 2 + (partial != 0)) {
    case 3: BLOCK(a, x, kx, 1, two, 1, partial); break;
    case 4: BLOCK(a, x, kx, 2, two, 0, 0); break;
    case 5: BLOCK(a, x, kx, 2, two, 1, partial); break;
    case 6: BLOCK(a, x, kx, 3, two, 0, 0); break;
    case 7: BLOCK(a, x, kx, 3, two, 1, partial); break;
    case 9: BLOCK(a, x, kx, 4, two, 1, partial); break;
    case 2: BLOCK(a, x, kx, 1, two, 0, 0); break;
    default: break; /* nothing left */
    }
}

/* Blocks of 8 vectors for one row (eight independent FMA chains cover the FMA latency)
   and of 4 vectors for two rows (eight chains again), a block of 4 for one row when
   that many are left, then the tail. */
static inline __attribute__((always_inline)) KERNEL_TARGET void ROWS_FOR(const ConvolveDirectRows *a, const long kx)
{
    long x = a->x0;
    const long end = a->x1;
    if (a->out1) {
        for (; x + 4 * LANES <= end; x += 4 * LANES) BLOCK(a, x, kx, 4, 1, 0, 0);
        TAIL(a, x, kx, 1);
    } else {
        for (; x + 8 * LANES <= end; x += 8 * LANES) BLOCK(a, x, kx, 8, 0, 0, 0);
        if (x + 4 * LANES <= end) { BLOCK(a, x, kx, 4, 0, 0, 0); x += 4 * LANES; }
        TAIL(a, x, kx, 0);
    }
}

/* The kernel widths of the common small filters get their own unrolled copies. */
KERNEL_TARGET void FUNCTION(const ConvolveDirectRows *a)
{
    switch (a->kx) {
    case 1: ROWS_FOR(a, 1); break;
    case 3: ROWS_FOR(a, 3); break;
    case 5: ROWS_FOR(a, 5); break;
    case 7: ROWS_FOR(a, 7); break;
    case 9: ROWS_FOR(a, 9); break;
    case 11: ROWS_FOR(a, 11); break;
    default: ROWS_FOR(a, a->kx); break;
    }
}

#undef KERNEL_TARGET
