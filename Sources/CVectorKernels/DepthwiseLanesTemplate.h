/* The depthwise lanes kernel (DepthwiseLanes.h), written once and included by
   DepthwiseLanes.c for each instruction set and precision with these names defined:
     KERNEL_TARGET  the function attribute naming the instruction set
     SCALAR  float or double        VEC  its vector type        LANES  its lanes
     LOADU(p), STOREU(p, v), SET1, ZERO, ADD, FMADD
     SLIDE  1 where SLIDING_OUTPUTS' two rows of samples and sums (17 vectors) fit the registers
            (AVX-512's 32), else 0: in AVX2 they spilled (c96@56² 7×7 0.83 ms against 0.42
            without, on an AMD Zen 4), and one row slid alone keeps four chains of fused
            multiply-adds, too few to fill AVX2's two units (1.02 ms)
     TRANSPOSE(v)  (optional) transposes LANES vectors v[0 ..< LANES] in place, v[j][l] ← v[l][j]:
                   the interleaving and its inverse then go a square of samples at a time
     TRANSPOSE_FROM(p, stride, v)  (with TRANSPOSE) the same of the LANES vectors at p + j·stride into v
     FUNCTION  the public entry point; OUTPUTS, SLIDING_OUTPUTS, ROWS  its helpers */

/* R rows (1 or 2) × C outputs along x (1 to 4) of sums from p (the padded sample under
   the first output's tap (0, 0)) into o: R·C vectors of sums, each tap's weight vector
   loaded once for all of them. R and C are constants at every call, so the loops unroll. */
static inline __attribute__((always_inline)) KERNEL_TARGET void OUTPUTS(
    const SCALAR *p, SCALAR *o, const SCALAR *weights, long ky, long kx, long tapRow, long tapColumn,
    long rowStep, long columnStep, long outRowStep, const int R, const int C)
{
    VEC acc[2][4];
    for (int r = 0; r < R; r++)
        for (int j = 0; j < C; j++) acc[r][j] = ZERO();
    for (long ry = 0; ry < ky; ry++) {
        const SCALAR *q = p + ry * tapRow, *w = weights + ry * kx * LANES;
        for (long rx = 0; rx < kx; rx++) {
            const VEC wt = LOADU(w + rx * LANES);
            const SCALAR *t = q + rx * tapColumn;
            for (int r = 0; r < R; r++)
                for (int j = 0; j < C; j++) acc[r][j] = FMADD(wt, LOADU(t + r * rowStep + j * columnStep), acc[r][j]);
        }
    }
    for (int r = 0; r < R; r++)
        for (int j = 0; j < C; j++) STOREU(o + r * outRowStep + j * LANES, acc[r][j]);
}

/* OUTPUTS where a tap's step along x equals the outputs' (tapColumn = columnStep: stride
   and dilation alike along x, as at stride 1): output j's tap rx reads the sample output
   j + rx's tap 0 reads, so each row's C samples under the current tap stay in registers
   and slide by one sample per tap, one new load a row where OUTPUTS loads C. The same
   chains over (ry, rx) ascending: the same bits. */
static inline __attribute__((always_inline)) KERNEL_TARGET void SLIDING_OUTPUTS(
    const SCALAR *p, SCALAR *o, const SCALAR *weights, long ky, long kx, long tapRow, long step,
    long rowStep, long outRowStep, const int R, const int C)
{
    VEC acc[2][4], window[2][4];
    for (int r = 0; r < R; r++)
        for (int j = 0; j < C; j++) acc[r][j] = ZERO();
    for (long ry = 0; ry < ky; ry++) {
        const SCALAR *q = p + ry * tapRow, *w = weights + ry * kx * LANES;
        for (int r = 0; r < R; r++)
            for (int j = 0; j + 1 < C; j++) window[r][j] = LOADU(q + r * rowStep + j * step);
        for (long rx = 0; rx < kx; rx++) {
            const VEC wt = LOADU(w + rx * LANES);
            for (int r = 0; r < R; r++) window[r][C - 1] = LOADU(q + r * rowStep + (rx + C - 1) * step);
            for (int r = 0; r < R; r++)
                for (int j = 0; j < C; j++) acc[r][j] = FMADD(wt, window[r][j], acc[r][j]);
            for (int r = 0; r < R; r++)
                for (int j = 0; j + 1 < C; j++) window[r][j] = window[r][j + 1];
        }
    }
    for (int r = 0; r < R; r++)
        for (int j = 0; j < C; j++) STOREU(o + r * outRowStep + j * LANES, acc[r][j]);
}

