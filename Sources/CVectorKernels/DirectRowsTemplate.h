/* The vector row kernel, written once and included by DirectKernels.c for each
   instruction set and precision with these names defined:
     KERNEL_TARGET  the function attribute naming the instruction set
     SCALAR  float or double        VEC      its vector type        LANES  its lanes
     MASK    the mask type of VEC's masked loads and stores
     MASKLOAD_MASK(count)  the mask of the first `count` lanes
     LOADU(p), MASKLOAD(p, mask), STOREU(p, v), MASKSTORE(p, mask, v), SET1, ZERO, FMADD
     FOUR_ROWS  1 where blocks of four and six rows pay (enough registers: AVX-512's 32), else 0
     SQUARE_COPIES  1 where square 3×3, 5×5 and 7×7 kernels get copies with constant tap rows
     THREE_BY_THREE  1 where one channel's 3×3 kernel keeps its weights in registers (SINGLE_3X3:
                     AVX-512's 32 of them), else 0
     ROW_VECTORS_6, ROW_VECTORS_4, ROW_VECTORS_2  vectors per block of six, four and two rows
     ROW_VECTORS_2_WIDE  vectors per block of two rows for kernels at least 5 wide (at most 6)
     WIDE_BLOCK  the most vectors per block whose inputs are all loaded before the weights
     FUNCTION  the public entry point; ALL_ROWS, ROWS_FOR, TAIL, BLOCK, ROW_TAPS, SINGLE_3X3  its helpers
   and, from DirectKernels.c, ROWS_HELPER  how the helpers but SINGLE_3X3 are declared
   Every form computes each output as the same chain of fused multiply-adds, so all of
   them give the same bits. */

/* The taps of one input row, `r` rows below the first output row's first tap row: for
   every output row j < R whose bit is set in `uses`, tap row r − j of `taps` into acc[j]
   (the caller sets only bits with 0 ≤ r − j < ky); with `masked`, the last of the `nv`
   vectors loads only the lanes of `mask`. Blocks of up to WIDE_BLOCK vectors load a tap's
   input vectors first and broadcast each weight once per row (nv inputs + R·nv sums + 1
   weight in registers); wider blocks broadcast the R weights first and load each input
   vector just before its R multiply-adds (R weights + R·nv sums + 1 input), which keeps
   AVX2's 6-vector pairs and 8-vector single rows inside 16 registers. Each sum takes the
   same taps in the same order either way. */
ROWS_HELPER KERNEL_TARGET void ROW_TAPS(
    const SCALAR *row, const SCALAR *taps, long r, long kx, const int nv, const int R, const int uses,
    const int masked, MASK mask, VEC acc[6][8])
{
    if (nv > WIDE_BLOCK) {
        for (long rx = 0; rx < kx; rx++) {
            VEC w[6];
            for (int j = 0; j < R; j++)
                if (uses & (1 << j)) w[j] = SET1(taps[(r - j) * kx + rx]);
            for (int v = 0; v < nv; v++) {
                const VEC in = masked && v == nv - 1 ? MASKLOAD(row + rx + v * LANES, mask)
                                                     : LOADU(row + rx + v * LANES);
                for (int j = 0; j < R; j++)
                    if (uses & (1 << j)) acc[j][v] = FMADD(w[j], in, acc[j][v]);
            }
        }
        return;
    }
    for (long rx = 0; rx < kx; rx++) {
        VEC in[8];
        for (int v = 0; v < nv; v++)
            in[v] = masked && v == nv - 1 ? MASKLOAD(row + rx + v * LANES, mask) : LOADU(row + rx + v * LANES);
        for (int j = 0; j < R; j++) {
            if (!(uses & (1 << j))) continue;
            VEC w = SET1(taps[(r - j) * kx + rx]);
            for (int v = 0; v < nv; v++) acc[j][v] = FMADD(w, in[v], acc[j][v]);
        }
    }
}

/* `nv` vectors of LANES outputs of R consecutive output rows at x (R = 1, 2, 4 or 6; R > 1
   needs ky ≥ R − 1); with `masked` the last vector holds only its first `count` outputs
   (loads and stores of the others are masked off). Input row r of each (channel, slice)
   serves tap row r − j of output row j, so each input vector is loaded once for up to R
   multiply-adds. Constant `nv`, `R` and `masked` at every call, so the loops over vectors
   and rows unroll and the branches fold; `kx` (and for the square copies `ky`) is
   constant too where ROWS_FOR is specialised, so the loop over taps (and tap rows) unrolls. */
