#include <cblas.h>

/* LAPACK's divide-and-conquer SVD, which libopenblas exports (Debian's OpenBLAS is built
   with LAPACK) but declares in no header it installs: the Fortran interface, every
   argument by pointer, column-major arrays. */
void dgesdd_(const char *jobz, const int *m, const int *n, double *a, const int *lda, double *s,
             double *u, const int *ldu, double *vt, const int *ldvt, double *work, const int *lwork,
             int *iwork, int *info);
