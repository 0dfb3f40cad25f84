/* The channel-vector kernel (ChannelVectors.h), written once and included by
   ChannelVectors.c for each precision with these names defined:
     KERNEL_TARGET  the function attribute naming the instruction set
     SCALAR  float or double        VEC  its vector type        LANES  its lanes
     LOADU(p), STOREU(p, v), BROADCAST(p), ZERO(), FMADD(a, b, c)
     FUNCTION  the public entry point; TILE, TILE_TAIL  its helpers; PACK_BLOCK(rows, stride, n, k0, k1,
     packed) the packing of one block's taps [k0, k1) and STORE_TILE(acc, bias, out, stride,
     jn, n, whole) the store of one tile's sums (ChannelVectors.c) */

#define TILE_POSITIONS 6

/* What every tap k of a tile reads (in TILE and TILE_TAIL): its offset o, its two weight
   vectors w0 and w1, and its fetch of the next block's share. */
#define TAP_OPERANDS(k)                                                                        \
    const long o = offsets[k];                                                                 \
    const VEC w0 = LOADU(w + 2 * LANES * ((k) - k0)), w1 = LOADU(w + 2 * LANES * ((k) - k0) + LANES); \
    if (fetch) _mm_prefetch(fetch + ((((k) - k0) * fetchStep) >> 8), _MM_HINT_T1)

/* TILE_TAP(k) over the tile's taps: list[0 ..< listCount], or all of k0 ..< k1. */
#define FOR_EACH_TAP                                                                           \
    if (list) {                                                                                \
        for (long j = 0; j < listCount; j++) TILE_TAP(list[j]);                                \
    } else {                                                                                   \
        for (long k = k0; k < k1; k++) TILE_TAP(k);                                            \
    }

/* Taps [k0, k1) of one tile: six positions' samples at in[i] = input + positions[i] and
   one block's packed weights w (2·LANES per tap, w[0] tap k0's). The sums start from 0 or,
   with `resume`, from acc (6 × 2·LANES scalars, position-major), and end in acc. With
   `fetch` (not NULL), tap k also fetches the line at fetch + ((k − k0)·fetchStep >> 8)
   into L2: a span of fetchStep·(k1 − k0)/256 bytes spread over the tile's taps. With
   `list` (not NULL), only the taps list[0 ..< listCount] (ascending, within [k0, k1)). */
static inline __attribute__((always_inline)) KERNEL_TARGET void TILE(
    const SCALAR *const in[TILE_POSITIONS], const long *offsets, long k0, long k1, const SCALAR *w,
    SCALAR *acc, int resume, const char *fetch, long fetchStep, const long *list, long listCount)
{
    VEC a00, a01, a10, a11, a20, a21, a30, a31, a40, a41, a50, a51;
    if (resume) {
        a00 = LOADU(acc + 0 * LANES); a01 = LOADU(acc + 1 * LANES);
        a10 = LOADU(acc + 2 * LANES); a11 = LOADU(acc + 3 * LANES);
        a20 = LOADU(acc + 4 * LANES); a21 = LOADU(acc + 5 * LANES);
        a30 = LOADU(acc + 6 * LANES); a31 = LOADU(acc + 7 * LANES);
        a40 = LOADU(acc + 8 * LANES); a41 = LOADU(acc + 9 * LANES);
        a50 = LOADU(acc + 10 * LANES); a51 = LOADU(acc + 11 * LANES);
    } else {
        a00 = a01 = a10 = a11 = a20 = a21 = a30 = a31 = a40 = a41 = a50 = a51 = ZERO();
    }
    const SCALAR *p0 = in[0], *p1 = in[1], *p2 = in[2], *p3 = in[3], *p4 = in[4], *p5 = in[5];
#define TILE_TAP(k)                                                                            \
    do {                                                                                       \
        TAP_OPERANDS(k);                                                                       \
        VEC b;                                                                                 \
        b = BROADCAST(p0 + o); a00 = FMADD(w0, b, a00); a01 = FMADD(w1, b, a01);               \
        b = BROADCAST(p1 + o); a10 = FMADD(w0, b, a10); a11 = FMADD(w1, b, a11);               \
        b = BROADCAST(p2 + o); a20 = FMADD(w0, b, a20); a21 = FMADD(w1, b, a21);               \
        b = BROADCAST(p3 + o); a30 = FMADD(w0, b, a30); a31 = FMADD(w1, b, a31);               \
        b = BROADCAST(p4 + o); a40 = FMADD(w0, b, a40); a41 = FMADD(w1, b, a41);               \
        b = BROADCAST(p5 + o); a50 = FMADD(w0, b, a50); a51 = FMADD(w1, b, a51);               \
    } while (0)
    FOR_EACH_TAP
#undef TILE_TAP
    STOREU(acc + 0 * LANES, a00); STOREU(acc + 1 * LANES, a01);
    STOREU(acc + 2 * LANES, a10); STOREU(acc + 3 * LANES, a11);
    STOREU(acc + 4 * LANES, a20); STOREU(acc + 5 * LANES, a21);
    STOREU(acc + 6 * LANES, a30); STOREU(acc + 7 * LANES, a31);
    STOREU(acc + 8 * LANES, a40); STOREU(acc + 9 * LANES, a41);
    STOREU(acc + 10 * LANES, a50); STOREU(acc + 11 * LANES, a51);
}