ROWS_HELPER KERNEL_TARGET void BLOCK(
    const ConvolveDirectRows *a, const SCALAR *base, SCALAR *out, long x, const long kx, const long ky, const int nv,
    const int R, const int masked, long count)
{
    VEC acc[6][8];
    MASK mask = masked ? MASKLOAD_MASK(count) : (MASK){0};
    if (a->accumulate) {
        for (int j = 0; j < R; j++) {
            const SCALAR *o = out + j * a->outRowStride + x;
            for (int v = 0; v < nv; v++)
                acc[j][v] = masked && v == nv - 1 ? MASKLOAD(o + v * LANES, mask) : LOADU(o + v * LANES);
        }
    } else {
        for (int j = 0; j < R; j++)
            for (int v = 0; v < nv; v++) acc[j][v] = ZERO();
    }
    const long kz = a->kz, channels = a->channels;
    const long channelStride = a->channelStride, sliceStride = a->sliceStride, rowStride = a->rowStride;
    const SCALAR *taps = (const SCALAR *)a->weights;
    base += x;
    const int all = (1 << R) - 1;
    for (long c = 0; c < channels; c++, base += channelStride) {
        const SCALAR *plane = base;
        for (long rz = 0; rz < kz; rz++, plane += sliceStride, taps += ky * kx) {
            /* Rows r < R − 1 serve output rows j ≤ r; rows R − 1 … ky − 1 serve all R;
               rows ky + s (s < R − 1) serve output rows j > s. */
            for (int r = 0; r < R - 1; r++)
                ROW_TAPS(plane + r * rowStride, taps, r, kx, nv, R, (2 << r) - 1, masked, mask, acc);
            for (long r = R - 1; r < ky; r++)
                ROW_TAPS(plane + r * rowStride, taps, r, kx, nv, R, all, masked, mask, acc);
            for (int s = 0; s < R - 1; s++)
                ROW_TAPS(plane + (ky + s) * rowStride, taps, ky + s, kx, nv, R, all & ~((2 << s) - 1), masked, mask,
                         acc);
        }
    }
    for (int j = 0; j < R; j++) {
        SCALAR *o = out + j * a->outRowStride + x;
        for (int v = 0; v < nv; v++) {
            if (masked && v == nv - 1) MASKSTORE(o + v * LANES, mask, acc[j][v]);
            else STOREU(o + v * LANES, acc[j][v]);
        }
    }
}

/* The last x1 − x < 4·LANES outputs in one block of 1 to 4 vectors, the last one masked
   when it is partial: as many FMA chains as the tail allows. */
ROWS_HELPER KERNEL_TARGET void TAIL(
    const ConvolveDirectRows *a, const SCALAR *base, SCALAR *out, long x, const long kx, const long ky, const int R)
{
    const long left = a->x1 - x, partial = left % LANES;
    const long vectors = (left + LANES - 1) / LANES;
    switch (vectors * 2 + (partial != 0)) {
    case 2: BLOCK(a, base, out, x, kx, ky, 1, R, 0, 0); break;
    case 3: BLOCK(a, base, out, x, kx, ky, 1, R, 1, partial); break;
    case 4: BLOCK(a, base, out, x, kx, ky, 2, R, 0, 0); break;
    case 5: BLOCK(a, base, out, x, kx, ky, 2, R, 1, partial); break;
    case 6: BLOCK(a, base, out, x, kx, ky, 3, R, 0, 0); break;
    case 7: BLOCK(a, base, out, x, kx, ky, 3, R, 1, partial); break;
    case 9: BLOCK(a, base, out, x, kx, ky, 4, R, 1, partial); break;
    default: break; /* nothing left */
    }
}

/* Outputs [x0, x1) of R rows: blocks of ROW_VECTORS_6 vectors for six rows, ROW_VECTORS_4
   for four, ROW_VECTORS_2 for two (ROW_VECTORS_2_WIDE for kernels at least 5 wide) and 8
   for one (enough independent FMA chains to cover the latency, few enough to stay in
   registers), a block of 4 for one or two rows when that many are left, then the tail of
   at most 4 vectors. AVX2 + FMA on the Zen 3, kernel alone, 1024² in bands of 48 rows,
   medians of six alternations: two rows × 6 vectors against × 4 took 5×5 0.79 → 0.68 ms,
   7×7 1.38 → 1.22, 11×11 3.07 → 2.87 (3×3 slower: 0.31 → 0.39, so it keeps 4); one row
   × 8 with the weights first, 1-D 2²⁰ ∗ 3 0.52 → 0.18 ms, ∗ 16 1.00 → 0.63 (one row in
   spans of 65,536, medians of six alternations). */