/* Output rows [oy, oy + R) of the interleaved sums. */
static inline __attribute__((always_inline)) KERNEL_TARGET void ROWS(
    const ConvolveDepthwiseLanes *a, const SCALAR *padded, SCALAR *sums, const SCALAR *weights, long oy, const int R)
{
    const long PW = a->paddedWidth, OW = a->outWidth, ky = a->ky, kx = a->kx;
    const long tapRow = a->dilationY * PW * LANES, tapColumn = a->dilationX * LANES;
    const long rowStep = a->strideY * PW * LANES, columnStep = a->strideX * LANES, outRowStep = OW * LANES;
    const SCALAR *p = padded + oy * rowStep;
    SCALAR *o = sums + oy * outRowStep;
    long ox = 0;
    if (SLIDE && tapColumn == columnStep)
        for (; ox + 4 <= OW; ox += 4)
            SLIDING_OUTPUTS(p + ox * columnStep, o + ox * LANES, weights, ky, kx, tapRow, columnStep, rowStep,
                            outRowStep, R, 4);
    for (; ox + 4 <= OW; ox += 4)
        OUTPUTS(p + ox * columnStep, o + ox * LANES, weights, ky, kx, tapRow, tapColumn, rowStep, columnStep,
                outRowStep, R, 4);
    switch (OW - ox) {
    case 3: OUTPUTS(p + ox * columnStep, o + ox * LANES, weights, ky, kx, tapRow, tapColumn, rowStep, columnStep,
                    outRowStep, R, 3); break;
    case 2: OUTPUTS(p + ox * columnStep, o + ox * LANES, weights, ky, kx, tapRow, tapColumn, rowStep, columnStep,
                    outRowStep, R, 2); break;
    case 1: OUTPUTS(p + ox * columnStep, o + ox * LANES, weights, ky, kx, tapRow, tapColumn, rowStep, columnStep,
                    outRowStep, R, 1); break;
    default: break;
    }
}