/* TILE for a tile of N < 6 positions (N constant at each call, so the loops unroll and
   the 2·N sums stay in registers): the same chains, fewer positions computed. acc keeps
   the 6-position layout (positions N and on untouched). */
static inline __attribute__((always_inline)) KERNEL_TARGET void TILE_TAIL(
    const SCALAR *const in[TILE_POSITIONS], const long *offsets, long k0, long k1, const SCALAR *w,
    SCALAR *acc, int resume, const int N, const char *fetch, long fetchStep, const long *list,
    long listCount)
{
    VEC s[TILE_POSITIONS - 1][2];
    for (int i = 0; i < N; i++)
        for (int v = 0; v < 2; v++) s[i][v] = resume ? LOADU(acc + (2 * i + v) * LANES) : ZERO();
#define TILE_TAP(k)                                                                            \
    do {                                                                                       \
        TAP_OPERANDS(k);                                                                       \
        for (int i = 0; i < N; i++) {                                                          \
            const VEC b = BROADCAST(in[i] + o);                                                \
            s[i][0] = FMADD(w0, b, s[i][0]);                                                   \
            s[i][1] = FMADD(w1, b, s[i][1]);                                                   \
        }                                                                                      \
    } while (0)
    FOR_EACH_TAP
#undef TILE_TAP
    for (int i = 0; i < N; i++)
        for (int v = 0; v < 2; v++) STOREU(acc + (2 * i + v) * LANES, s[i][v]);
}

