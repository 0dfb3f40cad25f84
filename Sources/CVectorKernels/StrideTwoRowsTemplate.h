/* The body of StrideTwoRows.h's kernel for one scalar type; StrideTwoRows.c defines
   KERNEL_TARGET, SCALAR, VEC, LANES, LOADU, STOREU, MASKSTORE, SET1, ZERO, ADD, FMADD,
   EVEN (the even samples of two vectors, in the vector's order), ORDER (that order put
   in place) and FUNCTION, and includes this once per form. */

KERNEL_TARGET void FUNCTION(const ConvolveStrideTwoRows *a)
{
    const SCALAR *padded = (const SCALAR *)a->padded, *w = (const SCALAR *)a->weights;
    SCALAR *out = (SCALAR *)a->out;
    const long width = a->paddedWidth, ky = a->ky, kx = a->kx, sy = a->strideY, dy = a->dilationY;
    const long height = a->outHeight, count = a->outWidth;
    const int biased = a->bias != 0;
    const VEC bias = SET1(biased ? *(const SCALAR *)a->bias : (SCALAR)0);
    for (long oy = 0; oy < height; oy++) {
        const SCALAR *top = padded + oy * sy * width;
        SCALAR *o = out + oy * count;
        long ox = 0;
        for (; ox + 2 * LANES <= count; ox += 2 * LANES) {
            VEC s0 = ZERO(), s1 = ZERO();
            for (long ry = 0; ry < ky; ry++) {
                const SCALAR *p = top + ry * dy * width + 2 * ox;
                const SCALAR *wr = w + ry * kx;
                for (long rx = 0; rx < kx; rx++) {
                    const VEC wv = SET1(wr[rx]);
                    s0 = FMADD(wv, EVEN(LOADU(p + rx), LOADU(p + rx + LANES)), s0);
                    s1 = FMADD(wv, EVEN(LOADU(p + rx + 2 * LANES), LOADU(p + rx + 3 * LANES)), s1);
                }
            }
            s0 = ORDER(s0);
            s1 = ORDER(s1);
            if (biased) {
                s0 = ADD(s0, bias);
                s1 = ADD(s1, bias);
            }
            STOREU(o + ox, s0);
            STOREU(o + ox + LANES, s1);
        }
        for (; ox < count; ox += LANES) {
            VEC s = ZERO();
            for (long ry = 0; ry < ky; ry++) {
                const SCALAR *p = top + ry * dy * width + 2 * ox;
                const SCALAR *wr = w + ry * kx;
                for (long rx = 0; rx < kx; rx++)
                    s = FMADD(SET1(wr[rx]), EVEN(LOADU(p + rx), LOADU(p + rx + LANES)), s);
            }
            s = ORDER(s);
            if (biased) s = ADD(s, bias);
            if (count - ox >= LANES)
                STOREU(o + ox, s);
            else
                MASKSTORE(o + ox, count - ox, s);
        }
    }
}

#undef KERNEL_TARGET
#undef SCALAR
#undef VEC
#undef LANES
#undef LOADU
#undef STOREU
#undef MASKSTORE
#undef SET1
#undef ZERO
#undef ADD
#undef FMADD
#undef EVEN
#undef ORDER
#undef FUNCTION