KERNEL_TARGET void FUNCTION(const ConvolveDepthwiseLanes *a)
{
    const long H = a->height, W = a->width, PH = a->paddedHeight, PW = a->paddedWidth;
    const long OH = a->outHeight, OW = a->outWidth, taps = a->ky * a->kx;
    SCALAR *padded = (SCALAR *)a->scratch;          /* [PH][PW][LANES] */
    SCALAR *sums = padded + PH * PW * LANES;        /* [OH][OW][LANES] */
    SCALAR *weights = sums + OH * OW * LANES;       /* [taps][LANES] */
    /* The border holds the fill for every group of channels of the call: written once,
       whole rows above and below the input, the columns either side of it between. The
       call's fields are read into locals once: the vector stores may alias anything, so
       fields read inside the loops would be loaded again after every store. */
    const long top = a->padTop, left = a->padLeft;
    const VEC fill = SET1(*(const SCALAR *)a->fill);
    for (long y = 0; y < PH; y++) {
        SCALAR *row = padded + y * PW * LANES;
        if (y < top || y >= top + H) {
            for (long x = 0; x < PW; x++) STOREU(row + x * LANES, fill);
            continue;
        }
        for (long x = 0; x < left; x++) STOREU(row + x * LANES, fill);
        for (long x = left + W; x < PW; x++) STOREU(row + x * LANES, fill);
    }
    const long channels = a->channels, inputStride = a->inputStride;
    const SCALAR *input = (const SCALAR *)a->input, *allWeights = (const SCALAR *)a->weights;
    /* The first input sample's place in the padded plane, and the step from a row's end
       to the next row's start there. */
    SCALAR *const corner = padded + (top * PW + left) * LANES;
    const long rowGap = (PW - W) * LANES;
    SCALAR *const outputs = (SCALAR *)a->out;
    const SCALAR *const biases = (const SCALAR *)a->bias;
    const long outStride = a->outStride;
    for (long c0 = 0; c0 < channels; c0 += LANES) {
        const long n = channels - c0 < LANES ? channels - c0 : LANES;
        const SCALAR *planes[LANES];
        for (long l = 0; l < LANES; l++) {
            const long c = c0 + (l < n ? l : n - 1);
            planes[l] = input + c * inputStride;
            const SCALAR *w = allWeights + c * taps;
            /* Kept scalar: clang made this strided loop a scatter, on which `perf` put 10%
               of c960@7²'s samples; scalar, the prepared layer ran 33 µs against 34–35
               (release probe, AMD EPYC Zen 4, best of 21, two alternating pairs). */
#pragma clang loop vectorize(disable)
            for (long t = 0; t < taps; t++) weights[t * LANES + l] = w[t];
        }
        long i = 0, x = 0;
        SCALAR *sample = corner;
#ifdef TRANSPOSE
        /* LANES samples of the planes' flat order at a time: one vector from each plane,
           transposed into one vector of channels per sample, stored where the sample lies
           in the padded plane. */
        for (; i + LANES <= H * W; i += LANES) {
            VEC v[LANES];
            for (int l = 0; l < LANES; l++) v[l] = LOADU(planes[l] + i);
            TRANSPOSE(v);
            for (int j = 0; j < LANES; j++) {
                STOREU(sample, v[j]);
                sample += LANES;
                if (++x == W) x = 0, sample += rowGap;
            }
        }
#endif
        for (; i < H * W; i++) {
            for (long l = 0; l < LANES; l++) sample[l] = planes[l][i];
            sample += LANES;
            if (++x == W) x = 0, sample += rowGap;
        }
        long oy = 0;
        for (; oy + 2 <= OH; oy += 2) ROWS(a, padded, sums, weights, oy, 2);
        if (oy < OH) ROWS(a, padded, sums, weights, oy, 1);
        /* The channels' output planes and biases (lanes past the last store nothing). */
        SCALAR *out[LANES];
        SCALAR b[LANES];
        for (long l = 0; l < n; l++) {
            out[l] = outputs + (c0 + l) * outStride;
            b[l] = biases ? biases[c0 + l] : 0;
        }
        i = 0;
#ifdef TRANSPOSE
        if (n == LANES) {
            /* LANES outputs of the flat order at a time, transposed into one vector per channel. */
            VEC bias[LANES];
            for (int l = 0; l < LANES; l++) bias[l] = SET1(b[l]);
            for (; i + LANES <= OH * OW; i += LANES) {
                VEC v[LANES];
                TRANSPOSE_FROM(sums + i * LANES, LANES, v);
                for (int l = 0; l < LANES; l++) STOREU(out[l] + i, biases ? ADD(v[l], bias[l]) : v[l]);
            }
        }
#endif
        for (long l = 0; l < n; l++) {
            SCALAR *plane = out[l];
            /* A few outputs past the transposed ones (or a last group's): scalar, not gathers. */
            if (biases) {
#pragma clang loop vectorize(disable)
                for (long k = i; k < OH * OW; k++) plane[k] = sums[k * LANES + l] + b[l];
            } else {
#pragma clang loop vectorize(disable)
                for (long k = i; k < OH * OW; k++) plane[k] = sums[k * LANES + l];
            }
        }
    }
}

#undef KERNEL_TARGET
#undef SCALAR
#undef VEC
#undef LANES
#undef LOADU
#undef STOREU
#undef SET1
#undef ZERO
#undef ADD
#undef FMADD
#undef TRANSPOSE
#undef TRANSPOSE_FROM
#undef FUNCTION
#undef OUTPUTS
#undef SLIDING_OUTPUTS
#undef SLIDE
#undef ROWS