ROWS_HELPER KERNEL_TARGET void ROWS_FOR(
    const ConvolveDirectRows *a, const SCALAR *base, SCALAR *out, const long kx, const long ky, const int R)
{
    long x = a->x0;
    const long end = a->x1;
    if (R == 6) {
        for (; x + ROW_VECTORS_6 * LANES <= end; x += ROW_VECTORS_6 * LANES)
            BLOCK(a, base, out, x, kx, ky, ROW_VECTORS_6, 6, 0, 0);
    } else if (R == 4) {
        for (; x + ROW_VECTORS_4 * LANES <= end; x += ROW_VECTORS_4 * LANES)
            BLOCK(a, base, out, x, kx, ky, ROW_VECTORS_4, 4, 0, 0);
    } else if (R == 2 && kx >= 5 && ROW_VECTORS_2_WIDE != ROW_VECTORS_2) {
        for (; x + ROW_VECTORS_2_WIDE * LANES <= end; x += ROW_VECTORS_2_WIDE * LANES)
            BLOCK(a, base, out, x, kx, ky, ROW_VECTORS_2_WIDE, 2, 0, 0);
        if (x + 4 * LANES <= end) { BLOCK(a, base, out, x, kx, ky, 4, 2, 0, 0); x += 4 * LANES; }
    } else if (R == 2) {
        for (; x + ROW_VECTORS_2 * LANES <= end; x += ROW_VECTORS_2 * LANES)
            BLOCK(a, base, out, x, kx, ky, ROW_VECTORS_2, 2, 0, 0);
    } else {
        for (; x + 8 * LANES <= end; x += 8 * LANES) BLOCK(a, base, out, x, kx, ky, 8, 1, 0, 0);
        if (x + 4 * LANES <= end) { BLOCK(a, base, out, x, kx, ky, 4, 1, 0, 0); x += 4 * LANES; }
    }
    TAIL(a, base, out, x, kx, ky, R);
}

/* All `rows` output rows: where consecutive output rows are one input row apart, six at a
   time (in the forms with FOUR_ROWS, for kernels of at least five tap rows and seven
   columns, where each input vector then serves up to six multiply-adds: a third fewer
   loads per multiply-add than four rows take, and 24 accumulators that still leave the
   registers for a row's vectors; narrower kernels spill), four at a time (the same forms,
   at least three tap rows), then two; then one at a time. */
ROWS_HELPER KERNEL_TARGET void ALL_ROWS(
    const ConvolveDirectRows *a, const long kx, const long ky)
{
    const SCALAR *base = (const SCALAR *)a->padded;
    SCALAR *out = (SCALAR *)a->out;
    const int share = a->rowStep == a->rowStride;
    long y = 0;
    if (FOUR_ROWS && share && ky >= 5 && kx >= 7)
        for (; y + 6 <= a->rows; y += 6) ROWS_FOR(a, base + y * a->rowStep, out + y * a->outRowStride, kx, ky, 6);
    if (FOUR_ROWS && share && ky >= 3)
        for (; y + 4 <= a->rows; y += 4) ROWS_FOR(a, base + y * a->rowStep, out + y * a->outRowStride, kx, ky, 4);
    if (share)
        for (; y + 2 <= a->rows; y += 2) ROWS_FOR(a, base + y * a->rowStep, out + y * a->outRowStride, kx, ky, 2);
    for (; y < a->rows; y++) ROWS_FOR(a, base + y * a->rowStep, out + y * a->outRowStride, kx, ky, 1);
}

/* Input row r of the block (at tap column rx) into i0 … i3; the multiply-adds of output row j
   with the weight of tap (ry, rx); the taps of input row r for every output row it serves
   (r − j = ry in 0 … 2), rx ascending. Written out rather than looped, with every sum, input
   and weight a variable of its own: clang's -O2 (SwiftPM's) kept looped arrays of them on
   the stack. */
#define SINGLE_3X3_LOAD(r, rx)                                                                   \
    do {                                                                                         \
        const SCALAR *q = padded + (y + (r)) * rowStride + x + (rx);                             \
        i0 = LOADU(q), i1 = LOADU(q + LANES), i2 = LOADU(q + 2 * LANES), i3 = LOADU(q + 3 * LANES); \
    } while (0)