KERNEL_TARGET void FUNCTION(const ConvolveChannelVectors *a)
{
    enum { WIDTH = 2 * LANES, TILE_SCALARS = TILE_POSITIONS * 2 * LANES };
    const SCALAR *input = (const SCALAR *)a->input, *weights = (const SCALAR *)a->weights;
    const SCALAR *bias = (const SCALAR *)a->bias;
    SCALAR *out = (SCALAR *)a->out, *scratch = (SCALAR *)a->scratch, *packing = (SCALAR *)a->packing;
    const long taps = a->taps, count = a->count, first = a->first, channels = a->channels;
    const long blocks = (channels + WIDTH - 1) / WIDTH, tiles = (count + TILE_POSITIONS - 1) / TILE_POSITIONS;
    /* The count's positions shared as evenly as the tiles allow (`extra` tiles of even + 1,
       the rest of `even`): 49 = 4 × 6 + 5 × 5 rather than 8 × 6 + 1, whose last tile's two
       chains of fused multiply-adds wait on each other's latency (a tile of one position
       took two thirds of a whole tile's time). */
    const long even = count / tiles, extra = count % tiles;
    /* Caller's tiles and tap classes (`tileEnds`): each class's taps of the current pass
       are classTaps[classLo[c] ..< classHi[c]], the list walked on pass by pass. */
    const long *tileEnds = a->tileEnds, *classTaps = a->classTaps;
    const long tileTotal = tileEnds ? a->tileCount : tiles;
    const long classCount = tileEnds ? a->classCount : 0;
    long classLo[CONVOLVE_CHANNEL_VECTOR_CLASSES], classHi[CONVOLVE_CHANNEL_VECTOR_CLASSES];
    for (long c = 0; c < classCount; c++) classHi[c] = a->classStarts[c];
    const long chunk = a->tapChunk > 0 && a->tapChunk < taps ? a->tapChunk : taps;
    SCALAR local[TILE_SCALARS];
    for (long k0 = 0; k0 < taps; k0 += chunk) {
        const long k1 = k0 + chunk < taps ? k0 + chunk : taps;
        const int last = k1 == taps;
        for (long c = 0; c < classCount; c++) {
            long hi = classLo[c] = classHi[c];
            while (hi < a->classStarts[c + 1] && classTaps[hi] < k1) hi++;
            classHi[c] = hi;
        }
        for (long block = 0; block < blocks; block++) {
            const long j0 = block * WIDTH;
            const long jn = channels - j0 < WIDTH ? channels - j0 : WIDTH;
            SCALAR blockBias[WIDTH];
            for (long j = 0; j < WIDTH; j++) blockBias[j] = bias && j < jn ? bias[j0 + j] : 0;
            const SCALAR *w;
            if (packing) {
                PACK_BLOCK(weights + j0 * a->weightStride, a->weightStride, jn, k0, k1, packing);
                w = packing;
            } else {
                w = weights + (block * taps + k0) * WIDTH;
            }
            /* With `prefetchWeights`, the weights the next block reads (or the next pass's
               first block), fetched a share per tile while this block's tiles run: that
               block's rows of the caller's layout when the call packs them, before each
               tile; else its packed span taken as rows of one cache line, each tile's share
               spread over its taps (one fetch a tap), so the fetches never queue up in a
               burst: a prepared c512@7² on one thread ran 2.19–2.23 ms with the bursts before
               each tile and 2.07–2.09 spread (release probe, AMD EPYC Zen 4, best of 15,
               three alternating pairs), where `perf` had put 7% of its samples on the burst
               loop. */
            const char *next = NULL;
            long nextRows = 0, nextBytes = 64, nextStride = 64;
            if (a->prefetchWeights && (block + 1 < blocks || k1 < taps)) {
                const int inThisPass = block + 1 < blocks;
                const long nj0 = inThisPass ? j0 + WIDTH : 0, nk0 = inThisPass ? k0 : k1;
                const long nk1 = inThisPass ? k1 : (k1 + chunk < taps ? k1 + chunk : taps);
                if (packing) {
                    next = (const char *)(weights + nj0 * a->weightStride + nk0);
                    nextRows = channels - nj0 < WIDTH ? channels - nj0 : WIDTH;
                    nextBytes = (nk1 - nk0) * (long)sizeof(SCALAR);
                    nextStride = a->weightStride * (long)sizeof(SCALAR);
                } else {
                    next = (const char *)(weights + (nj0 / WIDTH * taps + nk0) * WIDTH);
                    nextRows = ((nk1 - nk0) * WIDTH * (long)sizeof(SCALAR) + 63) / 64;
                }
            }
            for (long t = 0; t < tileTotal; t++) {
                const char *fetch = NULL;
                long fetchStep = 0;
                if (packing) {
                    prefetch_share(next, nextRows, nextBytes, nextStride, t, tileTotal);
                } else if (next) {
                    const long line0 = nextRows * t / tileTotal, line1 = nextRows * (t + 1) / tileTotal;
                    fetch = next + line0 * 64;
                    fetchStep = ((line1 - line0) * 64 << 8) / (k1 - k0);
                }
                const long p0 = tileEnds ? (t > 0 ? tileEnds[t - 1] : 0) : t * even + (t < extra ? t : extra);
                const long n = tileEnds ? tileEnds[t] - p0 : even + (t < extra);
                const long *list = NULL;
                long listCount = 0;
                if (tileEnds) {
                    const long c = a->tileClass[t];
                    list = classTaps + classLo[c];
                    listCount = classHi[c] - classLo[c];
                }
                const SCALAR *in[TILE_POSITIONS];
                for (int i = 0; i < TILE_POSITIONS; i++)
                    in[i] = input + a->positions[first + p0 + (i < n ? i : n - 1)];
                SCALAR *acc = chunk == taps ? local : scratch + (t * blocks + block) * TILE_SCALARS;
                switch (n) {
                case 1: TILE_TAIL(in, a->offsets, k0, k1, w, acc, k0 > 0, 1, fetch, fetchStep, list, listCount); break;
                case 2: TILE_TAIL(in, a->offsets, k0, k1, w, acc, k0 > 0, 2, fetch, fetchStep, list, listCount); break;
                case 3: TILE_TAIL(in, a->offsets, k0, k1, w, acc, k0 > 0, 3, fetch, fetchStep, list, listCount); break;
                case 4: TILE_TAIL(in, a->offsets, k0, k1, w, acc, k0 > 0, 4, fetch, fetchStep, list, listCount); break;
                case 5: TILE_TAIL(in, a->offsets, k0, k1, w, acc, k0 > 0, 5, fetch, fetchStep, list, listCount); break;
                default: TILE(in, a->offsets, k0, k1, w, acc, k0 > 0, fetch, fetchStep, list, listCount);
                }
                if (!last) continue;
                if (!tileEnds) {
                    STORE_TILE(acc, bias ? blockBias : NULL, out + j0 * a->outStride + first + p0, a->outStride, jn,
                               n, p0 + 8 <= count);
                    continue;
                }
                /* The caller's tiles: one run of outputs stored as above (lanes past the
                   tile masked off), others output by output. */
                const long *at = a->outIndex + first + p0;
                int run = 1;
                for (long i = 1; i < n; i++) run &= at[i] == at[0] + i;
                if (run) {
                    STORE_TILE(acc, bias ? blockBias : NULL, out + j0 * a->outStride + at[0], a->outStride, jn, n, 0);
                    continue;
                }
                for (long j = 0; j < jn; j++) {
                    SCALAR *row = out + (j0 + j) * a->outStride;
                    for (long i = 0; i < n; i++) row[at[i]] = bias ? acc[i * WIDTH + j] + blockBias[j] : acc[i * WIDTH + j];
                }
            }
        }
    }
}

#undef TILE_POSITIONS
#undef TAP_OPERANDS
#undef FOR_EACH_TAP
#undef KERNEL_TARGET
#undef SCALAR
#undef VEC
#undef LANES
#undef LOADU
#undef STOREU
#undef BROADCAST
#undef ZERO
#undef FMADD
#undef FUNCTION
#undef TILE
#undef TILE_TAIL
#undef PACK_BLOCK
#undef STORE_TILE
