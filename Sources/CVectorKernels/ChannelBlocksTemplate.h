/* The channel-block kernel (ChannelBlocks.h), written once and included by ChannelBlocks.c
   for each instruction set and precision with these names defined:
     KERNEL_TARGET  the function attribute naming the instruction set
     SCALAR  float or double        VEC  its vector type        LANES  its lanes
     GROUP   output channels per register pass, BLOCK (2 or 3) vectors of outputs per block
             (accumulators: GROUP × BLOCK vectors)
     MASK  the mask type of VEC's masked loads and stores; MASK_FIRST(count) the mask of
     the first `count` lanes
     LOADU(p), MASKLOAD(p, mask), STOREU(p, v), MASKSTORE(p, mask, v), SET1, ZERO, ADD, FMADD
     FUNCTION  the public entry point; OUTPUTS  its helper */

/* V vectors (V ≤ BLOCK, constant at every call so the loops unroll) of outputs from o for the
   GROUP channels whose weights are w[j] (rows of `taps` weights) into out[j] + o (no store
   where out[j] is NULL), plus bias[j] when bias is not NULL; with `masked`, only the first
   `valid` outputs (> (V − 1)·LANES) are loaded for and stored, the last vector's other
   lanes masked off. With `resume`, the sums start from the values in out[j] + o (a pass
   over later taps) instead of 0; an idle channel's (out[j] NULL) from 0, never stored. */
static inline __attribute__((always_inline)) KERNEL_TARGET void OUTPUTS(
    const SCALAR *input, const long *offsets, long taps, const SCALAR *const w[GROUP],
    SCALAR *const out[GROUP], const SCALAR *bias, long o, const int V, const int masked, long valid,
    int resume)
{
    VEC acc[GROUP][BLOCK];
    MASK mask = MASK_FIRST(valid - (V - 1) * LANES);
    for (int j = 0; j < GROUP; j++)
        for (int v = 0; v < V; v++) {
            if (resume && out[j])
                acc[j][v] = masked && v == V - 1 ? MASKLOAD(out[j] + o + v * LANES, mask) : LOADU(out[j] + o + v * LANES);
            else
                acc[j][v] = ZERO();
        }
    for (long k = 0; k < taps; k++) {
        const SCALAR *p = input + offsets[k] + o;
        VEC x[BLOCK];
        for (int v = 0; v < V; v++)
            x[v] = masked && v == V - 1 ? MASKLOAD(p + v * LANES, mask) : LOADU(p + v * LANES);
        for (int j = 0; j < GROUP; j++) {
            VEC b = SET1(w[j][k]);
            for (int v = 0; v < V; v++) acc[j][v] = FMADD(b, x[v], acc[j][v]);
        }
    }
    for (int j = 0; j < GROUP; j++) {
        if (!out[j]) continue;
        if (bias) {
            VEC b = SET1(bias[j]);
            for (int v = 0; v < V; v++) acc[j][v] = ADD(acc[j][v], b);
        }
        for (int v = 0; v < V; v++) {
            if (masked && v == V - 1) MASKSTORE(out[j] + o + v * LANES, mask, acc[j][v]);
            else STOREU(out[j] + o + v * LANES, acc[j][v]);
        }
    }
}

KERNEL_TARGET void FUNCTION(const ConvolveChannelBlock *a)
{
    const SCALAR *weights = (const SCALAR *)a->weights;
    const long count = a->count, taps = a->taps;
    const long chunk = a->tapChunk > 0 && a->tapChunk < taps ? a->tapChunk : taps;
    for (long h = 0; h < a->channels; h += GROUP) {
        /* Channels past the last compute the last one's sums again and store nothing. */
        const SCALAR *w0[GROUP];
        for (int j = 0; j < GROUP; j++) w0[j] = weights + (h + j < a->channels ? h + j : a->channels - 1) * a->weightStride;
        /* The group's biases (past the last channel, the last one's: nothing is stored there). */
        SCALAR b[GROUP];
        for (int j = 0; j < GROUP; j++)
            b[j] = a->bias ? ((const SCALAR *)a->bias)[h + j < a->channels ? h + j : a->channels - 1] : 0;
        for (long k0 = 0; k0 < taps; k0 += chunk) {
            const long n = taps - k0 < chunk ? taps - k0 : chunk;
            const int resume = k0 > 0;
            const SCALAR *bias = a->bias && k0 + n == taps ? b : 0;
            const long *offsets = a->offsets + k0;
            const SCALAR *w[GROUP];
            for (int j = 0; j < GROUP; j++) w[j] = w0[j] + k0;
            for (long r = 0; r < a->runs; r++) {
                const SCALAR *input = (const SCALAR *)a->input + r * a->inputRunStep;
                SCALAR *o[GROUP];
                for (int j = 0; j < GROUP; j++)
                    o[j] = h + j < a->channels ? (SCALAR *)a->out + (h + j) * a->outStride + r * a->outRunStep : 0;
                long x = 0;
                for (; x + BLOCK * LANES <= count; x += BLOCK * LANES)
                    OUTPUTS(input, offsets, n, w, o, bias, x, BLOCK, 0, BLOCK * LANES, resume);
                long rest = count - x;
#if BLOCK == 3
                if (rest > 2 * LANES) OUTPUTS(input, offsets, n, w, o, bias, x, 3, 1, rest, resume);
                else
#endif
                if (rest > LANES) OUTPUTS(input, offsets, n, w, o, bias, x, 2, 1, rest, resume);
                else if (rest > 0) OUTPUTS(input, offsets, n, w, o, bias, x, 1, 1, rest, resume);
            }
        }
    }
}

#undef KERNEL_TARGET
#undef SCALAR
#undef VEC
#undef LANES
#undef GROUP
#undef BLOCK
#undef LOADU
#undef STOREU
#undef SET1
#undef ZERO
#undef ADD
#undef FMADD
#undef MASK
#undef MASK_FIRST
#undef MASKLOAD
#undef MASKSTORE
#undef FUNCTION
#undef OUTPUTS