#define SINGLE_3X3_FMA(j, ry, rx)                                                                \
    (s##j##0 = FMADD(w##ry##rx, i0, s##j##0), s##j##1 = FMADD(w##ry##rx, i1, s##j##1),            \
     s##j##2 = FMADD(w##ry##rx, i2, s##j##2), s##j##3 = FMADD(w##ry##rx, i3, s##j##3))
#define SINGLE_3X3_ROW(r, taps) \
    do { SINGLE_3X3_LOAD(r, 0); taps(0); SINGLE_3X3_LOAD(r, 1); taps(1); SINGLE_3X3_LOAD(r, 2); taps(2); } while (0)
#define SINGLE_3X3_R0(rx) SINGLE_3X3_FMA(0, 0, rx)
#define SINGLE_3X3_R1(rx) (SINGLE_3X3_FMA(0, 1, rx), SINGLE_3X3_FMA(1, 0, rx))
#define SINGLE_3X3_R2(rx) (SINGLE_3X3_FMA(0, 2, rx), SINGLE_3X3_FMA(1, 1, rx), SINGLE_3X3_FMA(2, 0, rx))
#define SINGLE_3X3_R3(rx) (SINGLE_3X3_FMA(1, 2, rx), SINGLE_3X3_FMA(2, 1, rx), SINGLE_3X3_FMA(3, 0, rx))
#define SINGLE_3X3_R4(rx) (SINGLE_3X3_FMA(2, 2, rx), SINGLE_3X3_FMA(3, 1, rx))
#define SINGLE_3X3_R5(rx) SINGLE_3X3_FMA(3, 2, rx)
#define SINGLE_3X3_ZEROS(j) (s##j##0 = ZERO(), s##j##1 = ZERO(), s##j##2 = ZERO(), s##j##3 = ZERO())
#define SINGLE_3X3_OUTPUTS(j) \
    (s##j##0 = LOADU(o + j * outRowStride), s##j##1 = LOADU(o + j * outRowStride + LANES), \
     s##j##2 = LOADU(o + j * outRowStride + 2 * LANES), s##j##3 = LOADU(o + j * outRowStride + 3 * LANES))
#define SINGLE_3X3_STORE(j) \
    (STOREU(o + j * outRowStride, s##j##0), STOREU(o + j * outRowStride + LANES, s##j##1), \
     STOREU(o + j * outRowStride + 2 * LANES, s##j##2), STOREU(o + j * outRowStride + 3 * LANES, s##j##3))

/* One input channel (and slice) of a 3×3 kernel at stride 1 (consecutive output rows one
   input row apart), at least four rows and four vectors wide, where THREE_BY_THREE: the
   nine weight vectors are broadcast once for the call and stay in registers beside blocks
   of four rows × four vectors of sums (16 + 9 + 4 of AVX-512's 32 registers), so each
   block's 144 multiply-adds take its 72 input loads and nothing else, where BLOCK
   broadcasts each weight again for every block (36 more loads). The chains are BLOCK's,
   (ry, rx) ascending from the sum's start, so the bits are the same. Returns how many parts
   are left for BLOCK (0 to 2, in `rest`): the columns right of the last whole block, and the
   rows below the last four. A function of its own: inlined into FUNCTION, the extra code had
   slowed the other kernels' copies there (5×5 0.52 → 0.67 ms); and handing its leftovers back
   rather than calling FUNCTION again, which stacked a second entry frame (megabytes in debug
   builds before ROWS_HELPER, and a crash in the debug suite). */
static __attribute__((noinline)) KERNEL_TARGET int SINGLE_3X3(const ConvolveDirectRows *a, ConvolveDirectRows rest[2])
{
    const SCALAR *taps = (const SCALAR *)a->weights;
    const VEC w00 = SET1(taps[0]), w01 = SET1(taps[1]), w02 = SET1(taps[2]);
    const VEC w10 = SET1(taps[3]), w11 = SET1(taps[4]), w12 = SET1(taps[5]);
    const VEC w20 = SET1(taps[6]), w21 = SET1(taps[7]), w22 = SET1(taps[8]);
    const SCALAR *padded = (const SCALAR *)a->padded;
    SCALAR *out = (SCALAR *)a->out;
    const long rowStride = a->rowStride, outRowStride = a->outRowStride, x0 = a->x0, x1 = a->x1;
    const long span = 4 * LANES, xEnd = x0 + (x1 - x0) / span * span, rowEnd = a->rows / 4 * 4;
    const int accumulate = a->accumulate != 0;
    for (long y = 0; y < rowEnd; y += 4)
        for (long x = x0; x < xEnd; x += span) {
            SCALAR *o = out + y * outRowStride + x;
            VEC s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33, i0, i1, i2, i3;
            if (accumulate)
                SINGLE_3X3_OUTPUTS(0), SINGLE_3X3_OUTPUTS(1), SINGLE_3X3_OUTPUTS(2), SINGLE_3X3_OUTPUTS(3);
            else
                SINGLE_3X3_ZEROS(0), SINGLE_3X3_ZEROS(1), SINGLE_3X3_ZEROS(2), SINGLE_3X3_ZEROS(3);
            SINGLE_3X3_ROW(0, SINGLE_3X3_R0);
            SINGLE_3X3_ROW(1, SINGLE_3X3_R1);
            SINGLE_3X3_ROW(2, SINGLE_3X3_R2);
            SINGLE_3X3_ROW(3, SINGLE_3X3_R3);
            SINGLE_3X3_ROW(4, SINGLE_3X3_R4);
            SINGLE_3X3_ROW(5, SINGLE_3X3_R5);
            SINGLE_3X3_STORE(0), SINGLE_3X3_STORE(1), SINGLE_3X3_STORE(2), SINGLE_3X3_STORE(3);
        }
    int parts = 0;
    if (xEnd < x1) {
        rest[parts] = *a;
        rest[parts].x0 = xEnd;
        rest[parts++].rows = rowEnd;
    }
    if (rowEnd < a->rows) {
        rest[parts] = *a;
        rest[parts].padded = padded + rowEnd * rowStride;
        rest[parts].out = out + rowEnd * outRowStride;
        rest[parts++].rows = a->rows - rowEnd;
    }
    return parts;
}
#undef SINGLE_3X3_LOAD
#undef SINGLE_3X3_FMA
#undef SINGLE_3X3_ROW
#undef SINGLE_3X3_R0
#undef SINGLE_3X3_R1
#undef SINGLE_3X3_R2
#undef SINGLE_3X3_R3
#undef SINGLE_3X3_R4
#undef SINGLE_3X3_R5
#undef SINGLE_3X3_ZEROS
#undef SINGLE_3X3_OUTPUTS
#undef SINGLE_3X3_STORE

/* The kernel widths of the common small filters get their own unrolled copies. Where
   SQUARE_COPIES, the square 3×3, 5×5 and 7×7 kernels get copies with a constant number of
   tap rows too, so the loops over input rows unroll and each block is straight-line code
   (AVX2 + FMA, Zen 3, kernel alone: 3×3 on 1024² 0.39 → 0.29 ms; 9×9 and 11×11 unrolled
   that far ran slower, so they keep the loop). */
#define SQUARE_OR_NOT(p, k) \
    do { if (SQUARE_COPIES && (p)->ky == (k)) ALL_ROWS(p, k, k); else ALL_ROWS(p, k, (p)->ky); } while (0)
KERNEL_TARGET void FUNCTION(const ConvolveDirectRows *a)
{
    switch (a->kx) {
    case 1: ALL_ROWS(a, 1, a->ky); break;
    case 3: {
        ConvolveDirectRows rest[2];
        int parts = 1;
        if (THREE_BY_THREE && a->ky == 3 && a->kz == 1 && a->channels == 1 && a->rowStep == a->rowStride
            && a->rows >= 4 && a->x1 - a->x0 >= 4 * LANES)
            parts = SINGLE_3X3(a, rest);
        else
            rest[0] = *a;
        for (int i = 0; i < parts; i++) SQUARE_OR_NOT(&rest[i], 3);
        break;
    }
    case 5: SQUARE_OR_NOT(a, 5); break;
    case 7: SQUARE_OR_NOT(a, 7); break;
    case 9: ALL_ROWS(a, 9, a->ky); break;
    case 11: ALL_ROWS(a, 11, a->ky); break;
    default: ALL_ROWS(a, a->kx, a->ky); break;
    }
}
#undef SQUARE_OR_NOT

/* The parameters are the includer's for one form only. */
#undef KERNEL_TARGET
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
#undef FOUR_ROWS
#undef SQUARE_COPIES
#undef ROW_VECTORS_6
#undef ROW_VECTORS_4
#undef ROW_VECTORS_2
#undef ROW_VECTORS_2_WIDE
#undef WIDE_BLOCK
#undef FUNCTION
#undef ALL_ROWS
#undef BLOCK
#undef ROW_TAPS
#undef ROWS_FOR
#undef TAIL
#undef SINGLE_3X3
#undef THREE_BY_THREE
