#ifndef CURATOR_CBLAS_SHIM_H
#define CURATOR_CBLAS_SHIM_H
// OpenBLAS from Debian's libopenblas-dev; pkg-config `openblas` supplies the include path.
#include <cblas.h>
#include <stddef.h>

// LAPACK routines that libopenblas also exports (Fortran calling convention: every argument
// by pointer, plus the hidden length of each character argument, always 1 here).
void spotrf_(const char *uplo, const int *n, float *a, const int *lda, int *info, size_t uplo_len);
void spotri_(const char *uplo, const int *n, float *a, const int *lda, int *info, size_t uplo_len);
void sposv_(const char *uplo, const int *n, const int *nrhs, float *a, const int *lda,
            float *b, const int *ldb, int *info, size_t uplo_len);
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info, size_t uplo_len);

/// Cholesky factorisation of a symmetric positive definite n × n matrix, in place.
/// Returns LAPACK's info: 0 on success, k > 0 when the leading minor of order k is not positive.
static inline int curator_spotrf(char uplo, int n, float *a, int lda) {
    int info = 0;
    spotrf_(&uplo, &n, a, &lda, &info, 1);
    return info;
}

/// The inverse from a Cholesky factor (one triangle written), in place. Returns LAPACK's info.
static inline int curator_spotri(char uplo, int n, float *a, int lda) {
    int info = 0;
    spotri_(&uplo, &n, a, &lda, &info, 1);
    return info;
}

/// Solves A x = b for symmetric positive definite A (overwritten by its factor); b becomes x.
static inline int curator_sposv(char uplo, int n, float *a, int lda, float *b) {
    int info = 0, nrhs = 1, ldb = n;
    sposv_(&uplo, &n, &nrhs, a, &lda, b, &ldb, &info, 1);
    return info;
}
/// `curator_sposv` in double precision.
static inline int curator_dposv(char uplo, int n, double *a, int lda, double *b) {
    int info = 0, nrhs = 1, ldb = n;
    dposv_(&uplo, &n, &nrhs, a, &lda, b, &ldb, &info, 1);
    return info;
}
#endif
